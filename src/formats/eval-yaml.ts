import { TASK_EXTENSION_KEYS } from "./evidence/extensions-schema.ts";
import { DEFAULT_FRAMEWORKS, INSPECT_AI } from "./frameworks.ts";
import { evalYamlTopSchema, genericTaskSchema, inspectTaskSchema } from "./eval-yaml-schema.ts";
import type { FormatLimits } from "./limits.ts";
import { formatPath, hasErrors, sortProblems, type PathSegment, type Problem } from "./problems.ts";
import { parseYamlSafe, type ParsedYaml } from "./safe-yaml.ts";
import { problemsFromIssues, unknownKey, type IssueContext } from "./zod-problems.ts";

export interface BenchmarkTask {
  id: string;
  config: string;
  split: string;
  /** Every field of the task as written (Inspect fields included), with defaults applied. */
  fields: Record<string, unknown>;
}

export interface BenchmarkDefinition {
  name: string;
  description: string;
  evaluationFramework: string;
  /** In file order: the first is the default leaderboard. */
  tasks: BenchmarkTask[];
}

export interface EvalYamlResult {
  /** Null when the file has any error. */
  benchmark: BenchmarkDefinition | null;
  problems: Problem[];
}

export interface EvalYamlOptions {
  file?: string;
  frameworks?: readonly string[];
  limits?: Partial<FormatLimits>;
}

const TASK_KEYS = new Set(["id", "config", "split", "field_spec", "solvers", "scorers", "epochs", "epoch_reducer", "shuffle_choices", ...TASK_EXTENSION_KEYS]);

/** Validates a benchmark's `eval.yaml`. */
export function validateEvalYaml(input: string | Uint8Array, options: EvalYamlOptions = {}): EvalYamlResult {
  const file = options.file ?? "eval.yaml";
  const frameworks = options.frameworks ?? DEFAULT_FRAMEWORKS;
  const yaml = parseYamlSafe(input, file, options.limits);
  if (yaml.problems.length > 0) return { benchmark: null, problems: yaml.problems };

  const value = yaml.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const problem: Problem = {
      file, line: 1, column: 1, path: "", summary: "Invalid input", severity: "error", code: "invalid-type",
      message: "eval.yaml must be a mapping with name, description, evaluation_framework and tasks",
    };
    return { benchmark: null, problems: [problem] };
  }
  const doc = value as Record<string, unknown>;
  const topSchema = topSchemaFor(frameworks);
  const ctx: IssueContext = { file, yaml, knownKeys: (path) => (path.length === 0 ? Object.keys(topSchema.shape) : []) };

  const problems: Problem[] = [];
  const top = topSchema.safeParse(doc);
  if (!top.success) problems.push(...topLevelProblems(top.error.issues, ctx));

  const framework = typeof doc.evaluation_framework === "string" && frameworks.includes(doc.evaluation_framework) ? doc.evaluation_framework : null;
  const tasks = Array.isArray(doc.tasks) ? doc.tasks.map((task, i) => checkTask(task, i, framework, ctx, problems)) : [];
  problems.push(...duplicateTaskIds(tasks, yaml, file));

  sortProblems(problems);
  if (hasErrors(problems) || !top.success) return { benchmark: null, problems };
  return {
    benchmark: {
      name: top.data.name,
      description: top.data.description,
      evaluationFramework: top.data.evaluation_framework,
      tasks: tasks.filter((t): t is BenchmarkTask => t !== null),
    },
    problems,
  };
}

/**
 * Top-level schemas by framework list. Building a zod schema costs far more than using it (zod compiles it on
 * first parse), so each list's schema is built once.
 */
const topSchemas = new Map<string, ReturnType<typeof evalYamlTopSchema>>();

function topSchemaFor(frameworks: readonly string[]): ReturnType<typeof evalYamlTopSchema> {
  const key = frameworks.join("\n");
  let schema = topSchemas.get(key);
  if (!schema) {
    if (topSchemas.size >= 16) topSchemas.clear();
    schema = evalYamlTopSchema(frameworks);
    topSchemas.set(key, schema);
  }
  return schema;
}

function topLevelProblems(issues: Parameters<typeof problemsFromIssues>[0], ctx: IssueContext): Problem[] {
  const out: Problem[] = [];
  const rest = issues.filter((issue) => {
    if (issue.code !== "unrecognized_keys" || issue.path.length > 0) return true;
    for (const key of issue.keys) {
      const hint = TASK_KEYS.has(key) ? `\`${key}\` is a task field: move it inside each entry of \`tasks\` (tasks[].${key})` : undefined;
      out.push(unknownKey(ctx, [], key, "error", hint));
    }
    return false;
  });
  // Task problems are reported by the per-task pass, which knows the framework.
  const withoutTasks = rest.filter((issue) => !(issue.path[0] === "tasks" && issue.path.length > 1));
  return [...out, ...problemsFromIssues(withoutTasks, ctx)];
}

function checkTask(task: unknown, index: number, framework: string | null, parent: IssueContext, problems: Problem[]): BenchmarkTask | null {
  const base: PathSegment[] = ["tasks", index];
  const ctx: IssueContext = { ...parent, base, knownKeys: () => (framework === INSPECT_AI ? Object.keys(inspectTaskSchema.shape) : Object.keys(genericTaskSchema.shape)) };
  if (task === null || typeof task !== "object" || Array.isArray(task)) {
    const pos = parent.yaml.locate(base);
    problems.push({ file: parent.file, ...pos, path: formatPath(base), summary: "Invalid input", message: "each task must be a mapping with at least an `id`", severity: "error", code: "invalid-type" });
    return null;
  }
  const schema = framework === INSPECT_AI ? inspectTaskSchema : genericTaskSchema;
  const parsed = schema.safeParse(task);
  if (!parsed.success) {
    problems.push(...problemsFromIssues(parsed.error.issues, ctx));
    return null;
  }
  if (framework === INSPECT_AI) {
    for (const key of TASK_EXTENSION_KEYS.filter((k) => Object.hasOwn(task, k))) {
      problems.push({ ...unknownKey(ctx, base, key, "warning", `\`${key}\` is an evalhub task field; Inspect rejects unknown task keys, so \`inspect eval\` cannot run this eval.yaml while it is here`), summary: "evalhub extension", code: "extension-key" });
    }
  }
  if (framework !== null && framework !== INSPECT_AI) {
    for (const key of Object.keys(task)) {
      if (!Object.hasOwn(genericTaskSchema.shape, key)) problems.push(unknownKey(ctx, base, key, "warning", `\`${key}\` is not a task field for ${framework}; it is kept but not used`));
    }
  }
  const fields = parsed.data as Record<string, unknown> & { id: string; config: string; split: string };
  return { id: fields.id, config: fields.config, split: fields.split, fields };
}

function duplicateTaskIds(tasks: (BenchmarkTask | null)[], yaml: ParsedYaml, file: string): Problem[] {
  const firstAt = new Map<string, number>();
  const out: Problem[] = [];
  tasks.forEach((task, i) => {
    if (!task) return;
    const first = firstAt.get(task.id);
    if (first === undefined) {
      firstAt.set(task.id, i);
      return;
    }
    const path = ["tasks", i, "id"];
    const firstLine = yaml.locate(["tasks", first, "id"]).line;
    out.push({
      file, ...yaml.locate(path), path: formatPath(path), summary: "Duplicate task id", severity: "error", code: "duplicate-task-id",
      message: `task id \`${task.id}\` is already used by tasks[${first}] (line ${firstLine}); task ids must be unique`,
    });
  });
  return out;
}
