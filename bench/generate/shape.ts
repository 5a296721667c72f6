// The shape of a synthetic hub and the deterministic names and numbers every generator derives from it.
import { createHash } from "node:crypto";

export interface HubShape {
  models: number;
  benchmarks: number;
  tasksPerBenchmark: number;
  /** Model owners (users); models are spread over them round-robin. */
  owners: number;
  /** Share of models with an open pull request proposing one community result. */
  openPrShare: number;
  /** Share of models with a closed pull request (its results must not count). */
  closedPrShare: number;
  /** Share of models whose main has an earlier commit with other values (history). */
  historyShare: number;
  /** Share of models that are fine-tunes (a `base_model` in their card). */
  fineTuneShare: number;
}

export const defaultShape = (models: number): HubShape => ({
  models,
  benchmarks: 2,
  tasksPerBenchmark: 5,
  owners: Math.max(1, Math.ceil(models / 100)),
  openPrShare: 0.02,
  closedPrShare: 0.01,
  historyShare: 0.1,
  fineTuneShare: 0.1,
});

/** Short stable id of a shape (plus anything else the data depends on), for cache folders. */
export function shapeKey(shape: HubShape, ...extra: string[]): string {
  return createHash("sha256").update(JSON.stringify([shape, ...extra])).digest("hex").slice(0, 12);
}

export const BENCH_OWNER = "bench-org";
export const benchmarkName = (b: number) => `suite-${b}`;
export const benchmarkId = (b: number) => `${BENCH_OWNER}/${benchmarkName(b)}`;
export const taskId = (t: number) => `task_${t}`;
export const ownerName = (shape: HubShape, model: number) => `lab-${model % shape.owners}`;
export const modelName = (model: number) => `model-${model}`;
export const modelId = (shape: HubShape, model: number) => `${ownerName(shape, model)}/${modelName(model)}`;

/** A fraction in [0, 1) from the integers given: the same on every run. */
export function unit(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h = Math.imul(h ^ (p & 0xffff), 16777619);
    h = Math.imul(h ^ (p >>> 16), 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/** The score of a model on a task (version 0 is main now, 1 an older commit, 2 a community PR). */
export const score = (model: number, b: number, t: number, version = 0) => Math.round(unit(model, b, t, version) * 10_000) / 100;

export const hasOpenPr = (shape: HubShape, model: number) => unit(model, 101) < shape.openPrShare;
export const hasClosedPr = (shape: HubShape, model: number) => unit(model, 102) < shape.closedPrShare;
export const hasHistory = (shape: HubShape, model: number) => unit(model, 103) < shape.historyShare;
export const isFineTune = (shape: HubShape, model: number) => unit(model, 104) < shape.fineTuneShare;
/** Parameter count from the card, 100M to 100B. */
export const parameters = (model: number) => Math.round(1e8 * 1000 ** unit(model, 105));
