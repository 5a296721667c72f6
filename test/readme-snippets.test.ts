import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { describeEachDialectWithHub } from "./support/hub-process.ts";
import { runCommand } from "./support/run-command.ts";

// Runs the README's `readme-test` code blocks, in order, exactly as written, against a started hub.

interface Snippet {
  language: string;
  code: string;
}

async function readmeSnippets(): Promise<Snippet[]> {
  const readme = await readFile("README.md", "utf8");
  return [...readme.matchAll(/^```(\w+) readme-test\n([\s\S]*?)^```$/gm)].map((m) => ({ language: m[1]!, code: m[2]! }));
}

describeEachDialectWithHub("README snippets", (getHub) => {
  let work = "";
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "evalhub-readme-"));
    const token = await getHub().createUser("readme");
    env = { ...process.env, HUB: getHub().url, HF_USER: "readme", HF_TOKEN: token, HF_HUB_DISABLE_TELEMETRY: "1", GIT_TERMINAL_PROMPT: "0" };
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("runs curl, Python, @huggingface/hub and git snippets in order, each leaving its file in the repository", async () => {
    const snippets = await readmeSnippets();
    expect(snippets.map((s) => s.language)).toEqual(["sh", "python", "js", "sh"]);
    const outputs: string[] = [];
    for (const { language, code } of snippets) {
      const { python } = inject("pythonClient");
      const [command, args, cwd] =
        language === "sh" ? ["bash", ["-euo", "pipefail", "-c", code], work]
        : language === "python" ? [python, ["-c", code], work]
        : [process.execPath, ["--input-type=module", "-e", code], process.cwd()];
      outputs.push((await runCommand(command, args as string[], { env, cwd: cwd as string })).stdout);
    }
    expect(outputs[0]).toContain('"name":"readme"');
    expect(outputs[0]).toContain("task_id: diamond");
    expect(outputs[1]).toContain(".eval_results/hle.yaml");
    expect(outputs[2]).toContain(".eval_results/mmlu_pro.yaml");

    const tree = await (await fetch(`${getHub().url}/api/models/readme/demo-model/tree/main/.eval_results`)).json();
    expect((tree as { path: string }[]).map((f) => f.path).sort()).toEqual([
      ".eval_results/gpqa.yaml",
      ".eval_results/gsm8k.yaml",
      ".eval_results/hle.yaml",
      ".eval_results/mmlu_pro.yaml",
    ]);
    const commits = (await (await fetch(`${getHub().url}/api/models/readme/demo-model/commits/main`)).json()) as { title: string }[];
    expect(commits[0]?.title).toBe("Add GSM8K result");
  });
});
