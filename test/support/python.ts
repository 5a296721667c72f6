import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withDirectoryLock } from "./directory-lock.ts";
import type { PythonClient } from "./provided-context.ts";
import { runCommand } from "./run-command.ts";

export const huggingfaceHubVersion = "2.0.0";
const requirement = `huggingface_hub==${huggingfaceHubVersion}`;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the venv lives: EVALHUB_TEST_VENV, or a cache folder in node_modules reused across runs. */
export function pythonVenvDir(): string {
  return process.env.EVALHUB_TEST_VENV ?? join(repoRoot, "node_modules", ".cache", "evalhub-venv");
}

/** Makes (once) a Python venv with the Hugging Face client, the reference client our hub must serve. */
export async function ensurePythonClient(venvDir = pythonVenvDir()): Promise<PythonClient> {
  const client = { python: join(venvDir, "bin", "python"), hf: join(venvDir, "bin", "hf") };
  const marker = join(venvDir, ".evalhub-ready");
  if (await isReady(marker, client)) return client;
  await mkdir(dirname(venvDir), { recursive: true });
  return withDirectoryLock(`${venvDir}.lock`, async () => {
    if (await isReady(marker, client)) return client; // another process built it while we waited
    await rm(venvDir, { recursive: true, force: true });
    await buildVenv(venvDir, client);
    await writeFile(marker, requirement);
    return client;
  });
}

async function isReady(marker: string, client: PythonClient): Promise<boolean> {
  if (!existsSync(client.python) || !existsSync(client.hf)) return false;
  try {
    return (await readFile(marker, "utf8")) === requirement;
  } catch {
    return false;
  }
}

async function buildVenv(venvDir: string, client: PythonClient): Promise<void> {
  const python = process.env.EVALHUB_TEST_PYTHON ?? "python3";
  try {
    await runCommand(python, ["-m", "venv", venvDir]);
  } catch (error) {
    throw new Error(`Cannot create a Python venv with ${python}; install python3 and python3-venv (apt-get install python3-venv).`, { cause: error });
  }
  // Without retries an unreachable default index fails fast and pip moves on to the configured mirrors.
  await runCommand(client.python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--retries", "0", requirement]);
  const { stdout } = await runCommand(client.python, ["-c", "import huggingface_hub; print(huggingface_hub.__version__)"]);
  if (stdout.trim() !== huggingfaceHubVersion) {
    throw new Error(`venv at ${venvDir} has huggingface_hub ${stdout.trim()}, expected ${huggingfaceHubVersion}`);
  }
}
