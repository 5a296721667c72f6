import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Starts the files known to run for minutes first, so that none of them is left for the end
 * (a clean clone has no timing cache, and vitest would otherwise order by file size). Longest first.
 */
const SLOW = [
  "randomised-postgres", "randomised-sqlite", "permission-matrix", "journey", "hub-cli", "fuzz", "leaderboard-rules",
  "leaderboard-fixtures", "huggingface-js", "crash-recovery", "signed-results", "sessions-and-headers", "reliability/",
  "trust.test", "git-http", "commit-limits",
];

const rank = (spec: TestSpecification) => {
  const index = SLOW.findIndex((part) => spec.moduleId.includes(part));
  return index === -1 ? SLOW.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((spec, position) => ({ spec, position })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.position - b.position).map(({ spec }) => spec);
  }
}
