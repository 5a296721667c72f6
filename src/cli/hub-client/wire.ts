// What the hub's API answers, as far as the CLI reads it (the server's presenters define the full shapes).

export interface WhoamiBody {
  name: string;
  isAdmin?: boolean;
  orgs?: { name: string }[];
  auth?: { accessToken?: { role?: string } };
}

export interface BenchmarkBody {
  id: string;
  valid: boolean;
  definition: { tasks: { id: string }[] } | null;
}

export interface ListedRepoBody {
  id: string;
}

export interface CommitBody {
  commitOid: string;
  commitUrl: string;
  pullRequestUrl?: string;
}

export interface LeaderboardRowBody {
  rank: number;
  modelId: string;
  value: number;
  verified: boolean;
  verifiedBy?: string;
  filename: string;
  pullRequest?: number;
  task_id: string;
  date: string;
  commit: string;
  community: boolean;
  notes?: string;
  source?: { url: string; name?: string };
  num_parameters?: number;
}

export interface ModelResultBody {
  filename: string;
  entryIndex: number;
  line: number;
  contentHash: string;
  ref: string;
  pullRequest: number | null;
  commit: string;
  datasetId: string | null;
  taskId: string | null;
  value: number | null;
  date: string;
  status: string;
  reasons: string[];
  badges: { verified: boolean; community: boolean; hidden: boolean };
}

export interface RepoInfoBody {
  id: string;
  sha?: string;
  private?: boolean;
}

/** A repository kind as the API's paths spell it. */
export type RepoType = "model" | "dataset";
