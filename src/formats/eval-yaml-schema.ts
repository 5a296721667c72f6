import { z } from "zod";
import { taskExtensionFields } from "./evidence/extensions-schema.ts";
import { INSPECT_AI } from "./frameworks.ts";

/** Solver and scorer names Inspect AI accepts in a Hugging Face `eval.yaml` task. */
export const INSPECT_SOLVERS = [
  "prompt_template", "system_message", "user_message", "chain_of_thought", "use_tools", "generate", "self_critique", "multiple_choice",
] as const;
export const INSPECT_SCORERS = [
  "includes", "match", "pattern", "answer", "exact", "f1", "model_graded_qa", "model_graded_fact", "choice", "math",
] as const;
export const EPOCH_REDUCER = /^(pass_at_\d+|at_least_\d+|max|mode|median|mean)$/;

const text = (description: string) => z.string().regex(/\S/, { message: "must not be empty or blank" }).describe(description);

const step = (names: readonly [string, ...string[]], what: string) =>
  z.strictObject({
    name: z.enum(names).describe(`${what} name`),
    args: z.record(z.string(), z.unknown()).optional().describe(`Arguments passed to the ${what.toLowerCase()}`),
  });

export const fieldSpecSchema = z
  .strictObject({
    input: text("Column holding the model input").optional(),
    target: text('Column holding the target, or "literal:<value>"').optional(),
    choices: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional().describe("Column holding the choices, or a list of columns"),
    input_image: text("Column holding an image data URI").optional(),
    id: text("Column holding the sample id").optional(),
    metadata: z.array(z.string().min(1)).optional().describe("Columns copied into sample metadata"),
    sandbox: text("Column naming the sandbox").optional(),
    files: text("Column holding files").optional(),
    setup: text("Column holding a setup script").optional(),
  })
  .describe("How dataset columns map to Inspect sample fields");

/** Fields every task has, whatever the framework. */
export const taskFields = {
  id: text("Task id, unique in the file; results point at it with dataset.task_id"),
  config: text("Dataset config (subset)").default("default"),
  split: text("Dataset split").default("test"),
};

export const genericTaskSchema = z
  .looseObject({ ...taskFields, name: text("Display name of the task (not an Inspect field)").optional(), ...taskExtensionFields }).describe("A task (sub-leaderboard) of the benchmark");

export const inspectTaskSchema = z
  .strictObject({
    ...taskFields,
    field_spec: fieldSpecSchema,
    shuffle_choices: z.boolean().optional(),
    epochs: z.int().min(1).optional().describe("Times each sample is run"),
    epoch_reducer: z.string().regex(EPOCH_REDUCER).optional().describe("How epochs are combined, e.g. pass_at_1, mean"),
    solvers: z.array(step(INSPECT_SOLVERS, "Solver")).min(1),
    scorers: z.array(step(INSPECT_SCORERS, "Scorer")).min(1),
    ...taskExtensionFields,
  })
  .describe("An Inspect AI task: unknown keys are rejected, as Inspect rejects them (evalhub's own task fields are allowed, with a warning)");

const frameworkEnum = (ids: readonly string[]) => z.enum(ids as [string, ...string[]]);

const header = (frameworks: readonly string[]) => ({
  name: text("Display name of the benchmark"),
  description: text("What the benchmark measures"),
  evaluation_framework: frameworkEnum(frameworks).describe("The one harness that runs this benchmark"),
});

/** The top level, with tasks left for a second pass that knows the framework. */
export function evalYamlTopSchema(frameworks: readonly string[]) {
  return z.strictObject({
    ...header(frameworks),
    tasks: z.array(z.unknown()).min(1).describe("The benchmark's tasks; the first is the default leaderboard"),
  });
}

/** The whole document as one schema: what the JSON Schema is generated from. */
export function evalYamlDocumentSchema(frameworks: readonly string[]) {
  const others = frameworks.filter((f) => f !== INSPECT_AI);
  const variants = [
    z.strictObject({ ...header(frameworks), evaluation_framework: z.literal(INSPECT_AI), tasks: z.array(inspectTaskSchema).min(1) }),
  ];
  const generic = z.strictObject({ ...header(frameworks), evaluation_framework: frameworkEnum(others), tasks: z.array(genericTaskSchema).min(1) });
  return z.union([...variants, generic]).describe("A benchmark definition (eval.yaml at the root of a dataset repository)");
}

export type InspectTask = z.output<typeof inspectTaskSchema>;
