// The git runner: a small process that starts git for the server and hands back what it printed. Starting a
// process from the server itself stops its event loop while the kernel copies the server's page tables (about
// 15 ms at 250 MB resident on the machine measured in docs/benchmarks.md); from this process it costs ~2 ms, and
// the server only waits for a message. Arguments and environment arrive already checked and hardened
// (src/git/spawn.ts); nothing here runs a shell. Plain JavaScript, so it starts without a TypeScript loader.
//
// Two kinds of command: "run" (to completion: one message back with all of stdout) and "open" (a stream: a
// "started" message with git's pid, stdout in "stdout" messages, stdin from "stdin"/"end" messages, then "exit"). A stream
// sends at most STREAM_WINDOW bytes the server has not acknowledged ("ack"), then pauses git's stdout.
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { clearTimeout, setTimeout } from "node:timers";

// The git processes this runner starts inherit its CPU priority, which the server lowers (its first argument).
try {
  setPriority(Number(process.argv[2] ?? 0));
} catch {
  // A system that refuses it keeps the default priority.
}

const STDERR_LIMIT = 64 * 1024;
const STREAM_WINDOW = 1024 * 1024;
/** Commands to completion, by id: they finish even when the server goes (they may write). */
const running = new Map();
/** Streams by id: reads only, so they are killed when the server goes. */
const streams = new Map();

/** Kills a command and everything it started (its own process group): on its timeout or output cap only. */
function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function exitWhenIdle() {
  if (serverGone && running.size === 0 && streams.size === 0) process.exit(0);
}

function send(message) {
  if (process.connected) process.send?.(message);
}

/**
 * Starts git in its own process group, keeps up to STDERR_LIMIT of its stderr, kills it at its timeout, and calls
 * `ended` once with { code, signal, timedOut, error?, stderr }; null when it could not be started at all (`ended`
 * has then been called). A process that could not start reports "error" (and may never "close"); one that ran
 * reports "close", after its pipes.
 */
function startGit({ file, args, cwd, env, timeoutMs }, ended) {
  let done = false;
  const end = (result) => {
    if (done) return;
    done = true;
    ended(result);
  };
  let child;
  try {
    child = spawn(file, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  } catch (error) {
    end({ code: null, signal: null, timedOut: false, error: String(error?.message ?? error), stderr: "" });
    return null;
  }
  let stderr = "";
  let timedOut = false;
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
  child.once("error", (error) => {
    clearTimeout(timer);
    end({ code: null, signal: null, timedOut, error: String(error?.message ?? error), stderr });
  });
  child.once("close", (code, signal) => {
    clearTimeout(timer);
    end({ code, signal, timedOut, stderr });
  });
  return child;
}

function run(request) {
  const { id, input, maxOutputBytes } = request;
  const chunks = [];
  let size = 0;
  let overflowed = false;
  const child = startGit(request, (result) => {
    running.delete(id);
    const stdout = result.error === undefined ? Buffer.concat(chunks, size) : Buffer.alloc(0);
    send({ type: "result", id, ...result, stdout, overflowed });
    exitWhenIdle();
  });
  if (child === null) return;
  running.set(id, child);
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
  child.stdin.end(input ?? "");
}

function open(request) {
  const { id } = request;
  const child = startGit(request, (result) => {
    streams.delete(id);
    send({ type: "exit", id, ...result });
    exitWhenIdle();
  });
  if (child === null) return;
  const stream = { child, unacknowledged: 0 };
  streams.set(id, stream);
  if (child.pid !== undefined) send({ type: "started", id, pid: child.pid });
  child.stdout.on("data", (chunk) => {
    send({ type: "stdout", id, data: chunk });
    stream.unacknowledged += chunk.length;
    if (stream.unacknowledged > STREAM_WINDOW) child.stdout.pause();
  });
}

/** stdin, end of stdin, kill and acknowledgements for an open stream; a stream that has exited ignores them. */
function control({ type, id, data, bytes }) {
  const stream = streams.get(id);
  if (stream === undefined) return;
  const { child } = stream;
  if (type === "stdin") child.stdin.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  else if (type === "end") child.stdin.end();
  else if (type === "kill") killGroup(child);
  else if (type === "ack") {
    stream.unacknowledged -= bytes;
    if (stream.unacknowledged <= STREAM_WINDOW && child.stdout.isPaused()) child.stdout.resume();
  }
}

process.on("message", (message) => {
  if (message.type === "run") run(message);
  else if (message.type === "open") open(message);
  else control(message);
});
// The server went away (it exited or was killed). What it started to completion still finishes, as a git started
// by the server itself would (killing `update-ref` midway would leave its lock file behind); streams only read, so
// they are killed. Then this process goes too.
let serverGone = false;
process.on("disconnect", () => {
  serverGone = true;
  for (const { child } of streams.values()) killGroup(child);
  exitWhenIdle();
});
