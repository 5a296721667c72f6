import { z } from "zod";
import { evalYamlDocumentSchema } from "./eval-yaml-schema.ts";
import { hfResultFileSchema, resultFileSchema } from "./eval-results-schema.ts";
import { DEFAULT_FRAMEWORKS } from "./frameworks.ts";

export type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12) for eval.yaml, generated from the validator's own schema. */
export function evalYamlJsonSchema(frameworks: readonly string[] = DEFAULT_FRAMEWORKS): JsonSchema {
  return {
    ...z.toJSONSchema(evalYamlDocumentSchema(frameworks), { target: "draft-2020-12", io: "input" }),
    title: "evalhub eval.yaml",
  };
}

/**
 * JSON Schema (2020-12) for .eval_results/*.yaml files, evalhub's extensions (`evidence`, `setup`) documented.
 * Unknown keys are allowed (the validator warns).
 */
export function evalResultsJsonSchema(): JsonSchema {
  return {
    ...z.toJSONSchema(resultFileSchema, { target: "draft-2020-12", io: "input" }),
    title: "evalhub .eval_results file",
  };
}

/** JSON Schema (2020-12) of Hugging Face's .eval_results format alone: every key beyond HF's documented fields is rejected. */
export function hfEvalResultsJsonSchema(): JsonSchema {
  return {
    ...z.toJSONSchema(hfResultFileSchema, { target: "draft-2020-12", io: "input" }),
    title: "Hugging Face .eval_results file (no evalhub extensions)",
  };
}
