import { spawn } from "node:child_process";

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Runs a program to completion; rejects with its exit status and output tail when it fails. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 300_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`cannot run ${command}: ${error.message}`, { cause: error })));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const output = `${stdout}\n${stderr}`.trim().split("\n").slice(-20).join("\n");
      reject(new Error(`${command} ${args.join(" ")} failed (${status}):\n${output}`));
    });
  });
}
