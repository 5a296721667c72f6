import type { z } from "zod";
import type { ParsedYaml } from "./safe-yaml.ts";
import { formatPath, type PathSegment, type Problem, type Severity } from "./problems.ts";
import { suggest } from "./suggest.ts";

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  file: string;
  yaml: ParsedYaml;
  /** Prefix added to every issue path (when a sub-value was validated on its own). */
  base?: PathSegment[];
  /** Known keys per path, for "did you mean" on unknown keys. */
  knownKeys?: (path: PathSegment[]) => readonly string[];
}

/** Turns schema issues into located, readable problems. */
export function problemsFromIssues(issues: readonly Issue[], ctx: IssueContext): Problem[] {
  const out: Problem[] = [];
  const reported = new Set<string>();
  for (const issue of issues) {
    const path = [...(ctx.base ?? []), ...(issue.path as PathSegment[])];
    // One problem per field: a failed format check makes the refinements after it noise.
    const key = `${issue.code === "unrecognized_keys" ? "keys:" : ""}${formatPath(path)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(unknownKey(ctx, path, key, "error"));
      continue;
    }
    const described = describe(issue, path);
    let { summary, message } = described;
    let code = codeOf(issue);
    if (issue.code === "invalid_value") {
      const given = valueAt(ctx.yaml.value, path);
      if (given === undefined) {
        summary = "Missing field";
        code = "missing-field";
        message = `\`${String(path[path.length - 1])}\` is required: ${message}`;
      }
      const near = typeof given === "string" ? suggest(given, issue.values.map(String), 1) : [];
      if (near.length > 0) message += `; did you mean \`${near[0]}\`?`;
    }
    const pos = ctx.yaml.locate(path);
    out.push({ file: ctx.file, ...pos, path: formatPath(path), summary, message, severity: "error", code });
  }
  return out;
}

export function unknownKey(ctx: IssueContext, parent: PathSegment[], key: string, severity: Severity, hint?: string): Problem {
  const path = [...parent, key];
  const near = suggest(key, ctx.knownKeys?.(parent) ?? [], 1);
  const message = hint ?? (near.length > 0 ? `\`${key}\` is not a known field; did you mean \`${near[0]}\`?` : `\`${key}\` is not a known field here`);
  return { file: ctx.file, ...ctx.yaml.locate(path, "key"), path: formatPath(path), summary: "Unknown key", message, severity, code: "unknown-key" };
}

function codeOf(issue: Issue): string {
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return "missing-field";
  return issue.code.replace(/_/g, "-");
}

function describe(issue: Issue, path: PathSegment[]): { summary: string; message: string } {
  const field = path.length > 0 ? String(path[path.length - 1]) : "the document";
  switch (issue.code) {
    case "invalid_type": {
      const received = / received (\w+)$/.exec(issue.message)?.[1] ?? "something else";
      if (received === "undefined") return { summary: "Missing field", message: `\`${field}\` is required (expected ${article(issue.expected)})` };
      return { summary: "Invalid input", message: `expected ${article(issue.expected)}, received ${received}` };
    }
    case "invalid_value":
      return { summary: "Invalid input", message: `expected one of ${issue.values.map(String).join(", ")}` };
    case "too_small":
      if (issue.origin === "array") return { summary: "Too few items", message: `expected at least ${issue.minimum} item(s)` };
      if (issue.origin === "string") return { summary: "Invalid input", message: "must not be empty" };
      return { summary: "Too small", message: `must be at least ${issue.minimum}` };
    case "too_big":
      return { summary: "Too big", message: `must be at most ${issue.maximum}` };
    case "invalid_format": {
      const custom = !/^Invalid /.test(issue.message);
      return { summary: "Invalid format", message: custom ? issue.message : issue.format === "regex" ? `must match ${issue.pattern}` : issue.message };
    }
    default:
      return { summary: "Invalid input", message: issue.message.replace(/^Invalid input: /, "") };
  }
}

function article(expected: string): string {
  const word = expected === "int" ? "integer" : expected;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
