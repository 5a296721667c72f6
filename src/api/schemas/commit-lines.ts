import { z } from "zod";

/**
 * The lines of the NDJSON commit body (§2.10), as `@huggingface/hub` and Python `huggingface_hub`
 * send them. Objects are strict: a field we do not know is refused rather than silently ignored.
 */

const NO_NUL = (value: string) => !value.includes("\0");

export const commitHeaderSchema = z.strictObject({
  summary: z.string().refine((s) => s.trim() !== "", "the commit summary must not be empty").refine(NO_NUL, "the summary must not contain NUL"),
  description: z.string().refine(NO_NUL, "the description must not contain NUL").optional(),
  parentCommit: z.string().regex(/^[0-9a-fA-F]{40}$/, "parentCommit must be a full 40-character commit id").optional(),
});

export const commitFileSchema = z.strictObject({
  path: z.string(),
  content: z.string(),
  // The JS type makes it optional; plain text is the natural reading of a content without one.
  encoding: z.enum(["base64", "utf-8"]).optional(),
});

export const deletedEntrySchema = z.strictObject({ path: z.string() });

/** Only read far enough to name the file in the refusal. */
export const lfsFileSchema = z.object({ path: z.string() });

export const COMMIT_LINE_KEYS = ["header", "file", "deletedFile", "deletedFolder", "lfsFile"] as const;
export type CommitLineKey = (typeof COMMIT_LINE_KEYS)[number];

export const commitLineSchema = z.strictObject({ key: z.enum(COMMIT_LINE_KEYS), value: z.unknown() });
