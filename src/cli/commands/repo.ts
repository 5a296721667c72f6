import type { Command } from "commander";
import type { RepoKind } from "../../db/schema.ts";
import { repoId } from "../../hub/repos.ts";
import { withHub } from "../open-hub.ts";
import { OPERATOR } from "../operator.ts";
import { UsageError } from "../usage-error.ts";

export function registerRepo(program: Command): void {
  const repo = program.command("repo").description("manage repositories");
  repo
    .command("create")
    .description("create a model or dataset repository NS/NAME owned by namespace NS, with its initial commit")
    .argument("<kind>", "model or dataset")
    .argument("<id>", "NS/NAME")
    .option("--private", "only the owner (and its organisation members) can see it")
    .action(async (kind: string, id: string, opts: { private?: boolean }) => {
      if (kind !== "model" && kind !== "dataset") throw new UsageError(`kind must be model or dataset, not "${kind}"`);
      const [namespace, name, ...rest] = id.split("/");
      if (!namespace || !name || rest.length > 0) throw new UsageError(`expected NS/NAME, got "${id}"`);
      const created = await withHub((hub) => hub.repos.create(OPERATOR, { kind: kind as RepoKind, namespace, name, private: opts.private === true }));
      process.stdout.write(`created ${kind} ${repoId(created)}${created.private ? " (private)" : ""}\n`);
    });
}
