import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify, type CreateNodeOptions, type ToStringOptions } from "yaml";
import { INSPECT_SCORERS, INSPECT_SOLVERS } from "../../src/formats/eval-yaml-schema.ts";
import { validateEvalResults, type EvalResultsFile } from "../../src/formats/eval-results.ts";
import { validateEvalYaml, type EvalYamlResult } from "../../src/formats/eval-yaml.ts";
import { DEFAULT_FRAMEWORKS, INSPECT_AI } from "../../src/formats/frameworks.ts";
import { DEFAULT_LIMITS } from "../../src/formats/limits.ts";
import type { Problem } from "../../src/formats/problems.ts";

// Property-based tests of both validators: generated and mutated YAML documents must never make them throw, and
// what they report must be coherent (positions inside the document, an error behind every rejection, acceptance
// surviving a re-serialisation). Every generated document goes through both validators.

/** Documents per property (FUZZ_RUNS to fuzz longer); four properties, each document checked by both validators. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);

const FIXTURE_DIRS = ["../shared/fixtures/eval-yaml", "../shared/fixtures/eval-results"];

function fixtureTexts(dir: string): string[] {
  const out: string[] = [];
  for (const sub of [dir, join(dir, "reconstructed")]) {
    for (const name of readdirSync(sub).sort()) {
      if (name.endsWith(".yaml")) out.push(readFileSync(join(sub, name), "utf8"));
    }
  }
  return out;
}

const [EVAL_YAML_FIXTURES, EVAL_RESULTS_FIXTURES] = FIXTURE_DIRS.map(fixtureTexts) as [string[], string[]];

// ---------------------------------------------------------------------------------------------------------------
// Invariants

class InvariantError extends Error {}

function fail(what: string, detail: unknown): never {
  throw new InvariantError(`${what}: ${JSON.stringify(detail)}`);
}

const isError = (p: Problem) => p.severity === "error";

/** Lines of the document as a YAML parser counts them (line feeds + 1), for text or bytes. */
function lineCount(input: string | Uint8Array): number {
  let lines = 1;
  if (typeof input === "string") {
    for (let i = input.indexOf("\n"); i !== -1; i = input.indexOf("\n", i + 1)) lines += 1;
  } else {
    for (const byte of input) if (byte === 0x0a) lines += 1;
  }
  return lines;
}

function checkProblems(problems: readonly Problem[], lines: number, file: string): void {
  for (const p of problems) {
    if (!Number.isInteger(p.line) || p.line < 1) fail("line is not an integer >= 1", p);
    if (!Number.isInteger(p.column) || p.column < 1) fail("column is not an integer >= 1", p);
    if (p.line > lines + 1) fail(`line beyond the document's ${lines} lines`, p);
    if (typeof p.message !== "string" || p.message.trim() === "") fail("message is not a non-empty string", String(p.message));
    if (typeof p.summary !== "string" || p.summary === "") fail("summary is empty", p);
    if (typeof p.code !== "string" || p.code === "") fail("code is empty", p);
    if (p.severity !== "error" && p.severity !== "warning") fail("unknown severity", p);
    if (p.file !== file) fail("problem names another file", p);
  }
  for (let i = 1; i < problems.length; i++) {
    const [a, b] = [problems[i - 1] as Problem, problems[i] as Problem];
    if (a.line > b.line || (a.line === b.line && a.column > b.column)) fail("problems out of document order", [a, b]);
  }
}

/** The text a validator saw (bytes are only ever accepted when they are UTF-8). */
function textOf(input: string | Uint8Array): string {
  return typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input);
}

type WriteOptions = CreateNodeOptions & ToStringOptions;

/**
 * Options for re-serialising an accepted document; the structure must come back the same. Block scalars are left
 * out: yaml 2.9 writes a whitespace-only string such as " " as a block literal that reads back as "".
 */
