/** The YAML block at the top of a Markdown file (a model card), between a first line `---` and the next `---` line. */
export interface FrontMatter {
  /** The YAML text between the fences. */
  yaml: string;
  /** 1-based line of the file on which the YAML text starts. */
  firstLine: number;
}

export type FrontMatterSplit = { kind: "none" } | { kind: "unclosed" } | ({ kind: "found" } & FrontMatter);

const FENCE = /^---[ \t]*$/;

export function splitFrontMatter(markdown: string): FrontMatterSplit {
  const lines = markdown.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) return { kind: "none" };
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) return { kind: "unclosed" };
  return { kind: "found", yaml: lines.slice(1, close).join("\n"), firstLine: 2 };
}
