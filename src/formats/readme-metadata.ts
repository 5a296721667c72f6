import { splitFrontMatter } from "./front-matter.ts";
import type { FormatLimits } from "./limits.ts";
import { parseYamlSafe } from "./safe-yaml.ts";

export interface MetadataMessage {
  message: string;
}

/** What HF's `validate-yaml` answers: errors block the upload (Python raises), warnings are shown. */
export interface MetadataCheck {
  errors: MetadataMessage[];
  warnings: MetadataMessage[];
}

const MISSING = "empty or missing yaml metadata in repo card";

/** Checks the YAML metadata block of a README (model or dataset card) with the safe YAML parser. */
export function checkReadmeMetadata(readme: string, limits: Partial<FormatLimits> = {}): MetadataCheck {
  const split = splitFrontMatter(readme);
  if (split.kind === "none") return { errors: [], warnings: [{ message: MISSING }] };
  if (split.kind === "unclosed") {
    return { errors: [], warnings: [{ message: "the '---' on line 1 opens a metadata block that is never closed by another '---' line; it is read as Markdown" }] };
  }
  const parsed = parseYamlSafe(split.yaml, "README.md", limits);
  if (parsed.problems.length > 0) {
    const lineOffset = split.firstLine - 1;
    return {
      errors: parsed.problems.map((p) => ({ message: `README.md metadata, line ${p.line + lineOffset}, column ${p.column}: ${p.summary}: ${p.message}` })),
      warnings: [],
    };
  }
  if (parsed.value === null || parsed.value === undefined) return { errors: [], warnings: [{ message: MISSING }] };
  if (typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { errors: [{ message: "README.md metadata must be a YAML mapping of keys to values" }], warnings: [] };
  }
  return { errors: [], warnings: [] };
}
