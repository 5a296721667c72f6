import type { PushedRef } from "../git/index.ts";
import type { Actor } from "./policy.ts";
import type { Repo } from "./repos.ts";

/** Refs of a repository that moved, and who moved them. */
export interface RefsUpdated {
  repo: Repo;
  refs: readonly PushedRef[];
  actor: Actor;
}

export type RefsUpdatedListener = (event: RefsUpdated) => void | Promise<void>;

/** Tells interested services (e.g. the results index) that refs moved; emit resolves once all of them handled it. */
export class RefEvents {
  private readonly listeners = new Set<RefsUpdatedListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: RefsUpdatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener, one after another, even when one fails; then rethrows the failures. */
  async emit(event: RefsUpdated): Promise<void> {
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} listeners of a ref update failed`);
  }
}
