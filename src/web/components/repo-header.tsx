import type { RepoKind } from "../../db/schema.ts";
import { commitsPath, repoPath, treePath } from "../urls.ts";

export type RepoTab = "card" | "files" | "commits" | "discussions";

/** The title of a repository page and its tabs. */
export function RepoHeader(props: { kind: RepoKind; id: string; isPrivate: boolean; current: RepoTab; official?: boolean; benchmark?: boolean }) {
  const base = repoPath(props.kind, props.id);
  const tab = (name: RepoTab, href: string, label: string) => (
    <li>
      <a href={href} aria-current={props.current === name ? "page" : undefined}>{label}</a>
    </li>
  );
  return (
    <>
      <div class="repo-title">
        <span class="kind">{props.benchmark ? "benchmark" : props.kind}</span>
        <h1>{props.id}</h1>
        {props.isPrivate ? <span class="badge hidden">private</span> : null}
        {props.official ? <span class="badge official">official</span> : null}
      </div>
      <ul class="tabs">
        {tab("card", base, props.benchmark ? "Leaderboard" : props.kind === "model" ? "Model card" : "Dataset card")}
        {tab("files", treePath(props.kind, props.id, "main"), "Files")}
        {tab("commits", commitsPath(props.kind, props.id), "Commits")}
        {tab("discussions", `${base}/discussions`, "Pull requests")}
      </ul>
    </>
  );
}
