import type { Command } from "commander";
import { evalResultsJsonSchema, evalYamlJsonSchema } from "../../formats/json-schema.ts";
import { UsageError } from "../usage-error.ts";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema (2020-12) of eval.yaml or of .eval_results files, for editors")
    .argument("<which>", "eval-yaml or eval-results")
    .action((which: string) => {
      const schema = which === "eval-yaml" ? evalYamlJsonSchema() : which === "eval-results" ? evalResultsJsonSchema() : null;
      if (!schema) throw new UsageError(`schema: expected eval-yaml or eval-results, not ${which}`);
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
