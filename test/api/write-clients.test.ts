import { existsSync } from "node:fs";
import { commit, createBranch, createRepo, deleteBranch, deleteFile, deleteRepo, uploadFiles } from "@huggingface/hub";
import { beforeAll, expect, inject, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { runCommand } from "../support/run-command.ts";
import { fileAt, refOf } from "../support/write-api.ts";

// The real clients, unchanged, against the real server: what the write endpoints exist for.
describeEachDialectWithHub("the HF clients' write calls", (getHub) => {
  let alice = "";
  beforeAll(async () => {
    alice = await getHub().createUser("alice");
  });

  it("serves @huggingface/hub: createRepo with files, uploadFiles, a pull request, branches, deletes", async () => {
    const hub = getHub();
    const common = { hubUrl: hub.url, accessToken: alice as `hf_${string}` };
    const repo = { type: "model" as const, name: "alice/js-client" };

    const created = await createRepo({ ...common, repo, files: [{ path: "README.md", content: new Blob(["# JS\n"]) }] });
    expect(created.repoUrl).toBe(`${hub.url}/alice/js-client`);
    expect(await fileAt(hub, repo.name, "README.md")).toBe("# JS\n");

    const uploaded = await uploadFiles({ ...common, repo, files: [{ path: ".eval_results/hle.yaml", content: new Blob(["- value: 0.5\n"]) }] });
    expect(uploaded?.commit.oid).toBe(await refOf(hub, repo.name));

    const pr = await commit({ ...common, repo, title: "Propose", isPullRequest: true, operations: [{ operation: "addOrUpdate", path: "proposal.txt", content: new Blob(["p"]) }] });
    expect(pr?.pullRequestUrl).toBe(`${hub.url}/alice/js-client/discussions/1`);
    expect(await refOf(hub, repo.name, "refs/pr/1")).toBe(pr?.commit.oid);
    const onPr = await commit({ ...common, repo, title: "More", branch: "refs/pr/1", operations: [{ operation: "addOrUpdate", path: "more.txt", content: new Blob(["m"]) }] });
    expect(await refOf(hub, repo.name, "refs/pr/1")).toBe(onPr?.commit.oid);

    await createBranch({ ...common, repo, branch: "dev" });
    await createBranch({ ...common, repo, branch: "blank", empty: true });
    expect(await fileAt(hub, repo.name, "README.md", "refs/heads/blank")).toBeNull();
    await deleteBranch({ ...common, repo, branch: "dev" });
    expect(await refOf(hub, repo.name, "refs/heads/dev")).toBeNull();

    await deleteFile({ ...common, repo, path: "README.md" });
    expect(await fileAt(hub, repo.name, "README.md")).toBeNull();

    await expect(commit({ ...common, repo, title: "stale", parentCommit: "1".repeat(40), operations: [{ operation: "delete", path: ".eval_results/hle.yaml" }] })).rejects.toThrow(/branch was updated/);
    await deleteRepo({ ...common, repo });
    expect(existsSync(repoGitDir(hub, "model", repo.name))).toBe(false);
  });

  it("serves huggingface_hub: create_repo(exist_ok), upload_file with a README, create_pr, refs, settings, delete_repo", async () => {
    const hub = getHub();
    const script = `
import json, sys
from huggingface_hub import HfApi, CommitOperationAdd
api = HfApi(endpoint=sys.argv[1], token=sys.argv[2])
out = {}
out["url"] = str(api.create_repo("alice/py-client"))
out["again"] = str(api.create_repo("alice/py-client", exist_ok=True))
card = b"---\\nlicense: mit\\n---\\n# Card\\n"
first = api.upload_file(path_or_fileobj=card, path_in_repo="README.md", repo_id="alice/py-client")
out["first"] = first.oid
out["unchanged"] = api.upload_file(path_or_fileobj=card, path_in_repo="README.md", repo_id="alice/py-client").oid
try:
    api.upload_file(path_or_fileobj=b"---\\nlicense: [\\n---\\n", path_in_repo="README.md", repo_id="alice/py-client")
    out["bad_card"] = "accepted"
except ValueError as e:
    out["bad_card"] = str(e).splitlines()[0]
pr = api.create_commit("alice/py-client", operations=[CommitOperationAdd("r.yaml", b"x: 1\\n")], commit_message="PR", create_pr=True)
out["pr"] = [pr.pr_url, pr.pr_num, pr.pr_revision]
api.create_branch("alice/py-client", branch="dev")
api.create_branch("alice/py-client", branch="dev", exist_ok=True)
api.create_tag("alice/py-client", tag="v1", tag_message="first")
api.delete_file("README.md", "alice/py-client", revision="dev")
api.update_repo_settings("alice/py-client", private=True)
api.delete_branch("alice/py-client", branch="dev")
api.delete_tag("alice/py-client", tag="v1")
api.delete_repo("alice/py-client")
api.delete_repo("alice/py-client", missing_ok=True)
print(json.dumps(out))
`;
    const { python } = inject("pythonClient");
    const env = { ...process.env, HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_OFFLINE: "0", HF_HOME: `${hub.dataDir}/hf-home` };
    const { stdout } = await runCommand(python, ["-c", script, hub.url, alice], { env });
    const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(out.url).toBe(`${hub.url}/alice/py-client`);
    expect(out.again).toBe(`${hub.url}/alice/py-client`);
    expect(out.first).toMatch(/^[0-9a-f]{40}$/);
    expect(out.unchanged).toBe(out.first);
    expect(out.bad_card).toMatch(/Invalid metadata in README.md/);
    expect(out.pr).toEqual([`${hub.url}/alice/py-client/discussions/1`, 1, "refs/pr/1"]);
  });
});
