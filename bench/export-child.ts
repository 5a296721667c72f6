// Runs `evalhub ARGS…` in this process and reports its memory when done, for the `export` scenario:
// `node bin/run-ts.mjs bench/export-child.ts REPORT.json export --out DIR`.
import { readFileSync, writeFileSync } from "node:fs";
import { main } from "../src/cli/main.ts";

const [report, ...args] = process.argv.slice(2);
if (!report) throw new Error("usage: export-child.ts REPORT.json ARGS...");

let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
};
const timer = setInterval(sample, 20);
const started = performance.now();
const code = await main([process.argv[0] ?? "node", "evalhub", ...args]);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
writeFileSync(report, JSON.stringify({ code, seconds, peakHeapBytes: peakHeap, peakRssSampledBytes: peakRss, vmHwmBytes: hwm ? Number(hwm) * 1024 : null }));
process.exitCode = code;
