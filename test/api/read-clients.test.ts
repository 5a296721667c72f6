import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as hf from "@huggingface/hub";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { BIG, blobOid, EVALS_MAIN_FILES, README, seedEvalsRepo, type EvalsRepo } from "../support/read-fixture.ts";
import { runCommand } from "../support/run-command.ts";

// What the real clients do with the read endpoints, end to end: the shapes they parse, the headers
// they need, the error classes they raise.
const PYTHON_SCRIPT = `
import json, os, sys, tempfile
from huggingface_hub import HfApi, hf_hub_download, snapshot_download
url, token = sys.argv[1], sys.argv[2]
api = HfApi(endpoint=url, token=token)
out = {}
info = api.model_info("alice/evals", files_metadata=True)
out["info"] = {"sha": info.sha, "card": info.card_data.to_dict(), "siblings": {s.rfilename: [s.size, s.blob_id] for s in info.siblings}}
out["prSha"] = api.model_info("alice/evals", revision="refs/pr/1").sha
out["files"] = sorted(api.list_repo_files("alice/evals"))
out["tree"] = [[e.path, e.last_commit.title] for e in api.list_repo_tree("alice/evals", path_in_repo="notes dir", revision="refs/pr/1", expand=True)]
out["paths"] = [[type(e).__name__, e.path] for e in api.get_paths_info("alice/evals", ["README.md", "data", "nope"])]
out["commits"] = [[c.commit_id, c.title, c.authors, c.formatted_title] for c in api.list_repo_commits("alice/evals", revision="refs/pr/1", formatted=True)]
refs = api.list_repo_refs("alice/evals", include_pull_requests=True)
out["refs"] = {"branches": sorted(b.name for b in refs.branches), "tags": [t.name for t in refs.tags], "prs": [p.ref for p in refs.pull_requests]}
out["models"] = [m.id for m in api.list_models(author="alice")]
out["exists"] = [api.file_exists("alice/evals", "README.md"), api.file_exists("alice/evals", "nope"), api.repo_exists("alice/evals"), api.repo_exists("alice/none"), api.revision_exists("alice/evals", "refs/pr/1"), api.revision_exists("alice/evals", "nope")]
cache = tempfile.mkdtemp()
def fetch(path, **kw):
    return open(hf_hub_download("alice/evals", path, endpoint=url, token=token, cache_dir=cache, **kw), "rb").read().decode()
out["downloads"] = [fetch("notes dir/a b.txt"), fetch("empty.txt"), fetch("pr-only.txt", revision="refs/pr/1")]
errors = []
for call in [lambda: fetch("pr-only.txt"), lambda: api.model_info("alice/none"), lambda: api.model_info("alice/evals", revision="nope")]:
    try:
        call()
        errors.append(None)
    except Exception as e:
        errors.append(type(e).__name__)
out["errors"] = errors
snapshot = snapshot_download("alice/evals", endpoint=url, token=token, cache_dir=cache)
out["snapshot"] = sorted(os.path.relpath(os.path.join(r, f), snapshot) for r, _, fs in os.walk(snapshot) for f in fs)
print(json.dumps(out))
`;

