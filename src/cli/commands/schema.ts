import type { Command } from "commander";
import { evalResultsJsonSchema, evalYamlJsonSchema, hfEvalResultsJsonSchema } from "../../formats/json-schema.ts";
import { UsageError } from "../usage-error.ts";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema (2020-12) of eval.yaml or of .eval_results files, for editors")
    .argument("<which>", "eval-yaml or eval-results")
    .option("--hf", "eval-results only: Hugging Face's fields alone, without evalhub's extensions (what `evalhub export --hf` writes)")
    .action((which: string, options: { hf?: boolean }) => {
      if (options.hf && which !== "eval-results") throw new UsageError("schema: --hf applies to eval-results only");
      const results = options.hf ? hfEvalResultsJsonSchema : evalResultsJsonSchema;
      const schema = which === "eval-yaml" ? evalYamlJsonSchema() : which === "eval-results" ? results() : null;
      if (!schema) throw new UsageError(`schema: expected eval-yaml or eval-results, not ${which}`);
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
