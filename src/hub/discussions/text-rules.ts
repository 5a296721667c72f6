import { badRequest } from "../errors.ts";

export const MAX_TITLE_CHARS = 300;
export const MAX_COMMENT_CHARS = 65_536;

// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate is no text at all.
const NUL_OR_LONE_SURROGATE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** A title as stored: trimmed, on one line, not empty, at most MAX_TITLE_CHARS characters. */
export function checkedTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed === "") throw badRequest("InvalidTitle", "the title must not be empty");
  if (trimmed.length > MAX_TITLE_CHARS) throw badRequest("InvalidTitle", `the title is longer than ${MAX_TITLE_CHARS} characters`);
  if (CONTROL_CHARACTER.test(trimmed) || NUL_OR_LONE_SURROGATE.test(trimmed)) throw badRequest("InvalidTitle", "the title must be one line of text without control characters");
  return trimmed;
}

/** Comment markdown is stored as written; it must hold something and stay within MAX_COMMENT_CHARS. */
export function checkedComment(text: string): string {
  if (text.trim() === "") throw badRequest("InvalidComment", "the comment must not be empty");
  if (text.length > MAX_COMMENT_CHARS) throw badRequest("InvalidComment", `the comment is longer than ${MAX_COMMENT_CHARS} characters`);
  if (NUL_OR_LONE_SURROGATE.test(text)) throw badRequest("InvalidComment", "the comment must be text without NUL characters");
  return text;
}
