// `npm test`: type-check, lint, then the vitest suite; ends with a plain "N passed, N failed" line.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const reportDir = mkdtempSync(join(tmpdir(), "evalhub-test-report-"));
const reportFile = join(reportDir, "vitest.json");

let activeChild;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => activeChild?.kill(signal));
}

function step(name, command, args) {
  console.log(`\n> ${name}: ${[command.replace(`${root}/`, ""), ...args].join(" ")}`);
  return new Promise((resolve) => {
    activeChild = spawn(command, args, { cwd: root, stdio: "inherit" });
    activeChild.on("error", (error) => {
      console.error(`${name}: cannot start: ${error.message}`);
      resolve(false);
    });
    activeChild.on("close", (code) => resolve(code === 0));
  });
}

function countResults(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const testFile of report.testResults) {
    let failedInFile = 0;
    for (const test of testFile.assertionResults) {
      if (test.status === "passed") counts.passed++;
      else if (test.status === "failed") failedInFile++;
      else counts.skipped++;
    }
    // A file that failed without a failing test (import error, failing hook) still counts as one failure.
    counts.failed += testFile.status === "failed" && failedInFile === 0 ? 1 : failedInFile;
  }
  return counts;
}

const outcomes = {
  typecheck: await step("typecheck", bin("tsc"), ["--noEmit"]),
  lint: await step("lint", bin("eslint"), ["."]),
  tests: await step("tests", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reportFile}`,
  ]),
};

const counts = existsSync(reportFile) ? countResults(reportFile) : undefined;
rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${Object.entries(outcomes).map(([name, ok]) => `${name}: ${ok ? "ok" : "FAILED"}`).join(", ")}`);
if (counts === undefined) {
  console.log("tests: no vitest report was written");
  console.log("0 passed, 1 failed");
} else {
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
  console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
}
process.exitCode = Object.values(outcomes).every(Boolean) && counts !== undefined ? 0 : 1;
