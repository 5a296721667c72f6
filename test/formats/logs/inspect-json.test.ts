import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJsonWithNonFinite } from "../../../src/formats/logs/inspect-json.ts";

function parsed(text: string): unknown {
  const result = parseJsonWithNonFinite(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.value;
}

function failure(text: string): { message: string; line: number; column: number } {
  const result = parseJsonWithNonFinite(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected`);
  return result;
}

describe("parseJsonWithNonFinite", () => {
  it("reads the bare NaN, Infinity and -Infinity Python writes", () => {
    expect(parsed('{"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, NaN]}')).toEqual({
      a: NaN,
      b: Infinity,
      c: -Infinity,
      d: [1, NaN],
    });
  });

  it("leaves the same words inside strings alone", () => {
    expect(parsed('{"NaN": "NaN and -Infinity", "x": NaN}')).toEqual({ NaN: "NaN and -Infinity", x: NaN });
  });

  it("decodes escapes in the tolerant path", () => {
    expect(parsed('["a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00", NaN]')).toEqual(['a"b\\c/\né😀', NaN]);
  });

  it("keeps key order and treats __proto__ as an ordinary key", () => {
    const value = parsed('{"z": 1, "__proto__": {"polluted": true}, "a": NaN}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["z", "__proto__", "a"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("rejects other relaxations: single quotes, trailing commas, nan in lower case, leading zeros", () => {
    expect(failure("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: "unexpected ''', expected a property name in double quotes" });
    expect(failure("[1, 2,]")).toMatchObject({ line: 1, column: 7, message: "unexpected ']', expected a value" });
    expect(failure("[nan]")).toMatchObject({ line: 1, column: 2 });
    expect(failure("[01]")).toMatchObject({ line: 1, column: 3, message: "unexpected '1', expected ',' or ']'" });
  });

  it("gives the line and column of a syntax error", () => {
    const text = '{\n  "version": 2,\n  "status": "success"\n  "eval": {}\n}';
    expect(failure(text)).toEqual({ ok: false, line: 4, column: 3, message: "unexpected '\"', expected ',' or '}'" });
  });

  it("points an unterminated string at its opening quote", () => {
    expect(failure('{"a": 1,\n "b": "never closed}')).toMatchObject({ line: 2, column: 7, message: "unterminated string" });
  });

  it("reports end of input, raw control characters and trailing text", () => {
    expect(failure('{"a": [1, 2')).toMatchObject({ line: 1, column: 12, message: "unexpected end of input, expected ',' or ']'" });
    expect(failure('["a\tb"]')).toMatchObject({ line: 1, column: 4, message: "unescaped character U+0009 inside a string" });
    expect(failure("{} {}")).toMatchObject({ line: 1, column: 4, message: "unexpected text after the JSON value" });
    expect(failure("")).toMatchObject({ line: 1, column: 1, message: "unexpected end of input, expected a value" });
  });

  it("refuses nesting deeper than its limit instead of overflowing the stack", () => {
    const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "NaN" + "]".repeat(MAX_JSON_DEPTH + 1);
    expect(failure(deep).message).toBe(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    const fine = "[".repeat(MAX_JSON_DEPTH) + "NaN" + "]".repeat(MAX_JSON_DEPTH);
    expect(parseJsonWithNonFinite(fine).ok).toBe(true);
  });

  it("agrees with JSON.parse on any standard JSON, also when the tolerant path parses it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        // The trailing NaN forces the tolerant parser, which must read the rest exactly as JSON.parse does.
        expect(parsed(`[${text}, NaN]`)).toEqual([JSON.parse(text), NaN]);
      }),
      { numRuns: 300 },
    );
  });
});
