// Scenario `formats`: how fast the eval.yaml and .eval_results validators are, against plain `yaml` parse() of the
// same text in the same run (the goal: validation costs at most twice the parse alone).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { resultEntrySchema } from "../src/formats/eval-results-schema.ts";
import { validateEvalResults } from "../src/formats/eval-results.ts";
import { validateEvalYaml } from "../src/formats/eval-yaml.ts";
import { parseYamlSafe } from "../src/formats/safe-yaml.ts";
import type { Scenario, ScenarioResult, Table } from "./main.ts";

const FIXTURES = "../shared/fixtures";
const RESULT_FILES = 2_000;
const EVAL_YAML_FILES = 500;
/** Share of entries (or eval.yaml files) made invalid on purpose, so that the error path is part of the cost. */
const INVALID_SHARE = 0.02;
const WARMUP_ROUNDS = 2;
const TIMED_ROUNDS = 7;
const GOAL = 2;

type Obj = Record<string, unknown>;

/** Small deterministic PRNG (mulberry32), so that every run measures the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixtureTexts(kind: string): string[] {
  const dir = join(FIXTURES, kind);
  const names = [...readdirSync(dir).map((n) => join(dir, n)), ...readdirSync(join(dir, "reconstructed")).map((n) => join(dir, "reconstructed", n))];
  return names.filter((n) => n.endsWith(".yaml")).sort().map((n) => readFileSync(n, "utf8"));
}

interface Corpus {
  texts: string[];
  bytes: number;
  /** Result entries, or eval.yaml tasks, across the corpus. */
  entries: number;
  /** How many entries (or files) were made invalid. */
  invalid: number;
}

const NOTES = ["No tools", "With tools", "5-shot, flexible-extract", "thinking mode on, temp=0.7", "Reasoning: medium", "Excluding Headers & Footers category"];

/** `.eval_results` files of 1–10 entries, each a fixture entry with its own value, date, source and notes. */
function resultCorpus(): Corpus {
  const rng = random(20260115);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const bases = fixtureTexts("eval-results")
    .filter((t) => !validateEvalResults(t).problems.some((p) => p.severity === "error"))
    .flatMap((t) => parse(t) as Obj[]);
  const texts: string[] = [];
  let entries = 0;
  let invalid = 0;
  for (let f = 0; f < RESULT_FILES; f++) {
    const count = 1 + Math.floor(rng() * 10);
    const list: Obj[] = [];
    for (let i = 0; i < count; i++) {
      const base = pick(bases);
      const dataset = { ...(base.dataset as Obj) };
      const entry: Obj = { dataset, value: Math.round(rng() * 10_000) / 100 };
      if (rng() < INVALID_SHARE) {
        delete dataset.task_id;
        invalid += 1;
      }
      if (rng() < 0.7) entry.date = `202${Math.floor(rng() * 7)}-${String(1 + Math.floor(rng() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rng() * 28)).padStart(2, "0")}`;
      if (base.source && rng() < 0.9) entry.source = { ...(base.source as Obj) };
      if (rng() < 0.4) entry.notes = pick(NOTES);
      list.push(entry);
    }
    entries += count;
    texts.push(stringify(list));
  }
  return { texts, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), entries, invalid };
}

/** eval.yaml files: the valid fixtures with other names and 1–10 tasks. */
function evalYamlCorpus(): Corpus {
  const rng = random(20260204);
  const bases = fixtureTexts("eval-yaml")
    .filter((t) => validateEvalYaml(t).benchmark !== null)
    .map((t) => parse(t) as Obj);
  const texts: string[] = [];
  let entries = 0;
  let invalid = 0;
  for (let f = 0; f < EVAL_YAML_FILES; f++) {
    const base = bases[f % bases.length] as Obj;
    const baseTasks = base.tasks as Obj[];
    const count = 1 + Math.floor(rng() * 10);
    const tasks = Array.from({ length: count }, (_, i) => ({ ...(baseTasks[i % baseTasks.length] as Obj), id: `task_${f}_${i}` }));
    const doc: Obj = { ...base, name: `${String(base.name)} ${f}`, tasks };
    if (rng() < INVALID_SHARE) {
      delete doc.evaluation_framework;
      invalid += 1;
    }
    entries += count;
    texts.push(stringify(doc));
  }
  return { texts, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), entries, invalid };
}

interface Contender {
  name: string;
  /** Handles file `i` of the corpus; returns a checksum so that the work cannot be optimised away. */
  run(i: number): number;
}

/** Files per slice: contenders take turns slice by slice, so that a busy machine slows them all alike. */
const SLICE = 50;

