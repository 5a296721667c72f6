import type { Actor } from "./policy.ts";
import type { Repo } from "./repos.ts";

export type PullRequestAction = "opened" | "committed" | "closed" | "reopened" | "merged" | "renamed";

/** A pull request that changed, how, and who changed it. */
export interface PullRequestChanged {
  repo: Repo;
  num: number;
  action: PullRequestAction;
  actor: Actor;
}

export type PullRequestListener = (event: PullRequestChanged) => void | Promise<void>;

/**
 * Tells interested services (the results index, webhooks) that a pull request changed; emit resolves
 * once all of them handled it. The moves of `refs/pr/N` themselves still arrive through RefEvents.
 */
export class PullRequestEvents {
  private readonly listeners = new Set<PullRequestListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: PullRequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener, one after another, even when one fails; then rethrows the failures. */
  async emit(event: PullRequestChanged): Promise<void> {
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} listeners of a pull request change failed`);
  }
}
