import type { Problem } from "../problems.ts";

/** Which tool produced a log or results file. */
export type LogFramework = "inspect-ai" | "lm-eval" | "lighteval" | "model-index";

/** How the run ended, as the log says. Only `success` counts as evidence. */
export type RunStatus = "success" | "started" | "cancelled" | "error" | "unknown";

export interface LogMetric {
  /** The scorer that produced it (Inspect) or the filter (lm-eval), when the format has one. */
  scorer?: string;
  name: string;
  value: number;
  stderr?: number;
}

/** One evaluated task of one model, in the same shape whatever tool wrote it. */
export interface NormalisedLog {
  framework: LogFramework;
  /** Task name as the log records it. */
  task: string | null;
  /** Dataset id (`org/name`) when the log records one. */
  dataset: string | null;
  /** Model name as the log records it (e.g. `openai/gpt-4o`, `hf/Qwen/Qwen2-0.5B`). */
  model: string | null;
  status: RunStatus;
  /** ISO 8601 time the run was created or started. */
  created: string | null;
  /** Number of samples scored, when known. */
  samples: number | null;
  /** Few-shot examples per prompt, when the log records it. */
  fewShot: number | null;
  metrics: LogMetric[];
  /** The headline metric: Inspect's rule (first metric of the first score) unless the caller names one. */
  headline: LogMetric | null;
}

export interface LogReadResult {
  /** One entry per task found (lm-eval and lighteval files may hold several). */
  logs: NormalisedLog[];
  problems: Problem[];
}

export interface LogReadOptions {
  /** File name used in problems. */
  file: string;
  /** Metric to use as headline instead of the format's default (`accuracy`, `scorer/accuracy`, `acc,none`). */
  metric?: string;
}