/** Median time of a whole pass over the corpus, per contender. */
function measure(files: number, contenders: Contender[]): Map<string, number> {
  const times = contenders.map((): number[] => []);
  let sink = 0;
  for (let round = 0; round < WARMUP_ROUNDS + TIMED_ROUNDS; round++) {
    const totals = contenders.map(() => 0);
    for (let start = 0, slice = 0; start < files; start += SLICE, slice++) {
      const end = Math.min(files, start + SLICE);
      for (let k = 0; k < contenders.length; k++) {
        const index = (slice + k) % contenders.length;
        const c = contenders[index] as Contender;
        const t0 = process.hrtime.bigint();
        for (let i = start; i < end; i++) sink += c.run(i);
        totals[index] = (totals[index] ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6;
      }
    }
    if (round >= WARMUP_ROUNDS) totals.forEach((ms, k) => times[k]?.push(ms));
  }
  if (Number.isNaN(sink)) throw new Error("unreachable: keeps the checksums alive");
  const medians = new Map<string, number>();
  contenders.forEach((c, k) => {
    const sorted = [...(times[k] ?? [])].sort((a, b) => a - b);
    medians.set(c.name, sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
  });
  return medians;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function tableFor(corpus: Corpus, contenders: Contender[], baseline: string, unit: string): { table: Table; ratio: number; medians: Map<string, number> } {
  const medians = measure(corpus.texts.length, contenders);
  const base = medians.get(baseline) ?? Number.NaN;
  const rows = contenders.map((c) => {
    const ms = medians.get(c.name) ?? Number.NaN;
    return [
      c.name,
      fmt(ms, 1),
      fmt((corpus.texts.length / ms) * 1000),
      fmt((corpus.entries / ms) * 1000),
      fmt(corpus.bytes / 1024 / 1024 / (ms / 1000), 2),
      `${fmt(ms / base, 2)}×`,
    ];
  });
  const validator = contenders[contenders.length - 1]?.name ?? "";
  const ratio = (medians.get(validator) ?? Number.NaN) / base;
  return { table: { headers: ["", "ms / pass (median)", "files / s", `${unit} / s`, "MiB / s", "vs parse()"], rows }, ratio, medians };
}

function checksum(problems: readonly { severity: string }[]): number {
  let n = 0;
  for (const p of problems) if (p.severity === "error") n += 1;
  return n;
}

function run(): ScenarioResult {
  const results = resultCorpus();
  const evalYamls = evalYamlCorpus();

  // The planted errors are found, and only they: the validators below do the work being timed.
  const foundInvalid = results.texts.reduce((n, t) => n + validateEvalResults(t).entries.filter((e) => e.entry === null).length, 0);
  const foundBadYaml = evalYamls.texts.filter((t) => validateEvalYaml(t).benchmark === null).length;
  if (foundInvalid !== results.invalid || foundBadYaml !== evalYamls.invalid) {
    throw new Error(`corpus check failed: ${foundInvalid}/${results.invalid} invalid entries, ${foundBadYaml}/${evalYamls.invalid} invalid eval.yaml`);
  }
  const parsedFiles = results.texts.map((t) => parse(t) as unknown[]);

  const r = tableFor(
    results,
    [
      { name: "yaml parse() (baseline)", run: (i) => (parse(results.texts[i] as string) as unknown[]).length },
      { name: "parseYamlSafe (limits, positions)", run: (i) => checksum(parseYamlSafe(results.texts[i] as string, "r.yaml").problems) },
      { name: "zod schema only (pre-parsed)", run: (i) => (parsedFiles[i] ?? []).reduce((n: number, e) => n + (resultEntrySchema.safeParse(e).success ? 0 : 1), 0) },
      { name: "validateEvalResults", run: (i) => checksum(validateEvalResults(results.texts[i] as string).problems) },
    ],
    "yaml parse() (baseline)",
    "entries",
  );
  const y = tableFor(
    evalYamls,
    [
      { name: "yaml parse() (baseline)", run: (i) => Object.keys(parse(evalYamls.texts[i] as string) as Obj).length },
      { name: "parseYamlSafe (limits, positions)", run: (i) => checksum(parseYamlSafe(evalYamls.texts[i] as string, "eval.yaml").problems) },
      { name: "validateEvalYaml", run: (i) => checksum(validateEvalYaml(evalYamls.texts[i] as string).problems) },
    ],
    "yaml parse() (baseline)",
    "tasks",
  );

  const share = (medians: Map<string, number>, validator: string) => {
    const total = medians.get(validator) ?? Number.NaN;
    const pct = (name: string) => `${fmt(((medians.get(name) ?? Number.NaN) / total) * 100)}%`;
    return `Where ${validator}'s time goes: the YAML layer ${pct("parseYamlSafe (limits, positions)")}, the schema check ${pct("zod schema only (pre-parsed)")}, the rest (entry positions, unknown-key scan, problems) what remains. The YAML layer alone takes ${fmt((medians.get("parseYamlSafe (limits, positions)") ?? Number.NaN) / (medians.get("yaml parse() (baseline)") ?? Number.NaN), 2)}× parse(): the limits are checked on the parser's own stack and in one walk of the tree, and positions are computed only for problems and entry starts.`;
  };
  const verdict = (what: string, ratio: number) => `${what}: ${fmt(ratio, 2)}× the time of \`yaml\` parse() alone (goal ≤ ${GOAL}×): ${ratio <= GOAL ? "met" : "NOT met"}.`;
  return {
    title: "Validating eval files",
    notes: [
      `Corpus, built deterministically from the fixtures: ${fmt(results.texts.length)} \`.eval_results\` files with ${fmt(results.entries)} entries (1–10 per file, ${fmt(results.bytes / 1024)} KiB; ${results.invalid} entries missing \`task_id\` on purpose) and ${fmt(evalYamls.texts.length)} eval.yaml files with ${fmt(evalYamls.entries)} tasks (${fmt(evalYamls.bytes / 1024)} KiB; ${evalYamls.invalid} without \`evaluation_framework\`). Each row is the median of ${TIMED_ROUNDS} passes over the corpus after ${WARMUP_ROUNDS} warm-up passes; within a pass the rows take turns every ${SLICE} files, so that other load on the machine slows them alike. Input is the decoded text for every row.`,
      "`parseYamlSafe` is our YAML layer alone (size, depth, node and alias caps, duplicate keys, positions kept for error reports); the zod row checks already-parsed entries, to show what the schema itself costs.",
    ],
    tables: [
      { caption: ".eval_results files", table: r.table },
      { caption: "eval.yaml files", table: y.table },
    ],
    findings: [verdict("validateEvalResults", r.ratio), verdict("validateEvalYaml", y.ratio), share(r.medians, "validateEvalResults")],
  };
}

export const scenario: Scenario = { run };
