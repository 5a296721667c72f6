// How a log's own names are compared with an entry and its repository: leniently, by rules written down here,
// because tools spell the same model and task many ways. Everything is compared without case.

/** Inspect providers whose model names carry no organisation (`ollama/gemma3`, `openai/gpt-4o`). */
const BARE_NAME_PROVIDERS = new Set(["openai", "anthropic", "google", "mistral", "grok", "groq", "ollama", "azureai", "bedrock", "vertex", "perplexity", "llama-cpp-python"]);

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "");

/** Whether `needle` appears in `hay` as a run of adjacent words. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((w, j) => hay[i + j] === w)) return true;
  return false;
}

/**
 * Whether the log's model is this repository's model. Ignoring a `:provider` or `@revision` suffix, it agrees when it
 * 1. is the repository id, or ends with `/` + the id (`hf/org/name`, `vllm/org/name`, a local `…/org/name` folder);
 * 2. is a bare name (no `/`) equal to the repository's name (lighteval's `gpt2` for `openai-community/gpt2`);
 * 3. is `provider/name` for a provider whose names carry no organisation (`ollama`, `openai`, …) and name is the repository's name.
 */
export function modelAgrees(logModel: string, modelId: string): boolean {
  const id = modelId.toLowerCase();
  const name = id.slice(id.indexOf("/") + 1);
  const model = logModel.trim().toLowerCase().replace(/@[^/]*$/, "").replace(/:[\w.-]+$/, "");
  if (model === id || model.endsWith(`/${id}`)) return true;
  const parts = model.split("/");
  if (parts.length === 1) return model === name;
  return parts.length === 2 && BARE_NAME_PROVIDERS.has(parts[0] ?? "") && parts[1] === name;
}

/**
 * How well the log's task names the entry's benchmark task, higher is closer; -1 when it does not:
 * 3. a run of the benchmark's own eval.yaml (`hf/org/dataset`, or `hf/org/dataset/task` with the task id);
 * 2. the task id itself, or the dataset's name;
 * 1. the task id's words appear, adjacent, in the log's task name (`diamond` in `inspect_evals/gpqa_diamond`);
 * 0. the dataset name's words do (`gsm8k` in `lighteval|gsm8k` for `openai/gsm8k`).
 * A run of another task of the same eval.yaml (`hf/org/dataset/other`) is -1.
 */
export function taskMatch(logTask: string, datasetId: string, taskId: string): number {
  const task = logTask.trim().toLowerCase().replace(/^hf\//, "").replace(/@[^/]*$/, "");
  const id = datasetId.toLowerCase();
  const name = id.slice(id.indexOf("/") + 1);
  if (task === id) return 3;
  if (task.startsWith(`${id}/`)) return task.slice(id.length + 1) === taskId.toLowerCase() ? 3 : -1;
  if (task === taskId.toLowerCase() || task === name) return 2;
  const logWords = words(logTask);
  if (containsRun(logWords, words(taskId))) return 1;
  return containsRun(logWords, words(name)) ? 0 : -1;
}

export function datasetAgrees(logDataset: string, datasetId: string): boolean {
  return logDataset.toLowerCase() === datasetId.toLowerCase();
}