const REWRITE_STYLES: WriteOptions[] = [
  {},
  { collectionStyle: "flow" },
  { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", indent: 4 },
  { defaultStringType: "QUOTE_SINGLE", indentSeq: false, lineWidth: 20, minContentWidth: 0 },
  { aliasDuplicateObjects: false, doubleQuotedAsJSON: true, defaultStringType: "QUOTE_DOUBLE" },
];

function rewrite(input: string | Uint8Array, style: number): string {
  const value: unknown = parse(textOf(input), { schema: "core", logLevel: "error" });
  return stringify(value, REWRITE_STYLES[style % REWRITE_STYLES.length]);
}

function checkEvalYaml(input: string | Uint8Array, style: number): EvalYamlResult {
  const result = validateEvalYaml(input, { file: "eval.yaml" });
  checkProblems(result.problems, lineCount(input), "eval.yaml");
  const rejected = result.benchmark === null;
  if (rejected !== result.problems.some(isError)) fail("eval.yaml: a null benchmark must come with an error, and only then", result.problems);
  if (result.benchmark) {
    const again = validateEvalYaml(rewrite(input, style), { file: "eval.yaml" });
    if (again.problems.some(isError)) fail("eval.yaml accepted, then rejected once re-serialised", again.problems);
    expect(again.benchmark).toEqual(result.benchmark);
  }
  return result;
}

function checkEvalResults(input: string | Uint8Array, style: number): EvalResultsFile {
  const result = validateEvalResults(input, { file: "results.yaml" });
  const lines = lineCount(input);
  checkProblems(result.problems, lines, "results.yaml");
  for (const e of result.entries) {
    checkProblems(e.problems, lines, "results.yaml");
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > lines + 1 || !Number.isInteger(e.column) || e.column < 1) fail("entry position", e);
    if ((e.entry === null) !== e.problems.some(isError)) fail("an entry is invalid exactly when it has an error", e.problems);
    for (const p of e.problems) if (!result.problems.includes(p)) fail("an entry problem is missing from the file's problems", p);
  }
  const fileErrors = result.problems.some(isError);
  if (result.entries.some((e) => e.entry === null) && !fileErrors) fail("an invalid entry but no error in the file", result.problems);
  if (result.entries.length === 0 && !fileErrors && !result.problems.some((p) => p.code === "empty")) {
    fail("no entries read, yet neither an error nor an empty-file warning", result.problems);
  }
  if (!fileErrors && result.entries.length > 0) {
    const again = validateEvalResults(rewrite(input, style), { file: "results.yaml" });
    if (again.problems.some(isError)) fail(".eval_results accepted, then rejected once re-serialised", again.problems);
    expect(again.entries.map((e) => e.entry)).toEqual(result.entries.map((e) => e.entry));
  }
  return result;
}

function checkBoth(input: string | Uint8Array, style: number): void {
  checkEvalYaml(input, style);
  checkEvalResults(input, style);
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: values

const TRICKY_TEXT = [
  "", " ", "null", "~", "true", "yes", "No", "1", "-0", "0x1F", "0o17", "1e3", "1_000", ".inf", "-.Inf", ".nan", "-", "- x", ": ", "a: b",
  "#", "# c", "&a", "*a", "!!str", "!!binary x", "'", '"', "\\", "\t", "\n", " lead", "trail ", "[", "]", "{", "}", "%", "@", "`", ",",
  "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "😀", "é", "\u0000", "\u0085", "\u2028", "\uFEFF", "\uD800",
  "ℌ𝔢𝔩𝔩𝔬", "2026-01-15", "2026-01-15T10:00:00Z", "literal:D", "---", "...", "<<", "? x", "| x", "> x",
];

const text = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z][\w./-]{0,24}$/) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
);

const key = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z_]{1,12}$/) }, { weight: 1, arbitrary: text });

const number = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 1000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, 5e-324, 2 ** 53 + 2) },
);

const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** A value of any shape: the "wrong type" for most fields. */
const anything: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** Nesting of sequences and mappings around a leaf, around the depth limit (64). */
const deep = fc.tuple(fc.integer({ min: 1, max: 100 }), scalar).map(([depth, leaf]) => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
});

const wrong = fc.oneof({ weight: 6, arbitrary: anything }, { weight: 1, arbitrary: deep });

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

