import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ensurePythonClient, huggingfaceHubVersion, pythonVenvDir } from "./python.ts";
import { runCommand } from "./run-command.ts";

describe("Python client venv", () => {
  const client = inject("pythonClient");

  it("has huggingface_hub 2.0.0", async () => {
    const { stdout } = await runCommand(client.python, ["-c", "import huggingface_hub; print(huggingface_hub.__version__)"]);
    expect(stdout.trim()).toBe("2.0.0");
    expect(huggingfaceHubVersion).toBe("2.0.0");
  });

  it("has a working hf command", async () => {
    const { stdout } = await runCommand(client.hf, ["--help"]);
    expect(stdout).toMatch(/Usage: hf/);
  });

  it("is reused rather than rebuilt", async () => {
    const marker = join(pythonVenvDir(), ".evalhub-ready");
    const before = statSync(marker).mtimeMs;
    expect(await ensurePythonClient()).toEqual(client);
    expect(statSync(marker).mtimeMs).toBe(before);
  });
});
