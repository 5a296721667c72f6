import { z } from "zod";
import { createTagBodySchema, createBranchBodySchema, createRepoBodySchema, deleteRepoBodySchema, preuploadBodySchema, repoSettingsBodySchema, validateYamlBodySchema } from "../schemas/repo-writes.ts";
import { commentBodySchema, editCommentBodySchema, mergeBodySchema, openDiscussionBodySchema, statusBodySchema, titleBodySchema } from "../schemas/discussion-writes.ts";
import { commitFileSchema, commitHeaderSchema, commitLineSchema, deletedEntrySchema } from "../schemas/commit-lines.ts";
import * as q from "../schemas/query-params.ts";
import { createWebhookBodySchema, createdWebhookSchema, webhookDeliverySchema, webhookSchema } from "../schemas/webhooks.ts";
import { PathsInfoRequest } from "../routes/paths-info.ts";
import { issuerBody } from "../routes/issuers.ts";
import { benchmarkFlagBody, entryKey } from "../routes/results-api.ts";

/** One operation of the API as the OpenAPI document describes it; `path` is written as the route registers it (Hono). */
export interface OperationDoc {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  /** The schema the route validates its body with, and the media type it reads. */
  body?: { schema: z.ZodType; contentType?: string; description?: string };
  query?: z.ZodObject;
  response?: { description: string; schema?: z.ZodType; contentType?: string; status?: number };
  /** `required`: a token is needed; `optional`: a token changes what is visible (private repositories). */
  auth: "none" | "optional" | "required";
}

const json = (description: string, schema?: z.ZodType, status?: number) => ({ description, ...(schema ? { schema } : {}), ...(status ? { status } : {}) });
const anyObject = z.record(z.string(), z.unknown());
const anyList = z.array(anyObject);

/** The NDJSON commit body: one JSON object per line (documented per line; each line is checked with these schemas). */
const commitLines = z.array(commitLineSchema).describe(
  "NDJSON: one object per line, first `{key: \"header\", value: header}`, then `file`, `deletedFile` or `deletedFolder` lines",
).meta({ "x-evalhub-lines": { header: z.toJSONSchema(commitHeaderSchema), file: z.toJSONSchema(commitFileSchema), deletedFile: z.toJSONSchema(deletedEntrySchema) } });

const repo = "/api/:kind/:ns/:name";

