// A short text summary of a V8 CPU profile (`node --cpu-prof`): where the self time went.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A profile as V8 writes it: the call tree, and each sample's node and time since the previous one (µs). */
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface SummaryOptions {
  /** Leave out the frames of loading modules. */
  skipStartup?: boolean;
  /** Only the samples of the profile's last this many seconds (e.g. the timed load, not the warm-up before it). */
  lastSeconds?: number;
}

/** Frames of loading and compiling modules (through tsx's loader thread): start-up, not serving. */
const STARTUP = /node:internal\/modules\/|receiveMessageOnPort|compileSourceTextModule|source_map/;

/** The newest main-thread `.cpuprofile` in `dir`, as "share% function (file:line)" lines, biggest first (shares of busy time). */
export function summariseProfile(dir: string, top = 8, options: SummaryOptions = {}): string[] {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader has its own).
  const files = readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f)).sort();
  const newest = files[files.length - 1];
  if (newest === undefined) return ["(no profile written)"];
  return summariseProfileData(JSON.parse(readFileSync(join(dir, newest), "utf8")) as Profile, top, options);
}

/** The same summary of a profile already in memory (from `node:inspector`). */
export function summariseProfileData(profile: Profile, top = 8, options: SummaryOptions = {}): string[] {
  const byFrame = new Map<string, number>();
  const windowHits = options.lastSeconds === undefined ? null : hitsInLastSeconds(profile, options.lastSeconds);
  let total = 0;
  for (const node of profile.nodes) {
    const hits = windowHits === null ? (node.hitCount ?? 0) : (windowHits.get(node.id) ?? 0);
    const { functionName, url, lineNumber } = node.callFrame;
    // Waiting is not work: shares are of the time the process was running JavaScript, GC or native code.
    if (functionName === "(idle)") continue;
    if (options.skipStartup && STARTUP.test(url + " " + functionName)) continue;
    total += hits;
    const where = url === "" ? "" : ` (${shortUrl(url)}:${lineNumber + 1})`;
    const name = `${functionName || "(anonymous)"}${where}`;
    byFrame.set(name, (byFrame.get(name) ?? 0) + hits);
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => `${((hits / Math.max(total, 1)) * 100).toFixed(1)}% ${name}`);
}

/** Samples per node in the last `seconds` of the profile. */
function hitsInLastSeconds(profile: Profile, seconds: number): Map<number, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let t = 0;
  for (const delta of deltas) times.push((t += delta));
  const from = (times[times.length - 1] ?? 0) - seconds * 1e6;
  const hits = new Map<number, number>();
  samples.forEach((id, i) => {
    if ((times[i] ?? 0) >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

/** The share of samples in which the process was working rather than waiting (on git, the database, sockets). */
export function busyShare(profile: { nodes: ProfileNode[] }): number {
  let idle = 0;
  let all = 0;
  for (const node of profile.nodes) {
    all += node.hitCount ?? 0;
    if (node.callFrame.functionName === "(idle)") idle += node.hitCount ?? 0;
  }
  return all === 0 ? 0 : (all - idle) / all;
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const inModules = path.lastIndexOf("node_modules/");
  return inModules >= 0 ? path.slice(inModules + "node_modules/".length) : relative(process.cwd(), path);
}
