import type { Selectable } from "kysely";
import type { ModerationTable, ResultHistoryTable } from "../../db/schema-results.ts";
import type { Conflict } from "../trust/conflicts.ts";
import type { Repo } from "../repos.ts";
import type { WebhookEventName } from "./events.ts";

// The JSON bodies of webhook deliveries (besides `event` and `delivery`, added when routed). Plain data, no I/O.

export function repoSummary(repo: Repo) {
  return { type: repo.kind, id: `${repo.namespace}/${repo.name}`, private: repo.private === 1 };
}

const prNumOf = (ref: string) => (ref.startsWith("refs/pr/") ? Number(ref.slice("refs/pr/".length)) : null);

export function resultEventName(change: ResultHistoryTable["change"]): WebhookEventName {
  return change === "added" ? "result.added" : change === "changed" ? "result.changed" : "result.removed";
}

export function resultBody(repo: Repo, row: Selectable<ResultHistoryTable>) {
  const snapshot = JSON.parse(row.snapshot) as { filePath?: string; status?: string; verified?: number; date?: string; contentHash?: string; raw?: string };
  const raw = safeJson(snapshot.raw) as { dataset?: { id?: unknown } } | null;
  const datasetId = typeof raw?.dataset?.id === "string" ? raw.dataset.id : row.dataset_key;
  return {
    occurredAt: row.at,
    repo: repoSummary(repo),
    result: {
      ref: row.ref, pullRequest: prNumOf(row.ref), commit: row.commit, file: snapshot.filePath ?? null, contentHash: snapshot.contentHash ?? null,
      datasetId, taskId: row.task_id, value: row.value, previousValue: row.previous_value,
      status: snapshot.status ?? null, verified: snapshot.verified === 1, date: snapshot.date ?? null,
    },
  };
}

export function hiddenBody(repo: Repo, row: Selectable<ModerationTable>, actor: string | null) {
  return {
    occurredAt: row.at,
    repo: repoSummary(repo),
    result: { ref: row.ref, pullRequest: prNumOf(row.ref), file: row.file_path, contentHash: row.content_hash, datasetId: row.dataset_key, taskId: row.task_id, value: row.value },
    reason: row.reason,
    sender: actor,
  };
}

export function conflictBody(repo: Repo, conflict: Conflict, at: string) {
  return {
    occurredAt: at,
    repo: repoSummary(repo),
    conflict: {
      id: conflict.id, model: conflict.model, datasetId: conflict.datasetId, taskId: conflict.taskId, difference: conflict.difference,
      entries: conflict.entries.map((e) => ({ ref: e.ref, pullRequest: e.pullRequest, file: e.filename, entryIndex: e.entryIndex, contentHash: e.contentHash, commit: e.commit, value: e.value })),
    },
  };
}

export interface PullRequestFacts {
  num: number;
  title: string;
  status: string;
  author: string | null;
  createdAt: string;
}

export function pullRequestBody(repo: Repo, pr: PullRequestFacts, sender: string | null, at: string) {
  return { occurredAt: at, repo: repoSummary(repo), pullRequest: { ...pr, ref: `refs/pr/${pr.num}` }, sender };
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
