import { notFound } from "../errors.ts";
import type { CommitOperation } from "./commit-request.ts";

/**
 * Replays the operations over the files of the parent commit so that `deletedFile` only deletes a
 * file and `deletedFolder` only a folder (the git layer would delete either for both), and a missing
 * one is HF's 404 EntryNotFound before anything is written.
 */
export function checkDeletions(parentFiles: Iterable<string>, operations: readonly CommitOperation[]): void {
  const files = new Set(parentFiles);
  for (const operation of operations) {
    if (operation.op === "write") {
      removeBelow(files, operation.path);
      for (let slash = operation.path.indexOf("/"); slash !== -1; slash = operation.path.indexOf("/", slash + 1)) files.delete(operation.path.slice(0, slash));
      files.add(operation.path);
    } else if (operation.op === "delete-file") {
      if (!files.delete(operation.path)) throw missingEntry("A file with this name doesn't exist", operation.path);
    } else if (removeBelow(files, operation.path) === 0) {
      throw missingEntry("A folder with this name doesn't exist", operation.path);
    }
  }
}

function removeBelow(files: Set<string>, folder: string): number {
  const prefix = `${folder}/`;
  let removed = 0;
  for (const file of files) {
    if (file.startsWith(prefix)) {
      files.delete(file);
      removed++;
    }
  }
  return removed;
}

export const missingEntry = (what: string, path: string) => notFound("EntryNotFound", `${what}: ${JSON.stringify(path)}`);
