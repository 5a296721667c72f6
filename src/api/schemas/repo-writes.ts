import { z } from "zod";

// Request bodies of the repository write endpoints. Objects are not strict: both clients send fields
// this hub has no use for (`license`, `sdk`, `resourceGroupId`, `region`…), which are ignored.

const repoType = z.enum(["model", "dataset", "space"]);

export const createRepoFileSchema = z.strictObject({
  path: z.string(),
  content: z.string(),
  encoding: z.enum(["base64", "utf-8"]).optional(),
});

export const createRepoBodySchema = z.object({
  name: z.string().min(1),
  /** The namespace; Python sends null for a bare name, meaning the caller's own. */
  organization: z.string().min(1).nullish(),
  type: repoType.nullish(),
  private: z.boolean().nullish(),
  visibility: z.enum(["public", "private", "protected"]).nullish(),
  /** JS `createRepo({files})`: a few small files committed at creation. */
  files: z.array(createRepoFileSchema).nullish(),
});

export const deleteRepoBodySchema = z.object({
  name: z.string().min(1),
  organization: z.string().min(1).nullish(),
  type: repoType.nullish(),
});

export const repoSettingsBodySchema = z.object({
  private: z.boolean().nullish(),
  visibility: z.enum(["public", "private", "protected"]).nullish(),
  gated: z.union([z.literal(false), z.enum(["auto", "manual"])]).nullish(),
});

export const preuploadBodySchema = z.object({
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sample: z.string().optional() })),
  gitAttributes: z.string().nullish(),
  gitIgnore: z.string().nullish(),
});

export const createBranchBodySchema = z.object({
  startingPoint: z.string().min(1).nullish(),
  emptyBranch: z.boolean().nullish(),
  overwrite: z.boolean().nullish(),
});

export const createTagBodySchema = z.object({
  tag: z.string().min(1),
  message: z.string().nullish(),
});

export const validateYamlBodySchema = z.object({
  content: z.string(),
  repoType: z.string().nullish(),
});
