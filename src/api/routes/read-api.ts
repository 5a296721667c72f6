import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerCommits } from "./commits.ts";
import { registerListRepos } from "./list-repos.ts";
import { registerPathsInfo } from "./paths-info.ts";
import { registerRefs } from "./refs.ts";
import { registerRepoInfo } from "./repo-info.ts";
import { registerResolve } from "./resolve.ts";
import { registerTree } from "./tree.ts";

/** The read side of the HF-compatible API: repository info and lists, files, history and refs. */
export function registerReadApi(app: Hono<AppEnv>): void {
  for (const register of [registerListRepos, registerRepoInfo, registerTree, registerPathsInfo, registerCommits, registerRefs, registerResolve]) {
    register(app);
  }
}
