import type { Repo } from "../../hub/repos.ts";
import { repoId } from "../../hub/repos.ts";
import type { RepoSnapshot } from "../../hub/browse/snapshot.ts";

/** What lists show of each repository: cheap fields from the database only. */
export interface RepoSummaryBody {
  _id: string;
  id: string;
  author: string;
  lastModified: string;
  createdAt: string;
  private: boolean;
  gated: false;
  disabled: false;
  downloads: number;
  likes: number;
  tags: string[];
  pipeline_tag: null;
  library_name: null;
}

export interface SiblingBody {
  rfilename: string;
  /** With `blobs=true` (Python's `files_metadata`). */
  size?: number;
  blobId?: string;
}

/** The repository info body (§2.4): the summary plus what one commit holds. */
export interface RepoInfoBody extends RepoSummaryBody {
  sha: string;
  siblings: SiblingBody[];
  cardData: Record<string, unknown>;
}

/** Database ids shown in the 24-hex-digit form of the Hub's object ids. */
export const repoObjectId = (repo: Repo) => repo.id.toString(16).padStart(24, "0");

export function presentRepoSummary(repo: Repo): RepoSummaryBody {
  return {
    _id: repoObjectId(repo),
    id: repoId(repo),
    author: repo.namespace,
    lastModified: repo.updated_at,
    createdAt: repo.created_at,
    private: repo.private === 1,
    gated: false,
    disabled: false,
    downloads: 0,
    likes: 0,
    tags: [],
    pipeline_tag: null,
    library_name: null,
  };
}

export function presentRepoInfo(repo: Repo, snapshot: RepoSnapshot, options: { blobs: boolean }): RepoInfoBody {
  return {
    ...presentRepoSummary(repo),
    sha: snapshot.sha,
    lastModified: snapshot.lastModified,
    tags: tagsOf(snapshot.cardData),
    siblings: snapshot.files.map((file) => (options.blobs ? { rfilename: file.path, size: file.size, blobId: file.oid } : { rfilename: file.path })),
    cardData: snapshot.cardData,
  };
}

/** The card's own `tags`, plus `license:<id>` as the Hub adds it. */
function tagsOf(cardData: Record<string, unknown>): string[] {
  const declared = cardData["tags"];
  const tags = (Array.isArray(declared) ? declared : [declared]).filter((tag): tag is string => typeof tag === "string" && tag !== "");
  const license = cardData["license"];
  if (typeof license === "string" && license !== "") tags.push(`license:${license}`);
  return [...new Set(tags)];
}
