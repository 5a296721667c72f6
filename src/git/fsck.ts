import { runGit } from "./run.ts";

export interface FsckReport {
  ok: boolean;
  /** What git reported as broken or missing; dangling objects (left by refused pushes and lost races) are not problems. */
  problems: string[];
}

/** `git fsck --full --strict`: checks every object and that each ref points at a complete history. */
export async function fsck(repoPath: string, options: { timeoutMs?: number } = {}): Promise<FsckReport> {
  const result = await runGit(repoPath, ["fsck", "--full", "--strict", "--no-dangling", "--no-progress"], { allowExitCodes: [1, 2, 4, 8], timeoutMs: options.timeoutMs ?? 600_000 });
  const lines = `${result.stdout.toString("utf8")}\n${result.stderr}`.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("dangling ") && !l.startsWith("Checking "));
  return { ok: result.code === 0 && lines.length === 0, problems: result.code === 0 ? lines : [`git fsck exited with ${result.code}`, ...lines] };
}