const dateText = fc.oneof(
  fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.tuple(fc.date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2100-01-01") }), fc.constantFrom("Z", "+02:00", "-0530", "+01", "", " Z")).map(
    ([d, zone]) => `${d.toISOString().slice(0, 19)}${zone}`,
  ),
  fc.constantFrom("2026-02-29", "2024-02-29", "2026-02-30", "2026-13-01", "2026-1-5", "2026-01-15T24:00:00Z", "2026-01-15T23:59:60Z", "15/01/2026", "yesterday", "2026-01-15T10:00:00.123456789+05:30", "2026-01-15t10:00z"),
  text,
);

const url = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "javascript:alert(1)", "ftp://example.com/x", "http://", "https://", "https://exa mple.com", "//example.com", "http://[::1", "https://[::1]/x",
      "https://huggingface.co/datasets/Idavidrein/gpqa", "http://example.com:99999", "mailto:a@b.c", "data:text/html,x", "https://例え.jp/パス",
    ),
  },
  { weight: 1, arbitrary: text },
);

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: documents

type Obj = Record<string, unknown>;

/** Edits applied to a generated object: drop a key, give a key a wrong value, or add an unknown key. */
const edits = fc.array(
  fc.record({ kind: fc.constantFrom("drop", "set", "add"), pick: fc.nat(), key, value: wrong }),
  { maxLength: 3 },
);

function applyEdits(obj: Obj, list: readonly { kind: string; pick: number; key: string; value: unknown }[]): Obj {
  const out: Obj = { ...obj };
  for (const edit of list) {
    const keys = Object.keys(out);
    const existing = keys.length > 0 ? keys[edit.pick % keys.length] : undefined;
    if (edit.kind === "drop" && existing !== undefined) delete out[existing];
    else if (edit.kind === "set" && existing !== undefined) out[existing] = edit.value;
    else Object.defineProperty(out, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const edited = (base: fc.Arbitrary<Obj>, weight = 3): fc.Arbitrary<Obj> =>
  fc.oneof({ weight, arbitrary: base }, { weight: 1, arbitrary: fc.tuple(base, edits).map(([o, e]) => applyEdits(o, e)) });

const dataset = edited(fc.record({ id: text, task_id: text, revision: text }, { requiredKeys: ["id", "task_id"] }));
const source = edited(fc.record({ url, name: text, user: text, org: text }, { requiredKeys: ["url"] }));

/** An entry built only from well-formed parts, so that whole files are often accepted. */
const cleanEntry: fc.Arbitrary<Obj> = fc.record(
  {
    dataset: fc.record({ id: fc.stringMatching(/^[A-Za-z][\w-]{0,12}\/[\w.-]{1,20}$/), task_id: fc.stringMatching(/^[A-Za-z][\w%/-]{0,20}$/) }),
    value: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    date: dateText.filter((d) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/.test(d)),
    source: fc.record({ url: fc.webUrl(), name: fc.stringMatching(/^\S.{0,30}$/) }, { requiredKeys: ["url"] }),
    notes: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: ["dataset", "value"] },
);

const dirtyEntry = edited(
  fc.record(
    {
      dataset,
      value: fc.oneof({ weight: 5, arbitrary: number }, { weight: 1, arbitrary: wrong }),
      date: fc.oneof({ weight: 5, arbitrary: dateText }, { weight: 1, arbitrary: wrong }),
      source: fc.oneof({ weight: 5, arbitrary: source }, { weight: 1, arbitrary: wrong }),
      notes: text,
      verifyToken: text,
    },
    { requiredKeys: ["dataset", "value"] },
  ),
  2,
);

const resultEntry = fc.oneof({ weight: 3, arbitrary: cleanEntry }, { weight: 2, arbitrary: dirtyEntry });

/** Entries, some sharing a dataset or source object so that the serialiser writes anchors and aliases. */
const resultFile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(cleanEntry, { maxLength: 10 }), fc.boolean()).map(([entries, share]) => (share ? shareParts(entries) : entries)) },
  { weight: 4, arbitrary: fc.tuple(fc.array(resultEntry, { maxLength: 10 }), fc.boolean()).map(([entries, share]) => (share ? shareParts(entries) : entries)) },
  { weight: 1, arbitrary: resultEntry },
  { weight: 1, arbitrary: wrong },
);

