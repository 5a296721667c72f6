import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { registeredFromEvalYaml, staticRegistry, type BenchmarkRegistry, type RegisteredBenchmark } from "../formats/classify.ts";
import { validateEvalYaml } from "../formats/eval-yaml.ts";
import { UsageError } from "./usage-error.ts";

/** A registry read from `DIR/<org>/<name>/eval.yaml`. */
export function registryFromDirectory(dir: string, frameworks?: readonly string[]): BenchmarkRegistry {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--registry: ${dir} is not a folder`);
  const benchmarks: RegisteredBenchmark[] = [];
  for (const org of readdirSync(dir, { withFileTypes: true })) {
    if (!org.isDirectory()) continue;
    for (const name of readdirSync(join(dir, org.name), { withFileTypes: true })) {
      const file = join(dir, org.name, name.name, "eval.yaml");
      if (!name.isDirectory() || !existsSync(file)) continue;
      const result = validateEvalYaml(readFileSync(file), { file, frameworks });
      benchmarks.push(registeredFromEvalYaml(`${org.name}/${name.name}`, result));
    }
  }
  return staticRegistry(benchmarks);
}
