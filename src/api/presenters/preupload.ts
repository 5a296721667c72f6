import type { UploadAdvice } from "../../hub/commits/preupload.ts";

/** Every file goes as a regular git file; `shouldIgnore` is mandatory for Python, `oid` lets it skip unchanged files. */
export function presentPreupload(head: string, files: readonly UploadAdvice[]) {
  return {
    files: files.map((file) => ({
      path: file.path,
      uploadMode: "regular" as const,
      shouldIgnore: false,
      ...(file.existingOid !== null ? { oid: file.existingOid } : {}),
    })),
    commitOid: head,
  };
}
