/** A problem found in a file: where it is, what is wrong, and how bad it is. */
export type Severity = "error" | "warning";

export interface Problem {
  /** The file as the caller named it (e.g. `eval.yaml`, `.eval_results/gpqa.yaml`). */
  file: string;
  /** 1-based line and column of the offending node (the document start when there is none). */
  line: number;
  column: number;
  /** Field path in the document, e.g. `tasks[1].field_spec.target`; empty for the whole document. */
  path: string;
  /** Short category shown before the arrow, e.g. `Invalid input`, `Unknown key`. */
  summary: string;
  /** What is wrong, in words a person can act on. */
  message: string;
  severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `invalid-value`, `unknown-key`. */
  code: string;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** `eval.yaml:9:23 ✖ Invalid input → at evaluation_framework: expected one of …` */
export function formatProblem(p: Problem): string {
  const mark = p.severity === "error" ? "✖" : "⚠";
  const where = p.path === "" ? "" : ` → at ${p.path}`;
  return `${p.file}:${p.line}:${p.column} ${mark} ${p.summary}${where}: ${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
