import {
  createRepo,
  datasetInfo,
  deleteRepo,
  downloadFile,
  fileExists,
  listCommits,
  listFiles,
  modelInfo,
  uploadFiles,
  whoAmI,
} from "@huggingface/hub";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";

// The real @huggingface/hub client, pointed at a started hub with `hubUrl` (it has no endpoint variable).

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describeEachDialectWithHub("@huggingface/hub against evalhub", (getHub) => {
  let token = "";
  let hubUrl = "";
  beforeAll(async () => {
    hubUrl = getHub().url;
    token = await getHub().createUser("jsdev");
  });

  it("whoAmI names the token's user and role", async () => {
    const me = await whoAmI({ accessToken: token, hubUrl });
    expect(me.name).toBe("jsdev");
    expect(me.type).toBe("user");
    expect(me.auth.accessToken?.role).toBe("write");
  });

  it("creates, fills, lists, downloads and deletes a model repository", async () => {
    const repo = { type: "model" as const, name: "jsdev/evals-model" };
    const created = await createRepo({ repo, accessToken: token, hubUrl });
    expect(created.repoUrl).toBe(`${hubUrl}/jsdev/evals-model`);

    const hle = "- dataset:\n    id: cais/hle\n    task_id: hle\n  value: 20.9\n";
    await uploadFiles({
      repo,
      accessToken: token,
      hubUrl,
      files: [
        { path: ".eval_results/hle.yaml", content: new Blob([hle]) },
        { path: "nested/deeper/notes.md", content: new Blob(["# notes\n"]) },
        { path: "README.md", content: new Blob(["---\nlicense: mit\n---\n# A model\n"]) },
      ],
      commitTitle: "Add results",
    });

    const files = await collect(listFiles({ repo, recursive: true, accessToken: token, hubUrl }));
    const paths = files.filter((f) => f.type === "file").map((f) => f.path).sort();
    expect(paths).toEqual([".eval_results/hle.yaml", ".gitattributes", "README.md", "nested/deeper/notes.md"]);
    expect(files.find((f) => f.path === ".eval_results/hle.yaml")?.size).toBe(Buffer.byteLength(hle));

    const blob = await downloadFile({ repo, path: ".eval_results/hle.yaml", accessToken: token, hubUrl });
    expect(await blob?.text()).toBe(hle);
    expect(await downloadFile({ repo, path: "missing.txt", accessToken: token, hubUrl })).toBeNull();
    expect(await fileExists({ repo, path: "nested/deeper/notes.md", accessToken: token, hubUrl })).toBe(true);
    expect(await fileExists({ repo, path: "nested/nope.md", accessToken: token, hubUrl })).toBe(false);

    const commits = await collect(listCommits({ repo, accessToken: token, hubUrl }));
    expect(commits.map((c) => c.title)).toEqual(["Add results", "initial commit"]);

    const info = await modelInfo({ name: repo.name, accessToken: token, hubUrl });
    expect(info.name).toBe("jsdev/evals-model");
    expect(info.private).toBe(false);
    expect(info.updatedAt).toBeInstanceOf(Date);

    await deleteRepo({ repo, accessToken: token, hubUrl });
    await expect(modelInfo({ name: repo.name, accessToken: token, hubUrl })).rejects.toThrow();
  });

  it("creates a dataset repository and reads its info", async () => {
    const repo = { type: "dataset" as const, name: "jsdev/my-bench" };
    await createRepo({ repo, accessToken: token, hubUrl });
    await uploadFiles({ repo, accessToken: token, hubUrl, files: [{ path: "eval.yaml", content: new Blob(["name: x\n"]) }] });
    const info = await datasetInfo({ name: repo.name, accessToken: token, hubUrl });
    expect(info.name).toBe("jsdev/my-bench");
    const blob = await downloadFile({ repo, path: "eval.yaml", hubUrl });
    expect(await blob?.text()).toBe("name: x\n");
  });
});
