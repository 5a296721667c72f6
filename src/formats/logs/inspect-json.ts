/**
 * JSON as Python writes it: standard JSON plus the bare tokens `NaN`, `Infinity` and `-Infinity`
 * (Inspect's pydantic models and `json.dumps` both emit them). Nothing else is relaxed.
 */

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number };

/** Deepest nesting the fallback parser follows before giving up, so hostile input cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 1000;

/**
 * Parses the text. Well-formed standard JSON goes through the native parser; only text it rejects is
 * parsed again by the tolerant parser below, which also locates syntax errors by line and column.
 */
export function parseJsonWithNonFinite(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return new TolerantJsonParser(text).parseDocument();
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORDS: readonly (readonly [string, unknown])[] = [
  ["true", true],
  ["false", false],
  ["null", null],
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
];

class TolerantJsonParser {
  #pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonParseResult {
    try {
      this.#skipWhitespace();
      const value = this.#parseValue(0);
      this.#skipWhitespace();
      if (this.#pos < this.text.length) this.#fail("unexpected text after the JSON value");
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return { ok: false, message: error.message, ...this.#lineAndColumn(error.offset) };
    }
  }

  #parseValue(depth: number): unknown {
    const char = this.text[this.#pos];
    if (char === "{") return this.#parseObject(depth + 1);
    if (char === "[") return this.#parseArray(depth + 1);
    if (char === '"') return this.#parseString();
    for (const [word, value] of KEYWORDS) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.#pos;
    const match = NUMBER.exec(this.text);
    if (match !== null) {
      this.#pos += match[0].length;
      return Number(match[0]);
    }
    return this.#fail(char === undefined ? "unexpected end of input, expected a value" : `unexpected ${describe(char)}, expected a value`);
  }

  #parseObject(depth: number): Record<string, unknown> {
    this.#enter(depth);
    const result: Record<string, unknown> = {};
    this.#pos++;
    this.#skipWhitespace();
    if (this.#consume("}")) return result;
    for (;;) {
      if (this.text[this.#pos] !== '"') this.#expected("a property name in double quotes");
      const key = this.#parseString();
      this.#skipWhitespace();
      if (!this.#consume(":")) this.#expected("':'");
      this.#skipWhitespace();
      // defineProperty, not assignment, so a "__proto__" key stays an ordinary own property as with JSON.parse.
      Object.defineProperty(result, key, { value: this.#parseValue(depth), enumerable: true, writable: true, configurable: true });
      this.#skipWhitespace();
      if (this.#consume("}")) return result;
      if (!this.#consume(",")) this.#expected("',' or '}'");
      this.#skipWhitespace();
    }
  }

  #parseArray(depth: number): unknown[] {
    this.#enter(depth);
    const result: unknown[] = [];
    this.#pos++;
    this.#skipWhitespace();
    if (this.#consume("]")) return result;
    for (;;) {
      result.push(this.#parseValue(depth));
      this.#skipWhitespace();
      if (this.#consume("]")) return result;
      if (!this.#consume(",")) this.#expected("',' or ']'");
      this.#skipWhitespace();
    }
  }

  #parseString(): string {
    const start = this.#pos;
    this.#pos++;
    let out = "";
    let chunkStart = this.#pos;
    for (;;) {
      const char = this.text[this.#pos];
      if (char === undefined) this.#fail("unterminated string", start);
      if (char === '"') {
        out += this.text.slice(chunkStart, this.#pos);
        this.#pos++;
        return out;
      }
      if (char < " ") this.#fail(`unescaped ${describe(char)} inside a string`);
      if (char !== "\\") {
        this.#pos++;
        continue;
      }
      out += this.text.slice(chunkStart, this.#pos);
      out += this.#parseEscape();
      chunkStart = this.#pos;
    }
  }

  #parseEscape(): string {
    const char = this.text[this.#pos + 1];
    if (char === "u") {
      const hex = this.text.slice(this.#pos + 2, this.#pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.#fail("invalid \\u escape");
      this.#pos += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const escaped = char === undefined ? undefined : ESCAPES[char];
    if (escaped === undefined) this.#fail("invalid escape in string");
    this.#pos += 2;
    return escaped;
  }

  #enter(depth: number): void {
    if (depth > MAX_JSON_DEPTH) this.#fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  }

  #skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.#pos] ?? "")) this.#pos++;
  }

  #consume(char: string): boolean {
    if (this.text[this.#pos] !== char) return false;
    this.#pos++;
    return true;
  }

  #expected(what: string): never {
    const char = this.text[this.#pos];
    return this.#fail(char === undefined ? `unexpected end of input, expected ${what}` : `unexpected ${describe(char)}, expected ${what}`);
  }

  #fail(message: string, offset = this.#pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  /** 1-based line and column; columns count UTF-16 code units, as editors that show JSON usually do. */
  #lineAndColumn(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf("\n"); i !== -1 && i < offset; i = this.text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }
}

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `'${char}'`;
}
