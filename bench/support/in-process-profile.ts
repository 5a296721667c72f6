// A CPU profile of work done in the bench process itself, through the inspector (no restart, no flag).
import { Session } from "node:inspector/promises";
import { busyShare, summariseProfileData, type ProfileNode } from "./profile.ts";

/** Runs `work` under V8's sampling profiler; returns its result, the summary of where the busy time went, and how busy the process was. */
export async function profiled<T>(work: () => Promise<T>, top = 10): Promise<{ result: T; profile: string[]; busy: number }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = await session.post("Profiler.stop");
    const data = profile as unknown as { nodes: ProfileNode[] };
    return { result, profile: summariseProfileData(data, top), busy: busyShare(data) };
  } finally {
    session.disconnect();
  }
}