function shareParts(entries: Obj[]): Obj[] {
  const first = entries[0];
  if (!first) return entries;
  return entries.map((e, i) => (i % 2 === 1 ? { ...e, dataset: first.dataset, ...(first.source ? { source: first.source } : {}) } : e));
}

const step = (names: readonly string[]) =>
  edited(fc.record({ name: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text }), args: fc.dictionary(key, anything, { maxKeys: 3, noNullPrototype: true }) }, { requiredKeys: ["name"] }), 4);

const column = fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z_][\w ]{0,15}$/) }, { weight: 1, arbitrary: text });

const fieldSpec = edited(
  fc.record(
    {
      input: column, target: fc.oneof(column, column.map((c) => `literal:${c}`)), choices: fc.oneof(column, fc.array(column, { maxLength: 5 })),
      input_image: column, id: column, metadata: fc.array(column, { maxLength: 4 }), sandbox: column, files: column, setup: column,
    },
    { requiredKeys: [] },
  ),
  4,
);

const taskId = fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][\w/%-]{0,20}$/) }, { weight: 1, arbitrary: fc.constantFrom("main", "diamond", "default") }, { weight: 1, arbitrary: text });

const inspectTask = edited(
  fc.record(
    {
      id: taskId, config: text, split: text, field_spec: fieldSpec, shuffle_choices: fc.oneof(fc.boolean(), text),
      epochs: fc.oneof(fc.integer({ min: -1, max: 10 }), number, text),
      epoch_reducer: fc.oneof(fc.constantFrom("pass_at_1", "pass_at_10", "at_least_2", "max", "mode", "median", "mean", "pass_at_", "mean ", "avg", "PASS_AT_1"), text),
      solvers: fc.array(step(INSPECT_SOLVERS), { maxLength: 3 }), scorers: fc.array(step(INSPECT_SCORERS), { maxLength: 2 }),
    },
    { requiredKeys: ["id", "field_spec", "solvers", "scorers"] },
  ),
);

const genericTask = edited(fc.record({ id: taskId, config: text, split: text, name: text }, { requiredKeys: ["id"] }));

const framework = fc.oneof(
  { weight: 3, arbitrary: fc.constant(INSPECT_AI) },
  { weight: 3, arbitrary: fc.constantFrom(...DEFAULT_FRAMEWORKS) },
  { weight: 1, arbitrary: fc.constantFrom("Inspect-AI", "inspect_ai", "lm-eval", "") },
  { weight: 1, arbitrary: wrong },
);

const evalYamlDoc: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 9,
    arbitrary: edited(
      fc.record(
        {
          name: text, description: text, evaluation_framework: framework,
          tasks: fc.oneof({ weight: 6, arbitrary: fc.array(fc.oneof(inspectTask, genericTask), { maxLength: 4 }) }, { weight: 1, arbitrary: wrong }),
        },
        { requiredKeys: ["name", "description", "tasks"] },
      ),
    ),
  },
  { weight: 1, arbitrary: wrong },
);

/** How a generated value is written out: every style the serialiser has. */
const serialiseOptions: fc.Arbitrary<WriteOptions> = fc.record(
  {
    indent: fc.integer({ min: 1, max: 8 }),
    indentSeq: fc.boolean(),
    collectionStyle: fc.constantFrom("any", "block", "flow"),
    defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
    defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"),
    lineWidth: fc.constantFrom(0, 20, 80),
    minContentWidth: fc.constantFrom(0, 20),
    aliasDuplicateObjects: fc.boolean(),
    flowCollectionPadding: fc.boolean(),
    directives: fc.constantFrom(null, true, false),
    doubleQuotedAsJSON: fc.boolean(),
  },
  { requiredKeys: [] },
);

const serialised = (value: fc.Arbitrary<unknown>) => fc.tuple(value, serialiseOptions).map(([v, options]) => stringify(v, options));

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: mutations of the real fixture files

