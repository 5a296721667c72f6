import { repoPath, type HubClient } from "./client.ts";
import type { CommitBody, RepoType } from "./wire.ts";

export interface CommitInput {
  type: RepoType;
  repoId: string;
  summary: string;
  description?: string;
  files: { path: string; content: Uint8Array }[];
  /** Open a pull request with the commit instead of committing to main. */
  createPr: boolean;
}

/** One commit through the NDJSON commit API (`create_pr=1` opens a pull request, as HF's clients do). */
export function commitFiles(client: HubClient, input: CommitInput): Promise<CommitBody> {
  const lines = [
    { key: "header", value: { summary: input.summary, description: input.description ?? "" } },
    ...input.files.map((f) => ({ key: "file", value: { content: Buffer.from(f.content).toString("base64"), path: f.path, encoding: "base64" } })),
  ];
  return client.json<CommitBody>(`/api/${input.type}s/${repoPath(input.repoId)}/commit/main`, {
    what: `committing to ${input.repoId}`,
    method: "POST",
    query: input.createPr ? { create_pr: "1" } : {},
    contentType: "application/x-ndjson",
    body: `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`,
  });
}
