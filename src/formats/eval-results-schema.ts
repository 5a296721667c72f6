import { z } from "zod";
import { normaliseDate } from "./dates.ts";
import { EXTENSION_KEYS, evidenceSchema, setupSchema } from "./evidence/extensions-schema.ts";

// Spelled without the `i` flag so the JSON Schema pattern (which has no flags) means the same.
export const HTTP_URL = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s/?#]+[^\s]*$/;
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)?)?$/;

const text = (description: string) => z.string().regex(/\S/, { message: "must not be empty or blank" }).describe(description);

export const httpUrlSchema = z
  .string()
  .regex(HTTP_URL, { message: "must be an http(s) URL" })
  .refine((u) => URL.canParse(u), { message: "must be a well-formed http(s) URL" });

export const datasetRefSchema = z
  .object({
    id: text("Hub id of the benchmark dataset, e.g. Idavidrein/gpqa"),
    task_id: text("A task id of the benchmark's eval.yaml, e.g. diamond"),
    revision: text("Dataset revision used (a full commit sha is best)").optional(),
  })
  .describe("The benchmark and task this result is for");

export const sourceSchema = z
  .object({
    url: httpUrlSchema.describe("Where the number comes from: model card, paper, logs, leaderboard"),
    name: text("Display name of the source").optional(),
    user: text("Hub user credited for the result").optional(),
    org: text("Hub organisation credited for the result").optional(),
  })
  .describe("Attribution; url is required when source is present");

export const resultDateSchema = z
  .string()
  .regex(DATE_TEXT, { message: "must be an ISO 8601 date or date-time, e.g. \"2026-01-15\"" })
  .refine((d) => normaliseDate(d) !== null, { message: "is not a real calendar date or time" })
  .transform((d) => normaliseDate(d) as string)
  .describe("When the evaluation was run (ISO 8601); defaults to the commit time");

/** The fields Hugging Face documents for an entry. */
const hfEntryShape = {
  dataset: datasetRefSchema,
  value: z.number().describe("The metric value: a finite number"),
  verifyToken: text("Signature proving how the result was produced").optional(),
  date: resultDateSchema.optional(),
  source: sourceSchema.optional(),
  notes: z.string().describe("Free text on the setup, e.g. \"With tools\"").optional(),
};

export const resultEntrySchema = z
  .object({ ...hfEntryShape, evidence: evidenceSchema.optional(), setup: setupSchema.optional() })
  .describe("One evaluation result of the model");

export const resultFileSchema = z.array(resultEntrySchema).describe("A .eval_results/*.yaml file: a list of result entries");

/** Exactly Hugging Face's fields, nothing else: what `evalhub export --hf` writes. */
export const hfResultFileSchema = z
  .array(
    z.strictObject({
      ...hfEntryShape,
      dataset: z.strictObject(datasetRefSchema.shape).describe(datasetRefSchema.description ?? ""),
      source: z.strictObject(sourceSchema.shape).describe(sourceSchema.description ?? "").optional(),
    }).describe("One evaluation result of the model (Hugging Face's fields only)"),
  )
  .describe("A .eval_results/*.yaml file as Hugging Face documents it, without evalhub's extensions");

export type ResultEntry = z.output<typeof resultEntrySchema>;

/** The known keys of each nested object, by path shape, for unknown-key warnings. */
export const RESULT_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(resultEntrySchema.shape),
  dataset: Object.keys(datasetRefSchema.shape),
  source: Object.keys(sourceSchema.shape),
  ...EXTENSION_KEYS,
};