const INSERTS = [
  "\t", ":", ": ", "'", '"', "&a ", "*a", "&a", "*a ", "- ", "-", "[", "]", "{", "}", "#", "\n", "\r\n", "\r", "---\n", "...\n", "? ", "!!str ",
  "!!binary ", "!foo ", "%YAML 1.2\n", "\u0000", "\uFEFF", "|\n", ">-\n", ",", "\\", "<<: *a\n", "~", "null", "1e999", ".nan", "  ", "x: &a [1, 2]\n",
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), insert: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), fc.constantFrom(...INSERTS)) }),
  fc.record({ kind: fc.constantFrom("delete-line" as const, "duplicate-line" as const, "swap-lines" as const), at: fc.nat(), insert: fc.constant("") }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), insert: fc.constantFrom(" ", "  ", "    ", "\t", "-1", "-2", "-4") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(), insert: fc.constant("") }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), insert: fc.constantFrom(...INSERTS) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(source: string, m: Mutation): string {
  const lines = source.split("\n");
  const line = m.at % Math.max(lines.length, 1);
  const offset = source.length === 0 ? 0 : m.at % (source.length + 1);
  switch (m.kind) {
    case "flip":
      return source.slice(0, offset) + m.insert + source.slice(offset + 1);
    case "insert":
      return source.slice(0, offset) + m.insert + source.slice(offset);
    case "truncate":
      return source.slice(0, offset);
    case "delete-line":
      lines.splice(line, 1);
      return lines.join("\n");
    case "duplicate-line":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case "swap-lines": {
      const other = (line + 1) % lines.length;
      [lines[line], lines[other]] = [lines[other] ?? "", lines[line] ?? ""];
      return lines.join("\n");
    }
    case "indent": {
      const current = lines[line] ?? "";
      const remove = m.insert.startsWith("-") ? Number(m.insert.slice(1)) : 0;
      lines[line] = remove > 0 ? current.replace(new RegExp(`^ {0,${remove}}`), "") : m.insert + current;
      return lines.join("\n");
    }
  }
}

const byteFlips = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 3 });

/** A fixture with a few mutations; sometimes handed over as bytes with raw byte flips (invalid UTF-8 included). */
const mutatedFixture = (fixtures: readonly string[]) =>
  fc.tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteFlips })).map(
    ([source, mutations, flips]): string | Uint8Array => {
      const mutated = mutations.reduce(mutate, source);
      if (flips.length === 0) return mutated;
      const bytes = new TextEncoder().encode(mutated);
      for (const f of flips) if (bytes.length > 0) bytes[f.at % bytes.length] = f.byte;
      return bytes;
    },
  );

const style = fc.nat({ max: REWRITE_STYLES.length - 1 });

// ---------------------------------------------------------------------------------------------------------------

// Thousands of documents per property: on a loaded 2-core CI machine this takes minutes, not the default 60 s.
const FUZZ_TIMEOUT_MS = 600_000;

describe("validators under generated documents", () => {
  it("hold their invariants on generated .eval_results documents", { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(fc.property(serialised(resultFile), style, (doc, s) => checkBoth(doc, s)), { numRuns: RUNS });
  });

  it("hold their invariants on generated eval.yaml documents", { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(fc.property(serialised(evalYamlDoc), style, (doc, s) => checkBoth(doc, s)), { numRuns: RUNS });
  });

  it("hold their invariants on mutated .eval_results fixtures", { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(fc.property(mutatedFixture(EVAL_RESULTS_FIXTURES), style, (doc, s) => checkBoth(doc, s)), { numRuns: RUNS });
  });

  it("hold their invariants on mutated eval.yaml fixtures", { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(fc.property(mutatedFixture(EVAL_YAML_FIXTURES), style, (doc, s) => checkBoth(doc, s)), { numRuns: RUNS });
  });

  it("generate documents that are accepted as well as rejected", () => {
    // Guards the generators: a fuzzer whose documents are all rejected would not exercise the re-serialisation.
    const sample = <T>(arb: fc.Arbitrary<T>) => fc.sample(arb, { numRuns: 400, seed: 7 });
    const results = sample(serialised(resultFile)).map((d) => validateEvalResults(d));
    const yamls = sample(serialised(evalYamlDoc)).map((d) => validateEvalYaml(d));
    const accepted = (r: EvalResultsFile) => r.entries.length > 0 && !r.problems.some(isError);
    expect(results.filter(accepted).length).toBeGreaterThan(20);
    expect(results.filter((r) => !accepted(r)).length).toBeGreaterThan(20);
    expect(yamls.filter((r) => r.benchmark !== null).length).toBeGreaterThan(20);
    expect(yamls.filter((r) => r.benchmark === null).length).toBeGreaterThan(20);
    const mutants = sample(mutatedFixture(EVAL_RESULTS_FIXTURES)).map((d) => validateEvalResults(d));
    expect(mutants.filter(accepted).length).toBeGreaterThan(20);
    expect(mutants.filter((r) => r.problems.some((p) => p.code === "yaml-syntax")).length).toBeGreaterThan(20);
  });
});

