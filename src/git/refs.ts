import { isObjectId } from "./object-id.ts";
import { readRefFromFiles } from "./ref-files.ts";
import { assertSafeRefName } from "./ref-names.ts";
import { isSafeRevision } from "./revision.ts";
import { runGit } from "./run.ts";

export type RefKind = "branch" | "tag" | "pr" | "other";

export interface GitRef {
  /** Full name, e.g. `refs/heads/main`. */
  name: string;
  /** `main` for a branch, `v1.0` for a tag, `3` for `refs/pr/3`, the full name otherwise. */
  shortName: string;
  kind: RefKind;
  /** The object the ref points at (a tag object for annotated tags). */
  oid: string;
  /** The commit it leads to after peeling tags, or null if it leads to something else. */
  commit: string | null;
}

/**
 * The commit a client-supplied revision names: a branch or tag name, `refs/pr/N`, a full or
 * unique abbreviated sha, or `HEAD`. Null when it names nothing, names something that is not a
 * commit, or is not a plain revision at all (`main~1`, `--upload-pack=x`).
 */
export async function resolveRef(repoPath: string, rev: string): Promise<string | null> {
  if (!isSafeRevision(rev)) return null;
  // A branch is read from its file: git refuses to point one at anything but a commit, so no peeling is needed.
  if (rev.startsWith("refs/heads/")) {
    const oid = await readRefFromFiles(repoPath, rev);
    if (oid !== undefined) return oid;
  }
  const { stdout, code } = await runGit(
    repoPath,
    ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
    { allowExitCodes: [1] },
  );
  const sha = stdout.toString("utf8").trim();
  return code === 0 && isObjectId(sha) ? sha : null;
}

/** The object `ref` points at (exact full name, no guessing), or null. */
export async function readRef(repoPath: string, ref: string): Promise<string | null> {
  assertSafeRefName(ref);
  const fromFiles = await readRefFromFiles(repoPath, ref);
  if (fromFiles !== undefined) return fromFiles;
  // for-each-ref also matches refs below `ref/`, hence the exact comparison.
  const { stdout } = await runGit(repoPath, ["for-each-ref", "--format=%(refname)%00%(objectname)", "--end-of-options", ref]);
  for (const line of stdout.toString("utf8").split("\n")) {
    const [name, oid] = line.split("\0");
    if (name === ref && oid !== undefined && isObjectId(oid)) return oid;
  }
  return null;
}

export async function listRefs(repoPath: string): Promise<GitRef[]> {
  const format = ["%(refname)", "%(objectname)", "%(objecttype)", "%(*objectname)", "%(*objecttype)"].join("%00");
  const { stdout } = await runGit(repoPath, ["for-each-ref", `--format=${format}`]);
  const refs: GitRef[] = [];
  // Ref names cannot contain newlines or NULs, so both are safe separators.
  for (const line of stdout.toString("utf8").split("\n")) {
    if (line === "") continue;
    const [name = "", oid = "", type = "", peeledOid = "", peeledType = ""] = line.split("\0");
    const commit = type === "commit" ? oid : peeledType === "commit" ? peeledOid : null;
    refs.push({ name, oid, commit, ...classify(name) });
  }
  return refs;
}

/** The branch HEAD points at (`main` unless changed), or null if HEAD is detached. */
export async function readDefaultBranch(repoPath: string): Promise<string | null> {
  const { stdout, code } = await runGit(repoPath, ["symbolic-ref", "--quiet", "HEAD"], { allowExitCodes: [1] });
  const ref = stdout.toString("utf8").trim();
  return code === 0 && ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
}

function classify(name: string): { kind: RefKind; shortName: string } {
  if (name.startsWith("refs/heads/")) return { kind: "branch", shortName: name.slice("refs/heads/".length) };
  if (name.startsWith("refs/tags/")) return { kind: "tag", shortName: name.slice("refs/tags/".length) };
  if (/^refs\/pr\/[0-9]+$/.test(name)) return { kind: "pr", shortName: name.slice("refs/pr/".length) };
  return { kind: "other", shortName: name };
}
