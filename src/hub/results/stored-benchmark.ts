import type { Insertable, Selectable } from "kysely";
import type { BenchmarksTable } from "../../db/schema-results.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import { parseDefinition } from "./benchmark-definition.ts";

export function serialiseBenchmark(b: StoredBenchmark): Insertable<BenchmarksTable> & { definition: string | null } {
  return {
    repo_id: b.repoId,
    dataset_key: b.datasetKey,
    main_commit: b.mainCommit,
    valid: b.valid ? 1 : 0,
    problems: JSON.stringify(b.problems),
    definition: b.definition ? JSON.stringify(b.definition) : null,
    definition_commit: b.definitionCommit,
  };
}

export function deserialiseBenchmark(row: Selectable<BenchmarksTable>): StoredBenchmark {
  return {
    repoId: row.repo_id,
    datasetKey: row.dataset_key,
    mainCommit: row.main_commit,
    valid: row.valid === 1,
    problems: JSON.parse(row.problems),
    definition: parseDefinition(row.definition),
    definitionCommit: row.definition_commit,
  };
}
