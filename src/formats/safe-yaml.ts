import { LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { Document, Node as YamlNode, Pair } from "yaml";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import type { PathSegment, Problem } from "./problems.ts";

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML document: its plain value (undefined when unusable), its problems, and a way back to positions. */
export interface ParsedYaml {
  value: unknown;
  problems: Problem[];
  /** Position of the node at `path`, or of the deepest ancestor that exists. `key` points at the key of a mapping pair. */
  locate(path: readonly PathSegment[], at?: "value" | "key"): Position;
  /** The decoded source text (empty when it could not be decoded). */
  text: string;
}

const START: Position = { line: 1, column: 1 };

function problem(file: string, pos: Position, code: string, summary: string, message: string, path = ""): Problem {
  return { file, line: pos.line, column: pos.column, path, summary, message, severity: "error", code };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Parses untrusted YAML with caps on size, aliases, depth and node count, duplicate keys as errors,
 * and the YAML 1.2 core schema (so an unquoted date stays the text that was written).
 */
export function parseYamlSafe(input: string | Uint8Array, file: string, limits: Partial<FormatLimits> = {}): ParsedYaml {
  const caps = { ...DEFAULT_LIMITS, ...limits };
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  const unusable = (p: Problem, text = ""): ParsedYaml => ({ value: undefined, problems: [p], locate: () => START, text });
  if (size > caps.maxBytes) {
    return unusable(problem(file, START, "too-large", "File too large", `the file is ${size} bytes; the limit is ${caps.maxBytes} bytes`));
  }
  const text = typeof input === "string" ? input : decodeUtf8(input);
  if (text === null) {
    return unusable(problem(file, START, "invalid-utf8", "Invalid encoding", "the file is not valid UTF-8 text"));
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: "core", strict: true });
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: readonly PathSegment[], where: "value" | "key" = "value") => at(findOffset(doc, path, where));

  const problems: Problem[] = doc.errors.map((e) => {
    const code = e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    const summary = e.code === "DUPLICATE_KEY" ? "Duplicate key" : "Invalid YAML";
    return problem(file, at(e.pos[0]), code, summary, firstLine(e.message));
  });
  if (problems.length > 0) return { value: undefined, problems, locate, text };

  const shape = checkShape(doc, caps);
  if (shape) return { value: undefined, problems: [problem(file, at(shape.offset), shape.code, "Document too complex", shape.message)], locate, text };

  try {
    const value = doc.toJS({ maxAliasCount: caps.maxAliases });
    return { value, problems: [], locate, text };
  } catch (err) {
    const message = err instanceof Error ? firstLine(err.message) : String(err);
    return { value: undefined, problems: [problem(file, START, "alias-expansion", "Document too complex", `alias expansion refused: ${message}`)], locate, text };
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

interface ShapeBreach {
  code: string;
  message: string;
  offset: number | undefined;
}

function checkShape(doc: Document.Parsed, caps: FormatLimits): ShapeBreach | null {
  let nodes = 0;
  let aliases = 0;
  let breach: ShapeBreach | null = null;
  visit(doc, (_key, node, path) => {
    if (!isCollection(node) && !isScalar(node) && !isAlias(node)) return undefined;
    nodes += 1;
    const offset = node.range?.[0];
    if (isAlias(node)) aliases += 1;
    const depth = path.filter((p) => isCollection(p)).length;
    if (nodes > caps.maxNodes) breach = { code: "too-many-nodes", message: `the document has more than ${caps.maxNodes} nodes`, offset };
    else if (aliases > caps.maxAliases) breach = { code: "too-many-aliases", message: `the document uses more than ${caps.maxAliases} aliases`, offset };
    else if (depth > caps.maxDepth) breach = { code: "too-deep", message: `the document nests deeper than ${caps.maxDepth} levels`, offset };
    return breach ? visit.BREAK : undefined;
  });
  return breach;
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** Walks the document along `path`; returns the offset of the deepest node reached. */
function findOffset(doc: Document.Parsed, path: readonly PathSegment[], where: "value" | "key"): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyOf(p)) === String(seg));
      if (!pair) return offset;
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      if (last && where === "key") return keyNode?.range?.[0] ?? offset;
      offset = valueNode?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      node = valueNode;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

