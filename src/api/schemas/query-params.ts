import { z } from "zod";

// The query parameters of routes that read them one by one (src/api/query.ts), written as schemas so the
// OpenAPI document describes them. The routes stay lenient as Hugging Face's clients need (flags as 1/true/True…).

const flag = z.string().describe("a flag: 1, true, yes or on (any case) for true");
const int = z.string().regex(/^-?[0-9]{1,15}$/).describe("an integer");

export const listReposQuerySchema = z.object({
  search: z.string().optional(),
  author: z.string().optional(),
  filter: z.string().optional().describe("repeatable"),
  sort: z.string().optional(),
  direction: z.string().optional(),
  limit: int.optional(),
  full: flag.optional(),
  expand: z.string().optional().describe("repeatable: the fields to add"),
  cursor: z.string().optional().describe("from the Link header of the previous page"),
});

export const repoInfoQuerySchema = z.object({ blobs: flag.optional(), expand: z.string().optional().describe("repeatable") });
export const treeQuerySchema = z.object({ recursive: flag.optional(), expand: flag.optional(), limit: int.optional(), cursor: z.string().optional() });
export const commitsQuerySchema = z.object({ expand: z.string().optional().describe("repeatable"), limit: int.optional(), p: int.optional().describe("page number") });
export const refsQuerySchema = z.object({ include_prs: flag.optional() });
export const createPrQuerySchema = z.object({ create_pr: flag.optional().describe("open a pull request with the commit instead of moving the revision") });
export const discussionsQuerySchema = z.object({ limit: int.optional(), p: int.optional(), type: z.string().optional(), status: z.string().optional(), author: z.string().optional() });
export const discussionQuerySchema = z.object({ diff: flag.optional() });
export const deliveriesQuerySchema = z.object({ limit: int.optional().describe("1 to 500, default 100") });

export const leaderboardQuerySchema = z.object({
  task_id: z.string().optional(),
  include_community: flag.optional(),
  verified_only: flag.optional(),
  base_model: flag.optional(),
  base_model_only: flag.optional(),
  max_params: z.string().optional().describe("a parameter count, or 1B, 3B, 6B, 12B, 32B, 128B, 500B"),
  as_of: z.string().optional().describe("an ISO 8601 time: the leaderboard as it was then"),
  limit: int.optional(),
  offset: int.optional(),
});

export const conflictsQuerySchema = z.object({ task_id: z.string().optional() });
export const deleteIssuerQuerySchema = z.object({ kid: z.string().optional().describe("remove one key instead of the whole issuer") });
