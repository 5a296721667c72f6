import { z } from "zod";

// evalhub's extensions of Hugging Face's formats. Hugging Face ignores them; `evalhub export --hf` removes them.

const text = (description: string) => z.string().regex(/\S/, { message: "must not be empty or blank" }).describe(description);

export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export const evidenceSchema = z
  .object({
    path: text("Path, from the repository root, of the evaluation log in this model repository: an Inspect log (.eval or .json), lm-eval or lighteval results_*.json"),
    sha256: z.string().regex(SHA256_HEX, { message: "must be 64 hex digits" }).optional().describe("SHA-256 of the log file; the hub checks it"),
  })
  .describe("evalhub extension: the evaluation log this value comes from, read and checked by the hub at the same commit");

export const harnessSchema = z
  .object({
    name: text("The evaluation harness, e.g. inspect-ai, lm-eval, lighteval"),
    version: text("Its version, e.g. 0.4.10").optional(),
  })
  .describe("The harness that produced the value");

export const setupSchema = z
  .object({
    n_shot: z.int().min(0).optional().describe("Few-shot examples per prompt"),
    chain_of_thought: z.boolean().optional().describe("Whether the model was prompted to reason step by step"),
    tools: z.boolean().optional().describe("Whether the model could use tools"),
    temperature: z.number().min(0).optional().describe("Sampling temperature"),
    max_tokens: z.int().min(1).optional().describe("Most tokens generated per answer"),
    reasoning_effort: text("Reasoning effort or budget, e.g. low, medium, high").optional(),
    harness: harnessSchema.optional(),
    model_revision: text("The model revision evaluated (a full commit sha is best)").optional(),
    samples: z.int().min(1).optional().describe("Samples scored: with a fraction or percentage scale, gives a 95% interval"),
    stderr: z.number().min(0).optional().describe("Standard error of the value, in the value's unit: gives a 95% interval"),
    metric: text("The metric the value is, as the log names it (e.g. accuracy, acc,none, match/accuracy)").optional(),
  })
  .describe("evalhub extension: how the value was produced, in comparable fields (notes stays free text)");

export type Evidence = z.output<typeof evidenceSchema>;
export type Setup = z.output<typeof setupSchema>;

/** The keys our extensions add to an entry, and their known sub-keys, for unknown-key warnings. */
export const EXTENSION_KEYS: Record<string, readonly string[]> = {
  evidence: Object.keys(evidenceSchema.shape),
  setup: Object.keys(setupSchema.shape),
  "setup.harness": Object.keys(harnessSchema.shape),
};

/** evalhub's task fields in eval.yaml, allowed for every framework. */
export const taskExtensionFields = {
  metric: text("evalhub extension: the metric results report, as logs name it (e.g. accuracy, acc,none); evidence is checked against it").optional(),
  lower_is_better: z.boolean().optional().describe("evalhub extension: lower values rank higher (error rates, time, cost)"),
  unit: text("evalhub extension: the unit of values, e.g. %, s, USD").optional(),
  scale: z.enum(["fraction", "percent"]).optional().describe("evalhub extension: values are fractions (0-1) or percentages (0-100); gives 95% intervals from sample counts"),
};

export const TASK_EXTENSION_KEYS: readonly string[] = Object.keys(taskExtensionFields);
