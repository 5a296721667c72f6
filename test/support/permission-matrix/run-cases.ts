import { isDeepStrictEqual } from "node:util";
import type { Caller } from "./callers.ts";
import { observe } from "./observe.ts";
import type { Outcome, Prepared, Probe, Visibility } from "./probe.ts";
import type { World } from "./world.ts";

export interface PlannedCase {
  /** The matrix row: `METHOD /route`, with ` (scenario)` when the route does several things. */
  row: string;
  /** `row caller visibility`, as mismatches name it. */
  label: string;
  caller: Caller;
  visibility: Visibility;
  expected: Outcome;
  probe: Probe;
  /** The `X-Error-Code` a 404 of the API or git must carry (a hidden repository's is `RepoNotFound`, like a missing one's). */
  notFoundCode?: string;
}

/** The top-level fields that differ between two states, or both states when they have no fields, for a short message. */
function differingFields(before: unknown, after: unknown): string {
  const record = (value: unknown) => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
  const [a, b] = [record(before), record(after)];
  if (!a || !b) return `${JSON.stringify(before)} → ${JSON.stringify(after)}`.slice(0, 300);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => !isDeepStrictEqual(a[field], b[field])).join(", ");
}

const message = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));
/** Lets go of an answer nobody read, so its connection is free again. */
const discard = async (res: Response | undefined) => (res && !res.bodyUsed ? res.body?.cancel() : undefined);

/**
 * Runs cases and returns every mismatch. Refused cases go first, all at once: each is prepared, then every state
 * is read, then every request is sent, then every state is read again, so no case's setup is mistaken for another's
 * effect. Allowed cases follow, at once too, except those of probes whose successes move one shared ref.
 */
export async function runCases(world: World, cases: readonly PlannedCase[]): Promise<string[]> {
  const mismatches: string[] = [];
  const attempt = async <T>(label: string, step: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      mismatches.push(`${label}: ${step} failed: ${message(error)}`);
      return undefined;
    }
  };
  const check = async (c: PlannedCase, res: Response | undefined): Promise<boolean> => {
    if (!res) return false;
    const { outcome, problems } = await observe(res.clone(), c.probe.edge);
    if (outcome !== c.expected) mismatches.push(`${c.label}: expected ${c.expected}, got ${outcome}`);
    for (const problem of problems) mismatches.push(`${c.label}: ${problem}`);
    const code = res.headers.get("x-error-code");
    if (outcome === 404 && c.notFoundCode && code !== c.notFoundCode) mismatches.push(`${c.label}: 404 with X-Error-Code ${code}, not ${c.notFoundCode}`);
    return outcome === c.expected;
  };
  const prepare = (c: PlannedCase) => attempt(c.label, "setup", () => c.probe.prepare({ caller: c.caller, visibility: c.visibility, allowed: c.expected === "allow", agent: world.agents[c.caller], world }));

  const refused = cases.filter((c) => c.expected !== "allow");
  const prepared = await Promise.all(refused.map(prepare));
  const states = () => {
    const shared = new Map<string, Promise<unknown>>();
    return Promise.all(prepared.map((p) => {
      if (!p?.state) return undefined;
      if (p.stateKey === undefined) return p.state();
      if (!shared.has(p.stateKey)) shared.set(p.stateKey, p.state());
      return shared.get(p.stateKey);
    }));
  };
  const before = await states();
  const answers = await Promise.all(prepared.map((p, i) => (p ? attempt(refused[i]!.label, "request", () => p.send()) : undefined)));
  await Promise.all(refused.map(async (c, i) => (await check(c, answers[i]), await discard(answers[i]))));
  const after = await states();
  // Cases aiming at one target share its state: a change is told once, naming every case that aimed at it.
  const changed = new Map<unknown, string[]>();
  refused.forEach((c, i) => {
    if (isDeepStrictEqual(before[i], after[i])) return;
    const key = prepared[i]?.stateKey ?? c.label;
    changed.set(key, [...(changed.get(key) ?? []), c.label]);
  });
  for (const [key, labels] of changed) {
    const i = refused.findIndex((c) => c.label === labels[0]);
    mismatches.push(`refused, yet ${String(key)} changed (${differingFields(before[i], after[i])}): ${labels.join("; ")}`);
  }

  // Allowed cases are all prepared first; a serial probe's cases then send in turn, since each moves one ref of its
  // visibility's repository (which is why `send`, not `prepare`, reads what that ref points at).
  const allowed = cases.filter((c) => c.expected === "allow");
  const ready = await Promise.all(allowed.map(prepare));
  const succeed = async (c: PlannedCase, p: Prepared | undefined) => {
    const res = p && (await attempt(c.label, "request", () => p.send()));
    if ((await check(c, res)) && p?.effect && res) await attempt(c.label, "effect", () => p.effect!(res));
    await discard(res);
  };
  const queues = new Map<string, Promise<void>>();
  await Promise.all(allowed.map((c, i) => {
    if (!c.probe.serial) return succeed(c, ready[i]);
    const key = `${c.row} ${c.visibility}`;
    const queued = (queues.get(key) ?? Promise.resolve()).then(() => succeed(c, ready[i]));
    queues.set(key, queued);
    return queued;
  }));
  if (cases.some((c) => c.probe.endsSessions)) await world.renewSessions();
  return mismatches;
}
