/**
 * Building blocks of randomised tests: a seeded PRNG (reproducible with `RANDOM_OPS_SEED`), weighted
 * choice, and generators of `.eval_results/*.yaml` files and benchmark `eval.yaml` files that know
 * what they wrote, so a test can predict what the results index must say about them.
 */

/** sfc32: small, fast, good enough for picking operations; the whole state comes from one 32-bit seed. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  /** A key drawn with probability proportional to its weight (weights ≤ 0 never win). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** An independent generator, so work that runs concurrently draws the same numbers whatever the interleaving. */
  fork(): Prng {
    return new Prng(this.int(2 ** 32));
  }
}

/** The seed from `RANDOM_OPS_SEED` (decimal or 0x-hex), or a fresh random one. */
export function seedFromEnv(): number {
  const raw = process.env.RANDOM_OPS_SEED?.trim();
  if (!raw) return Math.floor(Math.random() * 2 ** 32) >>> 0;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`RANDOM_OPS_SEED must be an integer in [0, 2^32), got ${JSON.stringify(raw)}`);
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Results files

/** What a generated entry points at: a benchmark id (as written, any case) and one of its tasks, or one that is not. */
export interface ResultsVocabulary {
  /** Benchmark ids of the hub, as `ns/name`. */
  benchmarks: readonly string[];
  /** Task ids a benchmark has now or might have (current tasks and the pool renames draw from). */
  tasksOf(benchmark: string): readonly string[];
}

/** A value from a small grid, so that equal values (ties between main and pull requests, or models) happen. */
export const randomValue = (rng: Prng) => (rng.chance(0.15) ? rng.pick([0.5, 0.75, 0.25]) : rng.int(1000) / 1000);

/** One entry of a results file as YAML list item text: mostly valid, some pointing at unknown tasks or benchmarks, some invalid. */
export function randomEntry(rng: Prng, vocabulary: ResultsVocabulary): string {
  const kind = rng.weighted({ valid: 70, unknownBenchmark: 6, invalidValue: 5, missingTask: 4, notAMapping: 2, datasetNotAMapping: 2, withNotes: 8 });
  const benchmark = rng.pick(vocabulary.benchmarks);
  const id = rng.chance(0.1) ? benchmark.toUpperCase() : benchmark;
  const task = rng.pick(vocabulary.tasksOf(benchmark));
  const value = randomValue(rng);
  switch (kind) {
    case "valid":
      return `- dataset:\n    id: ${id}\n    task_id: ${task}\n  value: ${value}\n`;
    case "withNotes":
      return `- dataset:\n    id: ${id}\n    task_id: ${task}\n  value: ${value}\n  notes: "run ${rng.int(100)}"\n`;
    case "unknownBenchmark":
      return `- dataset:\n    id: ${rng.pick(["nobody/missing", `${benchmark}x`])}\n    task_id: ${task}\n  value: ${value}\n`;
    case "invalidValue":
      return `- dataset:\n    id: ${id}\n    task_id: ${task}\n  value: "high"\n`;
    case "missingTask":
      return `- dataset:\n    id: ${id}\n  value: ${value}\n`;
    case "notAMapping":
      return `- just a string ${rng.int(10)}\n`;
    case "datasetNotAMapping":
      return `- dataset: ${id}\n  value: ${value}\n`;
  }
}

/** A whole results file: 1–4 entries, or (rarely) one mapping instead of a list, or a file that is no list of entries at all. */
export function randomResultsFile(rng: Prng, vocabulary: ResultsVocabulary): string {
  const kind = rng.weighted({ entries: 91, syntaxError: 3, scalar: 2, singleMapping: 4 });
  if (kind === "syntaxError") return `- dataset: [unclosed\n  value: ${randomValue(rng)}\n`;
  if (kind === "scalar") return `just some text ${rng.int(10)}\n`;
  if (kind === "singleMapping") {
    // Not a list: read as one entry (with a warning), so it counts when it is a valid entry.
    const benchmark = rng.pick(vocabulary.benchmarks);
    const task = rng.chance(0.7) ? `\n  task_id: ${rng.pick(vocabulary.tasksOf(benchmark))}` : "";
    return `dataset:\n  id: ${benchmark}${task}\nvalue: ${randomValue(rng)}\n`;
  }
  const count = rng.weighted({ "1": 35, "2": 35, "3": 20, "4": 10 });
  let text = rng.chance(0.2) ? "# results\n" : "";
  for (let i = 0; i < Number(count); i++) text += randomEntry(rng, vocabulary);
  return text;
}

/** Paths a model repository's files are drawn from: results files at several depths and extensions, and files the index ignores. */
export const RESULT_PATHS = [".eval_results/a.yaml", ".eval_results/b.yaml", ".eval_results/c.yml", ".eval_results/sub/d.yaml", ".eval_results/e.YAML"] as const;
export const IGNORED_PATHS = ["results.yaml", ".eval_results/notes.txt"] as const;

/** `.eval_results/**.y(a)ml` (what the index reads), written independently of the indexer's own test. */
export const isResultsFile = (path: string) => path.startsWith(".eval_results/") && /\.ya?ml$/i.test(path);

// ---------------------------------------------------------------------------------------------
// Benchmarks

export interface BenchmarkTaskSpec {
  id: string;
  lowerIsBetter: boolean;
}

/** The text of a valid `eval.yaml` with these tasks. */
export function evalYaml(name: string, tasks: readonly BenchmarkTaskSpec[]): string {
  const lines = [`name: ${name}`, "description: d", "evaluation_framework: math-arena", "tasks:"];
  for (const task of tasks) {
    lines.push(`  - id: ${task.id}`);
    if (task.lowerIsBetter) lines.push("    lower_is_better: true");
  }
  return `${lines.join("\n")}\n`;
}

/** An `eval.yaml` that does not validate, in one of several ways, built from a task list. */
export function invalidEvalYaml(rng: Prng, name: string, tasks: readonly BenchmarkTaskSpec[]): string {
  const valid = evalYaml(name, tasks);
  switch (rng.weighted({ syntax: 1, noDescription: 1, badFramework: 1, noTasks: 1, duplicate: 1, blankId: 1 })) {
    case "syntax":
      return `${valid}  - id: [broken\n`;
    case "noDescription":
      return valid.replace("description: d\n", "");
    case "badFramework":
      return valid.replace("math-arena", "no-such-framework");
    case "noTasks":
      return `name: ${name}\ndescription: d\nevaluation_framework: math-arena\ntasks: []\n`;
    case "duplicate":
      return `${valid}  - id: ${tasks[0]?.id ?? "t1"}\n`;
    default:
      return `${valid}  - id: "  "\n`;
  }
}
