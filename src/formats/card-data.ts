import { splitFrontMatter } from "./front-matter.ts";
import { hasErrors } from "./problems.ts";
import { parseYamlSafe } from "./safe-yaml.ts";

/**
 * The YAML front matter of a repository card (README.md) as a plain object: what the Hub calls
 * `cardData`. A card without front matter, or with front matter that does not parse cleanly into
 * a mapping, has none: `{}`.
 */
export function cardDataOf(readme: string | Uint8Array): Record<string, unknown> {
  const text = typeof readme === "string" ? readme : decodeUtf8(readme);
  if (text === null) return {};
  const split = splitFrontMatter(text);
  if (split.kind !== "found") return {};
  const parsed = parseYamlSafe(split.yaml, "README.md");
  if (hasErrors(parsed.problems) || !isPlainObject(parsed.value)) return {};
  return parsed.value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
