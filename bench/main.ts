// Benchmark runner: `npm run bench` runs every scenario, `npm run bench -- formats` only the named ones.
// Each scenario prints its figures and rewrites its own section of docs/benchmarks.md, leaving the others alone.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname } from "node:path";

export interface Table {
  headers: string[];
  rows: string[][];
}

export interface ScenarioResult {
  /** Section heading, e.g. "Validating eval files". */
  title: string;
  /** Paragraphs written above the tables: what was measured and how. */
  notes: string[];
  tables: { caption: string; table: Table }[];
  /** Paragraphs written below the tables: conclusions. */
  findings: string[];
}

export interface Scenario {
  run(): Promise<ScenarioResult> | ScenarioResult;
}

/** Every scenario, by the name given on the command line. Adding one is one line here. */
const SCENARIOS: Record<string, () => Promise<Scenario>> = {
  formats: async () => (await import("./formats.ts")).scenario,
  export: async () => (await import("./export.ts")).scenario,
  reads: async () => (await import("./reads.ts")).scenario,
  memory: async () => (await import("./memory.ts")).scenario,
  write: async () => (await import("./write.ts")).scenario,
  reindex: async () => (await import("./reindex.ts")).scenario,
  "git-http": async () => (await import("./git-http.ts")).scenario,
};

const DOC = "docs/benchmarks.md";
const DOC_HEADER = "# Benchmarks\n\nWritten by `npm run bench` (`npm run bench -- <scenario>` for one). Each scenario rewrites only its own section.\n";

function markdownTable({ headers, rows }: Table): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const align = headers.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(headers), `|${align.map((a) => ` ${a} `).join("|")}|`, ...rows.map(line)].join("\n");
}

function plainTable({ headers, rows }: Table): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? "unknown CPU";
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  const load = loadavg()[0]?.toFixed(1) ?? "?";
  return `${model}, ${cpu.length} cores, ${memory} GiB memory, Node ${process.version} (${process.platform}/${process.arch}); run ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}, load average ${load} at the end`;
}

function section(name: string, result: ScenarioResult): string {
  const parts = [`<!-- bench:${name}:start -->`, `## ${result.title} (\`${name}\`)`, `Machine: ${machine()}.`, ...result.notes];
  for (const { caption, table } of result.tables) parts.push(`**${caption}**\n\n${markdownTable(table)}`);
  parts.push(...result.findings, `<!-- bench:${name}:end -->`);
  return parts.join("\n\n");
}

/** Replaces the scenario's section of the document (between its markers), or appends one. */
function updateDocument(current: string | null, name: string, body: string): string {
  const doc = current ?? DOC_HEADER;
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end, from);
  if (from !== -1 && to !== -1) return doc.slice(0, from) + body + doc.slice(to + end.length);
  return `${doc.trimEnd()}\n\n${body}\n`;
}

async function main(args: string[]): Promise<number> {
  const names = args.length > 0 ? args : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !Object.hasOwn(SCENARIOS, n));
  if (unknown.length > 0) {
    console.error(`unknown scenario ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`);
    return 2;
  }
  for (const name of names) {
    const loadScenario = SCENARIOS[name];
    if (!loadScenario) continue;
    console.log(`\n== ${name}`);
    const result = await (await loadScenario()).run();
    for (const { caption, table } of result.tables) console.log(`\n${caption}\n${plainTable(table)}`);
    for (const finding of result.findings) console.log(`\n${finding}`);
    mkdirSync(dirname(DOC), { recursive: true });
    const current = existsSync(DOC) ? readFileSync(DOC, "utf8") : null;
    writeFileSync(DOC, updateDocument(current, name, section(name, result)));
    console.log(`\n${DOC}: section \`${name}\` updated`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
