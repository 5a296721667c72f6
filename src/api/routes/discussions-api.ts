import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerDiscussionChanges } from "./discussion-changes.ts";
import { registerDiscussionComments } from "./discussion-comments.ts";
import { registerDiscussionDetails } from "./discussion-details.ts";
import { registerDiscussions } from "./discussions.ts";

/** Discussions and pull requests of a repository (§2.14), in Hugging Face's shapes. */
export function registerDiscussionsApi(app: Hono<AppEnv>): void {
  for (const register of [registerDiscussions, registerDiscussionDetails, registerDiscussionComments, registerDiscussionChanges]) register(app);
}
