// The text of every file a synthetic hub holds: eval.yaml of benchmarks, `.eval_results` and cards of models.
import { stringify } from "yaml";
import { benchmarkId, benchmarkName, isFineTune, parameters, score, taskId, type HubShape } from "./shape.ts";

export function evalYaml(shape: HubShape, b: number): string {
  const tasks = Array.from({ length: shape.tasksPerBenchmark }, (_, t) => ({ id: taskId(t), config: "default", split: "test" }));
  return stringify({ name: `Synthetic suite ${b}`, description: `Benchmark ${benchmarkName(b)} of the synthetic hub.`, evaluation_framework: "nanofold", tasks });
}

/** `.eval_results/<suite>.yaml`: one entry per task of the benchmark. */
export const resultsPath = (b: number) => `.eval_results/${benchmarkName(b)}.yaml`;

/** The entries of that file, as objects (what parsing its text gives back). */
export function resultEntries(shape: HubShape, model: number, b: number, version = 0): Record<string, unknown>[] {
  return Array.from({ length: shape.tasksPerBenchmark }, (_, t) => ({
    dataset: { id: benchmarkId(b), task_id: taskId(t) },
    value: score(model, b, t, version),
    date: `2026-0${1 + (version === 0 ? 6 : 2)}-1${b % 10}`,
    source: { url: `https://example.org/runs/${model}/${b}`, name: "Synthetic run" },
  }));
}

export const resultsFile = (shape: HubShape, model: number, b: number, version = 0) => stringify(resultEntries(shape, model, b, version));

export const COMMUNITY_PATH = ".eval_results/community.yaml";

/** What an open (or closed) pull request proposes: one more result for the first task of benchmark 0. */
export const communityEntry = (model: number): Record<string, unknown> => ({ dataset: { id: benchmarkId(0), task_id: taskId(0) }, value: score(model, 0, 0, 2), notes: "Reproduced by the community" });

export const communityFile = (model: number) => stringify([communityEntry(model)]);

export function modelCard(shape: HubShape, model: number): string {
  const meta: Record<string, unknown> = { num_parameters: parameters(model) };
  if (isFineTune(shape, model)) meta.base_model = `lab-0/model-${model % 97}`;
  return `---\n${stringify(meta)}---\n\n# Synthetic model ${model}\n`;
}
