// The git runner: a small process that starts git for the server and hands back what it printed. Starting a
// process from the server itself stops its event loop while the kernel copies the server's page tables (about
// 15 ms at 250 MB resident on the machine measured in docs/benchmarks.md); from this process it costs ~2 ms, and
// the server only waits for a message. Arguments and environment arrive already checked and hardened
// (src/git/spawn.ts); nothing here runs a shell. Plain JavaScript, so it starts without a TypeScript loader.
import { spawn } from "node:child_process";
import { clearTimeout, setTimeout } from "node:timers";

const STDERR_LIMIT = 64 * 1024;
const running = new Map();

/** Kills a command and everything it started (its own process group): on its timeout or output cap only. */
function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function run({ id, file, args, cwd, env, input, timeoutMs, maxOutputBytes }) {
  let replied = false;
  const reply = (result) => {
    if (replied) return;
    replied = true;
    running.delete(id);
    if (process.connected) process.send?.({ id, ...result });
    if (serverGone && running.size === 0) process.exit(0);
  };
  let child;
  try {
    child = spawn(file, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  } catch (error) {
    reply({ code: null, signal: null, timedOut: false, error: String(error?.message ?? error), stdout: Buffer.alloc(0), stderr: "", overflowed: false });
    return;
  }
  running.set(id, child);
  const chunks = [];
  let size = 0;
  let overflowed = false;
  let stderr = "";
  let timedOut = false;
  child.stdout.on("data", (chunk) => {
    if (overflowed) return;
    size += chunk.length;
    if (size > maxOutputBytes) {
      overflowed = true;
      killGroup(child);
      return;
    }
    chunks.push(chunk);
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text) => {
    if (stderr.length < STDERR_LIMIT) stderr += text.slice(0, STDERR_LIMIT - stderr.length);
  });
  child.stdin.on("error", () => {});
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        killGroup(child);
      }, timeoutMs)
    : undefined;
  // A process that could not start reports "error" (and may never "close"); one that ran reports "close".
  child.once("error", (error) => {
    clearTimeout(timer);
    reply({ code: null, signal: null, timedOut, error: String(error?.message ?? error), stdout: Buffer.alloc(0), stderr, overflowed });
  });
  child.once("close", (code, signal) => {
    clearTimeout(timer);
    reply({ code, signal, timedOut, stdout: Buffer.concat(chunks, size), stderr, overflowed });
  });
  child.stdin.end(input ?? "");
}

process.on("message", (message) => run(message));
// The server went away (it exited or was killed). What it started still finishes, as a git started by the server
// itself would (killing `update-ref` midway would leave its lock file behind); then this process goes too.
let serverGone = false;
process.on("disconnect", () => {
  serverGone = true;
  if (running.size === 0) process.exit(0);
});
