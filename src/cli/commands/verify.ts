import type { Command } from "commander";
import { validateEvalResults } from "../../formats/eval-results.ts";
import { formatProblem } from "../../formats/problems.ts";
import { trustedKeysOfJwks, trustSet, type TrustSet } from "../../formats/trust/trusted-keys.ts";
import { verifyEntry } from "../../formats/trust/verify-entry.ts";
import { EXIT } from "../exit-codes.ts";
import { checkModelId, readJsonFile, readText } from "../trust-files.ts";
import { UsageError } from "../usage-error.ts";

interface VerifyOptions {
  jwks: string;
  model: string;
  format: string;
}

interface EntryVerdict {
  index: number;
  line: number;
  dataset: string | null;
  taskId: string | null;
  value: number | null;
  verified: boolean;
  issuer: string | null;
  reason: string | null;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("check the verifyTokens of .eval_results files offline against a JWKS; exit 0 only when every entry is verified")
    .argument("<files...>", ".eval_results YAML files")
    .requiredOption("--jwks <url|file>", "the trusted keys: a hub's https://…/.well-known/jwks.json, or a saved JWKS or JWK file")
    .requiredOption("--model <id>", "the model repository the files belong to, NS/NAME")
    .option("--format <format>", "text or json", "text")
    .action(async (files: string[], options: VerifyOptions) => {
      process.exitCode = await runVerify(files, options);
    });
}

async function runVerify(files: string[], options: VerifyOptions): Promise<number> {
  if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not ${options.format}`);
  checkModelId(options.model);
  const trust = await loadTrust(options.jwks);
  const reports = files.map((file) => verifyFile(file, options.model, trust));
  const entries = reports.flatMap((r) => r.entries);
  const ok = reports.every((r) => r.problems.length === 0) && entries.length > 0 && entries.every((e) => e.verified);
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify({ model: options.model, files: reports, summary: { entries: entries.length, verified: entries.filter((e) => e.verified).length } }, null, 2)}\n`);
  } else {
    for (const r of reports) {
      for (const p of r.problems) process.stdout.write(`${p}\n`);
      for (const e of r.entries) process.stdout.write(`${r.file}:${e.line} [${e.index}] ${e.dataset ?? "?"} ${e.taskId ?? "?"} = ${e.value ?? "?"}: ${e.verified ? `verified by ${e.issuer}` : `unverified: ${e.reason}`}\n`);
    }
    process.stdout.write(`${entries.filter((e) => e.verified).length} of ${entries.length} entries verified\n`);
  }
  return ok ? EXIT.ok : EXIT.problems;
}

function verifyFile(file: string, model: string, trust: TrustSet): { file: string; problems: string[]; entries: EntryVerdict[] } {
  const parsed = validateEvalResults(readText(file, "file"), { file });
  const problems = parsed.entries.length === 0 ? parsed.problems.filter((p) => p.severity === "error").map(formatProblem) : [];
  const entries = parsed.entries.map((e): EntryVerdict => {
    const v = verifyEntry(e, model, trust);
    return {
      index: e.index, line: e.line, dataset: e.entry?.dataset.id ?? null, taskId: e.entry?.dataset.task_id ?? null, value: e.entry?.value ?? null,
      verified: v.verified, issuer: v.issuer, reason: v.reason,
    };
  });
  return { file, problems, entries };
}

async function loadTrust(source: string): Promise<TrustSet> {
  const document = /^https?:\/\//i.test(source) ? await fetchJson(source) : readJsonFile(source, "--jwks");
  const keys = trustedKeysOfJwks(document);
  if ("error" in keys) throw new UsageError(`--jwks ${source}: ${keys.error}`);
  return trustSet(keys);
}

async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new UsageError(`--jwks ${url}: cannot fetch (${(err as Error).message})`);
  }
  if (!res.ok) throw new UsageError(`--jwks ${url}: HTTP ${res.status}`);
  try {
    return (await res.json()) as unknown;
  } catch {
    throw new UsageError(`--jwks ${url}: not a JSON document`);
  }
}
