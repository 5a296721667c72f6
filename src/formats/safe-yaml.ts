import { Composer, Lexer, LineCounter, Parser, YAMLParseError, isAlias, isCollection, isMap, isPair, isScalar, isSeq } from "yaml";
import type { Document, Node as YamlNode, Pair } from "yaml";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import { sortProblems, type PathSegment, type Problem } from "./problems.ts";

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

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
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
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const composed = compose(text, lineCounter, caps.maxDepth);
  if (composed.tooDeepAt !== undefined) {
    return unusable(problem(file, at(composed.tooDeepAt), "too-deep", "Document too complex", tooDeepMessage(caps)), text);
  }
  const doc = composed.doc;
  const locate = (path: readonly PathSegment[], where: "value" | "key" = "value") => at(findOffset(doc, path, where));

  // yaml reports errors in the order it composes nodes, not in document order.
  const problems: Problem[] = sortProblems(doc.errors.map((e) => {
    const code = e.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    const summary = e.code === "DUPLICATE_KEY" ? "Duplicate key" : "Invalid YAML";
    return problem(file, at(e.pos[0]), code, summary, firstLine(e.message));
  }));
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

/**
 * Most nesting the YAML composer is ever given, whatever the caller's maxDepth. yaml's composer recurses once per
 * level; it catches the stack overflow of a deep document, but on Node 20 that overflow can leave V8 unable to
 * compile a regular expression, and the next parse aborts the whole process ("RegExpCompiler Allocation failed").
 */
const COMPOSER_MAX_DEPTH = 256;
/** The parser's stack holds the document and, above the open collections, a few tokens being built. */
const STACK_SLACK = 8;

/** The composed document, or the offset where it became too deep to compose safely. */
type Composed = { doc: Document.Parsed; tooDeepAt?: undefined } | { doc?: undefined; tooDeepAt: number };

/**
 * parseDocument, driven one lexeme at a time so that nesting is measured on the parser's own (iterative) stack and
 * a too-deep document is refused before the (recursive) composer sees it. One pass: the tokens are composed as they come.
 */
function compose(text: string, lineCounter: LineCounter, maxDepth: number): Composed {
  const parser = new Parser(lineCounter.addNewLine);
  // logLevel "error": an untrusted file must not write process warnings (e.g. about collection keys).
  const composer = new Composer({ uniqueKeys: true, schema: "core", strict: true, logLevel: "error" });
  const stackLimit = Math.min(maxDepth, COMPOSER_MAX_DEPTH) + STACK_SLACK;
  const docs: Document.Parsed[] = [];
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) docs.push(...composer.next(token));
    if (docs.length > 1) break; // two documents composed already: the file is refused, no need to read on
    if (parser.stack.length > stackLimit) return { tooDeepAt: parser.offset };
  }
  if (docs.length < 2) {
    for (const token of parser.end()) docs.push(...composer.next(token));
    docs.push(...composer.end(true, text.length));
  }
  const [doc, second] = docs as [Document.Parsed, Document.Parsed | undefined];
  if (second) {
    doc.errors.push(new YAMLParseError([second.range[0], second.range[1]], "MULTIPLE_DOCS", "the file holds more than one YAML document (a second `---`); expected exactly one"));
  }
  return { doc };
}

function tooDeepMessage(caps: FormatLimits): string {
  return `the document nests deeper than ${Math.min(caps.maxDepth, COMPOSER_MAX_DEPTH)} levels`;
}

interface ShapeBreach {
  code: string;
  message: string;
  offset: number | undefined;
}

/** Counts nodes and aliases and measures nesting, in document order, without recursion; stops at the first breach. */
function checkShape(doc: Document.Parsed, caps: FormatLimits): ShapeBreach | null {
  const maxDepth = Math.min(caps.maxDepth, COMPOSER_MAX_DEPTH);
  let nodes = 0;
  let aliases = 0;
  const pending: unknown[] = [doc.contents];
  const depths: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop();
    const depth = depths.pop() ?? 0;
    if (isPair(node)) {
      pending.push(node.value, node.key);
      depths.push(depth, depth);
      continue;
    }
    const collection = isCollection(node);
    if (!collection && !isScalar(node) && !isAlias(node)) continue;
    nodes += 1;
    if (isAlias(node)) aliases += 1;
    const offset = node.range?.[0];
    if (nodes > caps.maxNodes) return { code: "too-many-nodes", message: `the document has more than ${caps.maxNodes} nodes`, offset };
    if (aliases > caps.maxAliases) return { code: "too-many-aliases", message: `the document uses more than ${caps.maxAliases} aliases`, offset };
    if (depth > maxDepth) return { code: "too-deep", message: tooDeepMessage(caps), offset };
    if (collection) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        pending.push(node.items[i]);
        depths.push(depth + 1);
      }
    }
  }
  return null;
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

