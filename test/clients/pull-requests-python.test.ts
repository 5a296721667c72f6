import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { commit, uploadFiles } from "@huggingface/hub";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { runCommand } from "../support/run-command.ts";
import { call, createRepoAs, fileAt, refOf } from "../support/write-api.ts";

// Python huggingface_hub 2.0.0's discussion and pull-request API, and @huggingface/hub's PR uploads, against a started hub.

const SCRIPT = resolve("test/clients/python/pull_requests.py");

describeEachDialectWithHub("pull requests and discussions from the real clients", (getHub) => {
  let token = "";
  let scratch = "";
  beforeAll(async () => {
    token = await getHub().createUser("prdev");
    scratch = await mkdtemp(join(tmpdir(), "evalhub-py-pr-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("huggingface_hub opens, comments, edits, hides, renames, closes, reopens, merges and lists", async () => {
    const hub = getHub();
    const { python } = inject("pythonClient");
    // hf_xet stays enabled, as for real users: upload_folder(create_pr=True) then opens its PR through the discussions API.
    const env = { ...process.env, HF_ENDPOINT: hub.url, HF_TOKEN: token, HF_HOME: join(scratch, "hf-home"), HF_HUB_DISABLE_TELEMETRY: "1", NO_COLOR: "1" };
    const { stdout } = await runCommand(python, [SCRIPT, scratch], { env });
    const seen = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");

    expect(seen.upload_pr).toEqual({ url: `${hub.url}/prdev/pr-model/discussions/1`, revision: "refs/pr/1", num: 1 });
    expect(seen.upload_pr_details).toEqual({ status: "open", events: [["commit", "Propose A"], ["commit", "Fix A"]], target: "refs/heads/main" });

    expect(seen.discussion).toEqual({ num: 2, status: "open", is_pr: false, ref: null, first_comment: "It looks **high**. <script>x</script>", url: `${hub.url}/prdev/pr-model/discussions/2` });
    expect(seen.pr_created).toEqual({ num: 3, status: "draft", ref: "refs/pr/3", target: "refs/heads/main", diff: "", conflicts: [] });
    expect(seen.folder_pr).toEqual({ url: `${hub.url}/prdev/pr-model/discussions/4`, revision: "refs/pr/4" });
    expect(await fileAt(hub, "prdev/pr-model", "notes.md", "refs/pr/4")).toBe("# notes\n");
    const folderPr = (await (await call(hub, "GET", "/api/models/prdev/pr-model/discussions/4")).json()) as { status: string; events: { type: string }[] };
    expect({ status: folderPr.status, events: folderPr.events.map((e) => e.type) }).toEqual({ status: "open", events: ["comment", "commit"] });

    expect(seen.comment).toEqual({ type: "comment", content: "Which **harness** version?", author: "prdev", edited_before: false });
    expect(seen.edited).toEqual({ content: "Which lm-eval version was it?", edited: true, edits: 2, same_id: true });
    expect(seen.hidden).toEqual({ hidden: true, content: "" });
    expect(seen.renamed).toEqual({ type: "title-change", old: "Add MMLU", new: "Add MMLU-Pro" });
    expect(seen.status_changes).toEqual(["closed", "open"]);

    expect(seen.before_merge).toEqual({
      status: "open",
      events: [["comment", null], ["commit", null], ["comment", null], ["comment", null], ["title-change", null], ["comment", null], ["status-change", "closed"], ["status-change", "open"]],
      diff_has_file: true,
      conflicts: [],
      target: "refs/heads/main",
      merge_commit: null,
    });
    expect(seen.after_merge.status).toBe("merged");
    expect(seen.after_merge.merge_commit_is_main).toBe(true);
    expect(seen.after_merge.events.slice(-2)).toEqual([["comment", null], ["status-change", "merged"]]);
    expect(seen.merged_file_on_main).toBe(true);

    expect(seen.all).toEqual([4, 3, 2, 1]);
    expect(seen.prs).toEqual([4, 3, 1]);
    expect(seen.discussions).toEqual([2]);
    expect(seen.open_prs).toEqual([4, 1]);
    expect(seen.closed).toEqual([3]);
    expect(seen.mine).toBe(4);
    expect(seen.nobody).toEqual([]);
    expect(seen.paged).toEqual({ count: 59, distinct: 59, descending: true, first: 59, last: 1 });
  });

  it("@huggingface/hub uploadFiles with isPullRequest opens a pull request under the number shared with discussions", async () => {
    const hub = getHub();
    const hubUrl = hub.url;
    const repo = { type: "model" as const, name: "prdev/js-model" };
    await createRepoAs(hub, token, repo.name);
    const discussion = await call(hub, "POST", "/api/models/prdev/js-model/discussions", { token, json: { title: "First, a question", description: "?" } });
    expect(((await discussion.json()) as { num: number }).num).toBe(1);

    const mainBefore = await refOf(hub, repo.name);
    const result = await uploadFiles({
      repo, hubUrl, accessToken: token, isPullRequest: true, commitTitle: "Add HLE result",
      files: [{ path: ".eval_results/hle.yaml", content: new Blob(["value: 20.9\n"]) }],
    });
    expect(result?.pullRequestUrl).toBe(`${hubUrl}/prdev/js-model/discussions/2`);
    expect(await refOf(hub, repo.name)).toBe(mainBefore);
    expect(await refOf(hub, repo.name, "refs/pr/2")).toBe(result?.commit.oid);
    expect(await fileAt(hub, repo.name, ".eval_results/hle.yaml", "refs/pr/2")).toBe("value: 20.9\n");

    // The author adds a commit to the pull request's ref, the way JS does it.
    await commit({ repo, hubUrl, accessToken: token, branch: "refs/pr/2", title: "Fix HLE", operations: [{ operation: "addOrUpdate", path: ".eval_results/hle.yaml", content: new Blob(["value: 21.0\n"]) }] });
    const details = (await (await call(hub, "GET", "/api/models/prdev/js-model/discussions/2")).json()) as { status: string; isPullRequest: boolean; events: { type: string; data: { subject?: string } }[] };
    expect(details.isPullRequest).toBe(true);
    expect(details.status).toBe("open");
    expect(details.events.map((e) => [e.type, e.data.subject])).toEqual([["commit", "Add HLE result"], ["commit", "Fix HLE"]]);
  });
});
