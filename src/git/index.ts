/** The git layer: the only place that starts git processes. */

export { GitError, GitObjectTooLargeError, GitOutputLimitError, GitTimeoutError, PathNotFoundError, UnsafeGitInputError } from "./errors.ts";
export type { UnsafeInputKind } from "./errors.ts";

export { runGit } from "./run.ts";
export type { GitResult, RunGitOptions } from "./run.ts";
export { spawnGit } from "./spawn.ts";
export type { GitExit, GitProcess, SpawnGitOptions } from "./spawn.ts";

export { EMPTY_TREE_OID, ZERO_OID, assertObjectId, isObjectId } from "./object-id.ts";
export { assertSafeRefName, branchRef, isValidBranchName, isValidRefName, isValidTagName, tagRef } from "./ref-names.ts";
export { assertSafeRevision, isSafeRevision } from "./revision.ts";
export { assertSafeTreePath, isSafeTreePath, treePathProblem } from "./tree-path.ts";

export { initBare } from "./init.ts";
export { listRefs, readDefaultBranch, readRef, resolveRef } from "./refs.ts";
export type { GitRef, RefKind } from "./refs.ts";
export { readRefHeads } from "./ref-heads.ts";
export { refStamp } from "./ref-stamp.ts";
export { deleteRef, updateRef } from "./update-ref.ts";
export type { RefUpdateRejection, RefUpdateResult } from "./update-ref.ts";
export { readTree } from "./tree.ts";
export type { ReadTreeOptions, TreeEntry, TreeEntryType } from "./tree.ts";
export { parseTreeObject } from "./tree-object.ts";
export type { TreeObjectEntry } from "./tree-object.ts";
export { listTree } from "./tree-walk.ts";
export type { ListedEntry } from "./tree-walk.ts";
export { parseCommitObject, readCommit } from "./commit-object.ts";
export type { CommitObject } from "./commit-object.ts";
export { blobSpec, readBlob, streamBlob } from "./blob.ts";
export { countCommits, log } from "./log.ts";
export { lastChangeTimes } from "./last-changes.ts";
export { fsck } from "./fsck.ts";
export type { FsckReport } from "./fsck.ts";
export type { CommitInfo, LogOptions } from "./log.ts";
export { diffTree } from "./diff-tree.ts";
export { diffPatch } from "./diff-patch.ts";
export type { ChangeStatus, TreeChange } from "./diff-tree.ts";

export { CatFileReader, withCatFileReader } from "./cat-file.ts";
export type { CatFileOptions, GitObject, ObjectInfo, ObjectType } from "./cat-file.ts";
export { CatFilePool } from "./cat-file-pool.ts";
export type { CatFilePoolOptions } from "./cat-file-pool.ts";

export type { GitIdentity } from "./identity.ts";
export { createCommit } from "./commit.ts";
export type { CreateCommitInput, CreateCommitResult, FileChange } from "./commit.ts";
export { commitTree } from "./commit-tree.ts";
export type { CommitTreeInput } from "./commit-tree.ts";
export { conflictingPaths, isAncestor, mergeBase, mergeCommits } from "./merge.ts";
export type { MergeInput, MergeResult } from "./merge.ts";

export { handleInfoRefs, handleReceivePack, handleSmartHttp, handleUploadPack } from "./smart-http.ts";
export type { GitService, PushDecision, ReceivePackOptions, SmartHttpOptions } from "./smart-http.ts";
export type { PushCommand, PushCommandKind } from "./push-commands.ts";
export type { PushedRef } from "./push-updates.ts";
