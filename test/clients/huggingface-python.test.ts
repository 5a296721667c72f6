import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { runCommand } from "../support/run-command.ts";

// The real Python huggingface_hub 2.0.0 and its `hf` CLI, pointed at a started hub with HF_ENDPOINT.

const SCRIPT = resolve("test/clients/python/hub_core.py");

describeEachDialectWithHub("huggingface_hub and hf against evalhub", (getHub) => {
  let token = "";
  let scratch = "";
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    token = await getHub().createUser("pydev");
    scratch = await mkdtemp(join(tmpdir(), "evalhub-py-"));
    env = { ...process.env, HF_ENDPOINT: getHub().url, HF_TOKEN: token, HF_HOME: join(scratch, "hf-home"), HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_XET: "1", NO_COLOR: "1" };
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("create_repo, upload_file, upload_folder, list_repo_files, hf_hub_download, list_repo_commits, model_info, list_models", async () => {
    const { python } = inject("pythonClient");
    const { stdout } = await runCommand(python, [SCRIPT, scratch], { env });
    const seen = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
    expect(seen.created).toBe(`${getHub().url}/pydev/py-model`);
    expect(seen.created_again).toBe(`${getHub().url}/pydev/py-model`);
    expect(seen.upload_file).toMatch(/^[0-9a-f]{40}$/);
    expect(seen.files).toEqual([".eval_results/gpqa.yaml", ".gitattributes", "README.md", "logs/run.json"]);
    expect(seen.downloaded).toBe("- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 0.412\n");
    expect(seen.commits).toEqual(["Add folder", "Add GPQA result", "initial commit"]);
    expect(seen.info).toEqual({
      id: "pydev/py-model",
      sha_len: 40,
      private: false,
      siblings: [".eval_results/gpqa.yaml", ".gitattributes", "README.md", "logs/run.json"],
      card: { license: "apache-2.0", base_model: "org/base" },
    });
    expect(seen.listed).toEqual(["pydev/py-model"]);
  });

  it("hf upload and hf download", async () => {
    const { hf } = inject("pythonClient");
    const file = join(scratch, "mmlu.yaml");
    const content = "- dataset:\n    id: TIGER-Lab/MMLU-Pro\n    task_id: mmlu_pro\n  value: 55.3\n";
    await writeFile(file, content);
    await runCommand(hf, ["upload", "pydev/cli-model", file, ".eval_results/mmlu.yaml"], { env });
    const { stdout } = await runCommand(hf, ["download", "pydev/cli-model", ".eval_results/mmlu.yaml", "--local-dir", join(scratch, "dl")], { env });
    expect(stdout).toContain(join(scratch, "dl", ".eval_results/mmlu.yaml"));
    expect(await readFile(join(scratch, "dl", ".eval_results/mmlu.yaml"), "utf8")).toBe(content);
  });
});
