// A server in a child process of its own (so the load generator does not share its event loop), with its RSS.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface ChildServer {
  url: string;
  pid: number;
  /** Resident set size now, in bytes (from /proc). */
  rss(): number;
  output(): string;
  stop(): Promise<void>;
}

const RUN_TS = resolve("bin/run-ts.mjs");

/** Starts `node bin/run-ts.mjs FILE ARGS…` (or `node FILE ARGS…` for a bundled `.mjs`) and waits for its "listening on URL" line. */
export async function startChild(file: string, args: string[], env: Record<string, string>, nodeOptions: string[] = []): Promise<ChildServer> {
  const entry = file.endsWith(".mjs") ? [file] : [RUN_TS, file];
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, ...entry, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${file} did not start in 300 s:\n${output}`)), 300_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`${file} exited with ${code}:\n${output}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          done();
        });
        child.kill("SIGTERM");
      }),
  };
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kib ?? 0) * 1024;
}
