/** The tables of the results index that are derived from git alone, so can be checked against it and rebuilt. */
export type DerivedTable = "index_refs" | "results" | "model_meta" | "benchmarks";

export type IndexValue = string | Record<string, string | number | null>;

/** One way the live index differs from what git says it should hold. */
export interface IndexDifference {
  /** `models/ns/name`, or `repository #ID` for rows of a repository that no longer exists. */
  repo: string;
  table: DerivedTable;
  /** Which row: the ref, `ref:file[entry]` for results, `refs/heads/main` for model_meta and benchmarks. */
  key: string;
  /** The row git implies (a commit for index_refs); null when there should be no such row. */
  expected: IndexValue | null;
  /** The row in the database; null when it is missing. */
  actual: IndexValue | null;
}