export const OPERATIONS: readonly OperationDoc[] = [
  { method: "get", path: "/healthz", summary: "Liveness and database check", tag: "meta", auth: "none", response: json("ok") },
  { method: "get", path: "/api/openapi.json", summary: "This document", tag: "meta", auth: "none", response: json("OpenAPI 3.1 document", anyObject) },
  { method: "get", path: "/api/docs", summary: "This document as a readable page", tag: "meta", auth: "none", response: { description: "HTML", contentType: "text/html" } },
  { method: "get", path: "/api/whoami-v2", summary: "Who the token belongs to", tag: "accounts", auth: "required", response: json("the user, its organisations and the token", anyObject) },

  { method: "get", path: "/api/models", summary: "List models", tag: "repositories", auth: "optional", query: q.listReposQuerySchema, response: json("models, paged by the Link header", anyList) },
  { method: "get", path: "/api/datasets", summary: "List datasets", tag: "repositories", auth: "optional", query: q.listReposQuerySchema, response: json("datasets, paged by the Link header", anyList) },
  { method: "post", path: "/api/repos/create", summary: "Create a repository", tag: "repositories", auth: "required", body: { schema: createRepoBodySchema }, response: json("its URL and id", anyObject) },
  { method: "delete", path: "/api/repos/delete", summary: "Delete a repository", tag: "repositories", auth: "required", body: { schema: deleteRepoBodySchema }, response: json("deleted") },
  { method: "get", path: repo, summary: "Repository info at HEAD", tag: "repositories", auth: "optional", query: q.repoInfoQuerySchema, response: json("repository info", anyObject) },
  { method: "get", path: `${repo}/revision/*`, summary: "Repository info at a revision", tag: "repositories", auth: "optional", query: q.repoInfoQuerySchema, response: json("repository info", anyObject) },
  { method: "put", path: `${repo}/settings`, summary: "Change visibility or gating", tag: "repositories", auth: "required", body: { schema: repoSettingsBodySchema }, response: json("the new settings", anyObject) },
  { method: "get", path: `${repo}/tree/*`, summary: "List files and folders at a revision and path", tag: "files", auth: "optional", query: q.treeQuerySchema, response: json("tree entries", anyList) },
  { method: "post", path: `${repo}/paths-info/*`, summary: "Entries at given paths", tag: "files", auth: "optional", body: { schema: PathsInfoRequest, description: "JSON, or the same fields as a form" }, response: json("entries found", anyList) },
  { method: "get", path: `${repo}/commits/*`, summary: "Commit history of a revision", tag: "history", auth: "optional", query: q.commitsQuerySchema, response: json("commits, newest first", anyList) },
  { method: "get", path: `${repo}/refs`, summary: "Branches, tags (and pull request refs)", tag: "history", auth: "optional", query: q.refsQuerySchema, response: json("refs", anyObject) },
  { method: "post", path: `${repo}/preupload/*`, summary: "Which files upload as regular files", tag: "files", auth: "required", query: q.createPrQuerySchema, body: { schema: preuploadBodySchema }, response: json("upload modes", anyObject) },
  { method: "post", path: `${repo}/commit/*`, summary: "Commit files to a revision (or open a pull request)", tag: "files", auth: "required", query: q.createPrQuerySchema, body: { schema: commitLines, contentType: "application/x-ndjson" }, response: json("the commit", anyObject) },
  { method: "post", path: `${repo}/branch/*`, summary: "Create a branch", tag: "history", auth: "required", body: { schema: createBranchBodySchema }, response: json("created") },
  { method: "delete", path: `${repo}/branch/*`, summary: "Delete a branch", tag: "history", auth: "required", response: json("deleted") },
  { method: "post", path: `${repo}/tag/*`, summary: "Create a tag", tag: "history", auth: "required", body: { schema: createTagBodySchema }, response: json("created") },
  { method: "delete", path: `${repo}/tag/*`, summary: "Delete a tag", tag: "history", auth: "required", response: json("deleted") },
  { method: "post", path: "/api/validate-yaml", summary: "Validate an eval.yaml or results file", tag: "results", auth: "none", body: { schema: validateYamlBodySchema }, response: json("problems found", anyObject) },

  { method: "get", path: `${repo}/discussions`, summary: "List discussions and pull requests", tag: "discussions", auth: "optional", query: q.discussionsQuerySchema, response: json("a page of discussions", anyObject) },
  { method: "post", path: `${repo}/discussions`, summary: "Open a discussion or pull request", tag: "discussions", auth: "required", body: { schema: openDiscussionBodySchema }, response: json("the new discussion", anyObject) },
  { method: "get", path: `${repo}/discussions/:num`, summary: "A discussion with its events", tag: "discussions", auth: "optional", query: q.discussionQuerySchema, response: json("the discussion", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/comment`, summary: "Comment", tag: "discussions", auth: "required", body: { schema: commentBodySchema }, response: json("the new comment", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/comment/:commentId/edit`, summary: "Edit a comment", tag: "discussions", auth: "required", body: { schema: editCommentBodySchema }, response: json("the comment", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/comment/:commentId/hide`, summary: "Hide a comment", tag: "discussions", auth: "required", response: json("the comment", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/status`, summary: "Close or reopen", tag: "discussions", auth: "required", body: { schema: statusBodySchema }, response: json("the status change", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/title`, summary: "Rename", tag: "discussions", auth: "required", body: { schema: titleBodySchema }, response: json("the title change", anyObject) },
  { method: "post", path: `${repo}/discussions/:num/merge`, summary: "Merge a pull request", tag: "discussions", auth: "required", body: { schema: mergeBodySchema, description: "may be empty" }, response: json("merged", anyObject) },

  { method: "get", path: "/api/datasets/:ns/:name/leaderboard", summary: "A benchmark's leaderboard", tag: "results", auth: "optional", query: q.leaderboardQuerySchema, response: json("one row per model; setup.<field>=<value> filters too", anyList) },
  { method: "get", path: "/api/datasets/:ns/:name/benchmark", summary: "A benchmark's definition and status", tag: "results", auth: "optional", response: json("the benchmark", anyObject) },
  { method: "put", path: "/api/datasets/:ns/:name/benchmark", summary: "Mark a benchmark official", tag: "results", auth: "required", body: { schema: benchmarkFlagBody }, response: json("the flag", anyObject) },
  { method: "get", path: "/api/models/:ns/:name/eval-results", summary: "A model's results, with why each counts or not", tag: "results", auth: "optional", response: json("results", anyList) },
  { method: "post", path: "/api/models/:ns/:name/eval-results/hide", summary: "Hide a result (writers, with a reason)", tag: "moderation", auth: "required", body: { schema: entryKey }, response: json("the ledger record", anyObject) },
  { method: "post", path: "/api/models/:ns/:name/eval-results/unhide", summary: "Unhide a result", tag: "moderation", auth: "required", body: { schema: entryKey }, response: json("the ledger record", anyObject) },
  { method: "get", path: "/api/models/:ns/:name/moderation", summary: "A model's moderation ledger", tag: "moderation", auth: "optional", response: json("ledger records, newest first", anyList) },
  { method: "get", path: "/api/datasets/:ns/:name/moderation", summary: "A benchmark's moderation ledger", tag: "moderation", auth: "optional", response: json("ledger records, newest first", anyList) },
  { method: "get", path: "/api/datasets/:ns/:name/conflicts", summary: "Conflicting results of a benchmark", tag: "trust", auth: "optional", query: q.conflictsQuerySchema, response: json("conflicts", anyList) },
  { method: "get", path: "/api/badge/:mns/:mname/:dns/:dname", summary: "SVG badge of a model's score on a benchmark's first task", tag: "results", auth: "optional", response: { description: "SVG", contentType: "image/svg+xml" } },
  { method: "get", path: "/api/badge/:mns/:mname/:dns/:dname/:task", summary: "SVG badge of a model's score on a benchmark task", tag: "results", auth: "optional", response: { description: "SVG", contentType: "image/svg+xml" } },
  { method: "get", path: "/.well-known/jwks.json", summary: "Public keys of trusted issuers", tag: "trust", auth: "none", response: json("a JWK set", anyObject) },
  { method: "get", path: "/api/admin/issuers", summary: "Trusted issuers (site admins)", tag: "trust", auth: "required", response: json("issuers", anyList) },
  { method: "post", path: "/api/admin/issuers", summary: "Register an issuer or add a key (site admins)", tag: "trust", auth: "required", body: { schema: issuerBody }, response: json("the issuer", anyObject) },
  { method: "delete", path: "/api/admin/issuers/:name", summary: "Remove an issuer or one of its keys (site admins)", tag: "trust", auth: "required", query: q.deleteIssuerQuerySchema, response: json("removed", anyObject) },

  { method: "get", path: "/api/datasets/:ns/:name/feed.atom", summary: "Atom feed of a benchmark's new and changed scores", tag: "feeds", auth: "optional", response: { description: "Atom 1.0", contentType: "application/atom+xml" } },
  { method: "get", path: "/datasets/:ns/:name/feed.atom", summary: "The same feed at the dataset's address", tag: "feeds", auth: "optional", response: { description: "Atom 1.0", contentType: "application/atom+xml" } },
  { method: "get", path: "/api/models/:ns/:name/feed.atom", summary: "Atom feed of a model's new and changed scores", tag: "feeds", auth: "optional", response: { description: "Atom 1.0", contentType: "application/atom+xml" } },

  { method: "post", path: "/api/webhooks", summary: "Subscribe to events of a repository, organisation or benchmark", tag: "webhooks", auth: "required", body: { schema: createWebhookBodySchema }, response: json("the subscription, with its secret (shown once)", createdWebhookSchema, 201) },
  { method: "get", path: "/api/webhooks", summary: "Your subscriptions (every one, for site admins)", tag: "webhooks", auth: "required", response: json("subscriptions", z.array(webhookSchema)) },
  { method: "get", path: "/api/webhooks/:id", summary: "One subscription", tag: "webhooks", auth: "required", response: json("the subscription", webhookSchema) },
  { method: "delete", path: "/api/webhooks/:id", summary: "Delete a subscription and its log", tag: "webhooks", auth: "required", response: json("deleted", z.object({ deleted: z.literal(true) })) },
  { method: "get", path: "/api/webhooks/:id/deliveries", summary: "Delivery log: every delivery, newest first, with each attempt", tag: "webhooks", auth: "required", query: q.deliveriesQuerySchema, response: json("deliveries", z.array(webhookDeliverySchema)) },

  ...["resolve", "raw"].flatMap((mode): OperationDoc[] => [
    { method: "get", path: `/:ns/:name/${mode}/*`, summary: `Download a model file (${mode}); Range supported`, tag: "files", auth: "optional", response: { description: "the file's bytes", contentType: "application/octet-stream" } },
    { method: "get", path: `/datasets/:ns/:name/${mode}/*`, summary: `Download a dataset file (${mode}); Range supported`, tag: "files", auth: "optional", response: { description: "the file's bytes", contentType: "application/octet-stream" } },
  ]),
  ...[["", "model"], ["/datasets", "dataset"]].flatMap(([prefix, kind]): OperationDoc[] => [
    { method: "get", path: `${prefix}/:ns/:name/info/refs`, summary: `git smart HTTP: ref advertisement (${kind})`, tag: "git", auth: "optional", response: { description: "pkt-lines", contentType: "application/x-git-upload-pack-advertisement" } },
    { method: "post", path: `${prefix}/:ns/:name/git-upload-pack`, summary: `git fetch and clone (${kind})`, tag: "git", auth: "optional", body: { schema: z.string(), contentType: "application/x-git-upload-pack-request" }, response: { description: "pack", contentType: "application/x-git-upload-pack-result" } },
    { method: "post", path: `${prefix}/:ns/:name/git-receive-pack`, summary: `git push (${kind})`, tag: "git", auth: "required", body: { schema: z.string(), contentType: "application/x-git-receive-pack-request" }, response: { description: "report", contentType: "application/x-git-receive-pack-result" } },
  ]),
];