describe("hostile documents", () => {
  it("refuses a billion-laughs document at alias expansion", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const doc = `${levels.join("\n")}\n`;
    for (const result of [validateEvalYaml(doc).problems, validateEvalResults(doc).problems]) {
      expect(result).toHaveLength(1);
      expect(result[0]).toMatchObject({ code: "alias-expansion", severity: "error", summary: "Document too complex" });
      expect(result[0]?.message).toMatch(/^alias expansion refused: .*alias/i);
    }
  });

  it("refuses a document with more aliases than the limit", () => {
    const doc = `base: &b {x: 1}\nall: [${Array(DEFAULT_LIMITS.maxAliases + 1).fill("*b").join(", ")}]\n`;
    const [problem] = validateEvalResults(doc).problems;
    expect(problem).toMatchObject({ code: "too-many-aliases", line: 2, message: `the document uses more than ${DEFAULT_LIMITS.maxAliases} aliases` });
  });

  it("refuses a 2 MiB file with the size error, as text or bytes", () => {
    const line = "- dataset: {id: a/b, task_id: t}\n  value: 1\n";
    const big = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)).slice(0, 2 * 1024 * 1024);
    for (const input of [big, new TextEncoder().encode(big)]) {
      for (const problems of [validateEvalResults(input).problems, validateEvalYaml(input).problems]) {
        expect(problems).toEqual([
          expect.objectContaining({ code: "too-large", line: 1, column: 1, severity: "error", message: `the file is ${2 * 1024 * 1024} bytes; the limit is ${DEFAULT_LIMITS.maxBytes} bytes` }),
        ]);
      }
    }
  });

  it.each([
    ["flow sequences", (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`],
    ["flow mappings", (n: number) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`],
    ["compact block sequences", (n: number) => `${"- ".repeat(n)}x`],
  ])("refuses deep %s before composing them, call after call", (_name, nest) => {
    // 5,000 levels overflow the YAML composer's stack; on Node 20 that used to abort the process on the next parse.
    for (let i = 0; i < 5; i++) {
      for (const problems of [validateEvalResults(nest(5_000)).problems, validateEvalYaml(nest(5_000)).problems]) {
        expect(problems).toEqual([expect.objectContaining({ code: "too-deep", line: 1, message: `the document nests deeper than ${DEFAULT_LIMITS.maxDepth} levels` })]);
      }
    }
    expect(validateEvalResults(nest(DEFAULT_LIMITS.maxDepth)).problems.map((p) => p.code)).not.toContain("too-deep");
    expect(validateEvalResults(nest(DEFAULT_LIMITS.maxDepth + 1)).problems.map((p) => p.code)).toContain("too-deep");
  });

  it("reads keys named like Object.prototype members as plain unknown keys", () => {
    const doc = "- dataset: {id: a/b, task_id: t, constructor: 1}\n  value: 1\n  toString: 2\n  __proto__: {x: 1}\n";
    const r = validateEvalResults(doc);
    expect(r.entries[0]?.entry).toEqual({ dataset: { id: "a/b", task_id: "t" }, value: 1 });
    expect(r.problems.map((p) => [p.path, p.code, p.severity, typeof p.message])).toEqual([
      ["[0].dataset.constructor", "unknown-key", "warning", "string"],
      ["[0].toString", "unknown-key", "warning", "string"],
      ["[0].__proto__", "unknown-key", "warning", "string"],
    ]);
    const evalYaml = "name: N\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - id: t\n    constructor: x\n";
    expect(validateEvalYaml(evalYaml).problems.map((p) => [p.path, p.code, p.severity])).toEqual([["tasks[0].constructor", "unknown-key", "warning"]]);
  });
});
