import { z } from "zod";

// Request bodies of the discussion endpoints, as Python huggingface_hub sends them (§2.14).
// Not strict: a field this hub has no use for is ignored.

export const openDiscussionBodySchema = z.object({
  title: z.string(),
  description: z.string().nullish(),
  pullRequest: z.boolean().nullish(),
});

export const commentBodySchema = z.object({ comment: z.string() });

export const editCommentBodySchema = z.object({ content: z.string() });

export const statusBodySchema = z.object({
  status: z.enum(["open", "closed"]),
  comment: z.string().nullish(),
});

export const titleBodySchema = z.object({ title: z.string() });

/** Python sends no body at all when there is no comment. */
export const mergeBodySchema = z.object({ comment: z.string().nullish() });
