import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerBranches } from "./branches.ts";
import { registerCommit } from "./commit.ts";
import { registerCreateRepo } from "./create-repo.ts";
import { registerDeleteRepo } from "./delete-repo.ts";
import { registerPreupload } from "./preupload.ts";
import { registerRepoSettings } from "./repo-settings.ts";
import { registerTags } from "./tags.ts";
import { registerValidateYaml } from "./validate-yaml.ts";

/** The write side of the HF-compatible API: repositories, commits (and PRs opened by them), branches and tags. */
export function registerWriteApi(app: Hono<AppEnv>): void {
  for (const register of [registerCreateRepo, registerDeleteRepo, registerRepoSettings, registerPreupload, registerCommit, registerBranches, registerTags, registerValidateYaml]) {
    register(app);
  }
}
