import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CALLERS, type Caller } from "./callers.ts";
import type { World } from "./world.ts";

const PRIVATE_MODEL = "lab/priv-model";
const PRIVATE_BENCH = "lab/priv-bench";
const PUBLIC_MODEL = "lab/pub-model";
const PUBLIC_BENCH = "lab/pub-bench";

/**
 * Everything that gathers repositories together, asked by every caller: search (API and page), listings, the home
 * page, the public benchmark's leaderboard (API, page, CSV, embed), its feeds, ledger and conflicts, and badges.
 * The private model (which has results on the public benchmark) and the private benchmark appear only to callers
 * who may read them, and their own addresses are 404 to the others. Returns every difference.
 */
export async function checkPrivateAggregates(world: World, mayReadPrivate: (caller: Caller) => boolean): Promise<string[]> {
  const problems = (await Promise.all(CALLERS.map((caller) => checkCaller(world, caller, mayReadPrivate(caller))))).flat();
  return [...problems, ...(await checkExport(world))];
}

async function checkCaller(world: World, caller: Caller, reader: boolean): Promise<string[]> {
  const agent = world.agents[caller];
  const problems: string[] = [];
  const text = async (res: Promise<Response>, what: string): Promise<string> => {
    const answer = await res;
    const body = await answer.text();
    if (answer.status !== 200) problems.push(`${caller}: ${what} answered ${answer.status}`);
    return body;
  };
  const shows = (body: string, id: string, expected: boolean, what: string) => {
    if (body.includes(id) !== expected) problems.push(`${caller}: ${what} ${expected ? "lacks" : "shows"} ${id}`);
  };
  const hidden = async (res: Promise<Response>, what: string) => {
    const answer = await res;
    await answer.body?.cancel();
    if (answer.status !== (reader ? 200 : 404)) problems.push(`${caller}: ${what} answered ${answer.status}, expected ${reader ? 200 : 404}`);
  };

  // What each surface lists: models (the public one always, the private one to readers), benchmarks likewise, or both.
  // Not benchmarks on the home page: its newest results include the public model's result on the private benchmark,
  // which names it (as the public model's own files do).
  const surfaces: [what: string, answer: Promise<Response>, lists: "models" | "benchmarks" | "both"][] = [
    ["API model search", agent.api("GET", "/api/models?search=model"), "models"],
    ["API benchmark listing", agent.api("GET", "/api/datasets?filter=benchmark"), "benchmarks"],
    ["search page", agent.page("/search?q=lab"), "both"],
    ["home page", agent.page("/"), "models"],
    ["API leaderboard", agent.api("GET", "/api/datasets/lab/pub-bench/leaderboard"), "models"],
    ["API leaderboard of the past", agent.api("GET", `/api/datasets/lab/pub-bench/leaderboard?as_of=${encodeURIComponent(new Date().toISOString())}`), "models"],
    ["leaderboard page", agent.page("/datasets/lab/pub-bench"), "models"],
    ["leaderboard CSV", agent.page("/datasets/lab/pub-bench/leaderboard.csv"), "models"],
    ["leaderboard embed", agent.page("/datasets/lab/pub-bench/embed/leaderboard"), "models"],
    ["benchmark feed", agent.api("GET", "/api/datasets/lab/pub-bench/feed.atom"), "models"],
    ["benchmark feed (page address)", agent.api("GET", "/datasets/lab/pub-bench/feed.atom"), "models"],
    ["benchmark ledger", agent.api("GET", "/api/datasets/lab/pub-bench/moderation"), "models"],
    ["benchmark conflicts", agent.api("GET", "/api/datasets/lab/pub-bench/conflicts"), "models"],
  ];
  for (const [what, answer, lists] of surfaces) {
    const body = await text(answer, what);
    if (lists !== "benchmarks") shows(body, PUBLIC_MODEL, true, what);
    if (lists !== "benchmarks") shows(body, PRIVATE_MODEL, reader, what);
    if (lists !== "models") shows(body, PUBLIC_BENCH, true, what);
    if (lists !== "models") shows(body, PRIVATE_BENCH, reader, what);
  }

  await Promise.all([
    hidden(agent.page(`/${PRIVATE_MODEL}`), "the private model's page"),
    hidden(agent.api("GET", `/api/models/${PRIVATE_MODEL}/eval-results`), "the private model's results"),
    hidden(agent.api("GET", `/api/models/${PRIVATE_MODEL}/feed.atom`), "the private model's feed"),
    hidden(agent.api("GET", `/api/badge/${PRIVATE_MODEL}/lab/pub-bench`), "a badge of the private model"),
    hidden(agent.page(`/datasets/${PRIVATE_BENCH}`), "the private benchmark's page"),
    hidden(agent.api("GET", `/api/datasets/${PRIVATE_BENCH}/leaderboard`), "the private benchmark's leaderboard"),
    hidden(agent.page(`/datasets/${PRIVATE_BENCH}/leaderboard.csv`), "the private benchmark's CSV"),
    hidden(agent.api("GET", `/api/datasets/${PRIVATE_BENCH}/feed.atom`), "the private benchmark's feed"),
    hidden(agent.api("GET", `/api/badge/${PUBLIC_MODEL}/${PRIVATE_BENCH}`), "a badge on the private benchmark"),
  ]);
  return problems;
}

/** `evalhub export --out DIR`, now and as of a moment (from the score history), writes results of public models only. */
async function checkExport(world: World): Promise<string[]> {
  const snapshots = [[], ["--as-of", new Date().toISOString()]].map(async (extra) => {
    const dir = await mkdtemp(join(tmpdir(), "evalhub-matrix-export-"));
    try {
      await world.hub.cli(["export", "--out", dir, ...extra]);
      const files = await readdir(dir);
      const contents = (await Promise.all(files.map((f) => readFile(join(dir, f), "utf8")))).join("\n");
      const what = `export ${extra.join(" ")}`.trim();
      const problems: string[] = [];
      if (!files.some((f) => f.endsWith(".jsonl"))) problems.push(`${what}: no JSONL among ${files.join(", ")}`);
      if (!contents.includes(PUBLIC_MODEL)) problems.push(`${what}: lacks the public model`);
      if (contents.includes(PRIVATE_MODEL)) problems.push(`${what}: shows the private model`);
      return problems;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return (await Promise.all(snapshots)).flat();
}