describeEachDialectWithHub("the read endpoints through the real clients", (getHub) => {
  let evals: EvalsRepo;
  let accessToken: string;
  let cacheDir: string;
  const repo = { type: "model" as const, name: "alice/evals" };

  beforeAll(async () => {
    const hub = getHub();
    accessToken = await hub.createUser("alice");
    evals = await seedEvalsRepo(hub, "model", "alice/evals");
    cacheDir = await mkdtemp(join(tmpdir(), "evalhub-js-cache-"));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("huggingface.js: modelInfo, repoExists, listModels", async () => {
    const hubUrl = getHub().url;
    const info = await hf.modelInfo({ name: "alice/evals", hubUrl, accessToken, additionalFields: ["sha", "cardData"] });
    expect(info).toMatchObject({ name: "alice/evals", private: false, sha: evals.second, cardData: { license: "mit" } });
    expect(info.updatedAt).toBeInstanceOf(Date);
    expect(await hf.repoExists({ repo, hubUrl })).toBe(true);
    expect(await hf.repoExists({ repo: { type: "model", name: "alice/none" }, hubUrl })).toBe(false);
    const names: string[] = [];
    for await (const model of hf.listModels({ hubUrl, search: { owner: "alice" }, limit: 10 })) names.push(model.name);
    expect(names).toEqual(["alice/evals"]);
  });

  it("huggingface.js: listFiles (with expand and refs/pr/1 raw), pathsInfo", async () => {
    const hubUrl = getHub().url;
    const files: string[] = [];
    for await (const entry of hf.listFiles({ repo, hubUrl, recursive: true, expand: true })) {
      if (entry.type === "file") files.push(entry.path);
      expect(entry.lastCommit?.id).toMatch(/^[0-9a-f]{40}$/);
    }
    expect(files.sort()).toEqual(EVALS_MAIN_FILES);
    const onPr: string[] = [];
    for await (const entry of hf.listFiles({ repo, hubUrl, revision: "refs/pr/1", path: "data" })) onPr.push(entry.path);
    expect(onPr.sort()).toEqual(["data/big.bin", "data/sub"]);
    const infos = await hf.pathsInfo({ repo, hubUrl, paths: ["README.md", "nope"], expand: true });
    expect(infos.map((i) => [i.path, i.oid, i.lastCommit?.id])).toEqual([["README.md", blobOid(README), evals.first]]);
  });

  it("huggingface.js: downloadFile, fileDownloadInfo, fileExists, including empty, missing and PR files", async () => {
    const hubUrl = getHub().url;
    expect(await (await hf.downloadFile({ repo, hubUrl, path: "README.md" }))?.text()).toBe(README);
    expect((await hf.downloadFile({ repo, hubUrl, path: "empty.txt" }))?.size).toBe(0);
    const big = await hf.downloadFile({ repo, hubUrl, path: "data/big.bin" });
    expect(big?.size).toBe(BIG.length);
    expect(Buffer.from(await (big as Blob).slice(1000, 1010).arrayBuffer()).equals(BIG.subarray(1000, 1010))).toBe(true);
    expect(await hf.downloadFile({ repo, hubUrl, path: "pr-only.txt" })).toBeNull();
    expect(await (await hf.downloadFile({ repo, hubUrl, path: "pr-only.txt", revision: "refs/pr/1" }))?.text()).toBe("from the PR\n");
    expect(await hf.fileDownloadInfo({ repo, hubUrl, path: "data/big.bin" })).toMatchObject({ etag: `"${blobOid(BIG)}"`, size: BIG.length });
    expect(await hf.fileExists({ repo, hubUrl, path: "README.md" })).toBe(true);
    expect(await hf.fileExists({ repo, hubUrl, path: "nope.md" })).toBe(false);
  });

  it("huggingface.js: listCommits in batches, countCommits on refs/pr/1, snapshotDownload", async () => {
    const hubUrl = getHub().url;
    const titles: string[] = [];
    for await (const commit of hf.listCommits({ repo, hubUrl, batchSize: 1 })) titles.push(`${commit.title} by ${commit.authors.map((a) => a.username).join()}`);
    expect(titles).toEqual(["Update notes by alice", "Add results by alice", "initial commit by system"]);
    expect(await hf.countCommits({ repo, hubUrl, revision: "refs/pr/1" })).toBe(4);
    // snapshotDownload reports every file on console.log.
    const quiet = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const snapshot = await hf.snapshotDownload({ repo, hubUrl, cacheDir }).finally(() => quiet.mockRestore());
    expect(snapshot.endsWith(evals.second)).toBe(true);
    expect(await readFile(join(snapshot, "notes dir", "a b.txt"), "utf8")).toBe("second notes\n");
  });

  it("huggingface_hub (Python): info, listings, downloads, snapshot and error classes", async () => {
    const { python } = inject("pythonClient");
    const { stdout } = await runCommand(python, ["-c", PYTHON_SCRIPT, getHub().url, accessToken], {
      env: { ...process.env, HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_PROGRESS_BARS: "1" },
    });
    const out = JSON.parse(stdout);
    expect(out.info.sha).toBe(evals.second);
    expect(out.info.card).toEqual({ license: "mit", tags: ["evals"], pretty_name: "Evals & more" });
    expect(out.info.siblings["README.md"]).toEqual([Buffer.byteLength(README), blobOid(README)]);
    expect(out.prSha).toBe(evals.pr);
    expect(out.files).toEqual(EVALS_MAIN_FILES);
    expect(out.tree).toEqual([["notes dir/a b.txt", "Update notes"]]);
    expect(out.paths).toEqual([["RepoFile", "README.md"], ["RepoFolder", "data"]]);
    expect(out.commits.map((c: unknown[]) => c[0])).toEqual([evals.pr, evals.second, evals.first, evals.initial]);
    expect(out.commits[0]).toEqual([evals.pr, "PR: add pr-only.txt", ["alice"], "PR: add pr-only.txt"]);
    expect(out.refs).toEqual({ branches: ["feat/x", "main"], tags: ["v1.0"], prs: ["refs/pr/1"] });
    expect(out.models).toEqual(["alice/evals"]);
    expect(out.exists).toEqual([true, false, true, false, true, false]);
    expect(out.downloads).toEqual(["second notes\n", "", "from the PR\n"]);
    expect(out.errors).toEqual(["RemoteEntryNotFoundError", "RepositoryNotFoundError", "RevisionNotFoundError"]);
    expect(out.snapshot).toEqual(EVALS_MAIN_FILES);
  });
});
