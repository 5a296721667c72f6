// Counts child processes the bench process starts (git, in practice) while a piece of work runs: the profile of a
// workload whose time goes into processes rather than JavaScript.
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";

export async function countSpawns<T>(work: () => Promise<T>): Promise<{ result: T; spawns: Map<string, number> }> {
  const original = childProcess.spawn;
  const spawns = new Map<string, number>();
  const counting = ((command: string, args?: readonly string[], options?: object) => {
    const list = Array.isArray(args) ? (args as string[]) : [];
    // The subcommand: the first argument after git's own options (`-c k=v`, `--git-dir=…`).
    let sub = "?";
    for (let i = 0; i < list.length; i++) {
      const arg = list[i] as string;
      if (arg === "-c") i++;
      else if (!arg.startsWith("-")) {
        sub = arg;
        break;
      }
    }
    spawns.set(sub, (spawns.get(sub) ?? 0) + 1);
    return original(command, list, options as childProcess.SpawnOptions);
  }) as typeof childProcess.spawn;
  childProcess.spawn = counting;
  syncBuiltinESMExports();
  try {
    return { result: await work(), spawns };
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}
