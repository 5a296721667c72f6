import type { Selectable } from "kysely";
import type { BenchmarksTable, ModelMetaTable, ResultsTable } from "../../db/schema-results.ts";
import { MAIN, type RepoIndex } from "./compute.ts";
import type { IndexDifference } from "./index-difference.ts";
import type { IndexedRepo } from "./read-indexed-repo.ts";
import type { ResultRow } from "./result-rows.ts";
import { serialiseBenchmark } from "./stored-benchmark.ts";

type Row = Record<string, string | number | null>;

// Every column but the generated id; `satisfies` makes a new column of a table a compile error here until it is compared.
const RESULT_COLUMNS = Object.keys({
  repo_id: 1, ref: 1, pr_num: 1, commit: 1, file_path: 1, entry_index: 1, line: 1, content_hash: 1, dataset_id: 1, dataset_key: 1, task_id: 1, value: 1,
  date: 1, date_from_entry: 1, source_url: 1, notes: 1, status: 1, reasons: 1, suggestions: 1, verified: 1, verify_reason: 1, verify_issuer: 1, raw: 1,
  setup: 1, evidence_path: 1, evidence_status: 1, evidence_detail: 1, evidence_sha256: 1, evidence_stderr: 1, evidence_samples: 1,
} satisfies Record<keyof Omit<Selectable<ResultsTable>, "id">, 1>);
const META_COLUMNS = Object.keys({ repo_id: 1, commit: 1, num_parameters: 1, params_source: 1, base_model: 1 } satisfies Record<keyof Selectable<ModelMetaTable>, 1>);
const BENCHMARK_COLUMNS = Object.keys({
  repo_id: 1, dataset_key: 1, main_commit: 1, valid: 1, problems: 1, definition: 1, definition_commit: 1,
} satisfies Record<keyof Selectable<BenchmarksTable>, 1>);

/** The differences between what git implies for one repository (`expected`) and what the tables hold (`actual`). */
export function compareRepoIndex(repo: string, expected: RepoIndex, actual: IndexedRepo): IndexDifference[] {
  const expectedMeta = expected.meta ? normalise(expected.meta, META_COLUMNS) : null;
  const actualMeta = actual.meta ? normalise(actual.meta, META_COLUMNS) : null;
  const expectedBenchmark = expected.benchmark ? normalise(serialiseBenchmark(expected.benchmark), BENCHMARK_COLUMNS) : null;
  const actualBenchmark = actual.benchmark ? normalise(actual.benchmark, BENCHMARK_COLUMNS) : null;
  return [
    ...compareRefs(repo, expected, actual),
    ...compareResults(repo, expected.results, actual.results),
    ...(same(expectedMeta, actualMeta) ? [] : [{ repo, table: "model_meta" as const, key: MAIN, expected: expectedMeta, actual: actualMeta }]),
    ...(same(expectedBenchmark, actualBenchmark) ? [] : [{ repo, table: "benchmarks" as const, key: MAIN, expected: expectedBenchmark, actual: actualBenchmark }]),
  ];
}

function compareRefs(repo: string, expected: RepoIndex, actual: IndexedRepo): IndexDifference[] {
  const want = new Map(expected.targets.map((t) => [t.ref, t.commit]));
  const have = new Map(actual.refs.map((r) => [r.ref, r.commit]));
  return [...new Set([...want.keys(), ...have.keys()])]
    .sort(byRef)
    .filter((ref) => want.get(ref) !== have.get(ref))
    .map((ref) => ({ repo, table: "index_refs" as const, key: ref, expected: want.get(ref) ?? null, actual: have.get(ref) ?? null }));
}

/** Rows are compared as multisets per (ref, file, entry): a duplicate or a missing row is a difference too. */
function compareResults(repo: string, expected: readonly ResultRow[], actual: readonly Selectable<ResultsTable>[]): IndexDifference[] {
  const want = groupByEntry(expected);
  const have = groupByEntry(actual);
  const keys = [...new Set([...want.keys(), ...have.keys()])].sort((a, b) => compareEntries(want.get(a)?.[0] ?? have.get(a)?.[0], want.get(b)?.[0] ?? have.get(b)?.[0]));
  const differences: IndexDifference[] = [];
  for (const key of keys) {
    const [onlyWanted, onlyHad] = withoutCommon(want.get(key) ?? [], have.get(key) ?? []);
    for (let i = 0; i < Math.max(onlyWanted.length, onlyHad.length); i++) {
      differences.push({ repo, table: "results", key, expected: onlyWanted[i] ?? null, actual: onlyHad[i] ?? null });
    }
  }
  return differences;
}

function groupByEntry(rows: readonly (ResultRow | Selectable<ResultsTable>)[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.ref}:${row.file_path}${row.entry_index >= 0 ? `[${row.entry_index}]` : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), normalise(row, RESULT_COLUMNS)]);
  }
  return groups;
}

function withoutCommon(wanted: readonly Row[], had: readonly Row[]): [Row[], Row[]] {
  const remaining = had.map((row) => JSON.stringify(row));
  const onlyWanted: Row[] = [];
  for (const row of wanted) {
    const at = remaining.indexOf(JSON.stringify(row));
    if (at >= 0) remaining.splice(at, 1);
    else onlyWanted.push(row);
  }
  return [onlyWanted, remaining.map((text) => JSON.parse(text) as Row)];
}

function normalise(row: object, columns: readonly string[]): Row {
  const values = row as Record<string, string | number | null | undefined>;
  return Object.fromEntries(columns.map((column) => [column, values[column] ?? null]));
}

const same = (a: Row | null, b: Row | null) => JSON.stringify(a) === JSON.stringify(b);

const byRef = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function compareEntries(a: Row | undefined, b: Row | undefined): number {
  return byRef(String(a?.ref), String(b?.ref)) || String(a?.file_path).localeCompare(String(b?.file_path)) || Number(a?.entry_index) - Number(b?.entry_index);
}
