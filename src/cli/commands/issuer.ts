import type { Command } from "commander";
import type { IssuerView } from "../../hub/trust/issuers.ts";
import { withHub } from "../open-hub.ts";
import { OPERATOR } from "../operator.ts";
import { readJsonFile } from "../trust-files.ts";
import { UsageError } from "../usage-error.ts";

const scope = (i: IssuerView) => (i.benchmarks === null ? "all benchmarks" : i.benchmarks.join(", "));

export function registerIssuer(program: Command): void {
  const issuer = program.command("issuer").description("manage the evaluators whose signed results (verifyTokens) the hub verifies");
  issuer
    .command("add")
    .description("trust issuer NAME with the public key(s) of --jwk, for every benchmark or only the --benchmark ones (run again to add keys or change the list)")
    .argument("<name>", "the issuer name its tokens carry (iss)")
    .option("--jwk <file>", "public JWK or JWKS file (from `evalhub keys generate`); needed for a new issuer")
    .option("--benchmark <id>", "a benchmark dataset id it is trusted for, repeatable (default: all)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (name: string, opts: { jwk?: string; benchmark: string[] }) => {
      const jwk = opts.jwk === undefined ? undefined : readJsonFile(opts.jwk, "--jwk");
      const benchmarks = opts.benchmark.length > 0 ? opts.benchmark : null;
      const done = await withHub((hub) => hub.issuers.register(OPERATOR, { name, benchmarks, ...(jwk === undefined ? {} : { jwk }) }));
      const kids = done.issuer.keys.map((k) => k.kid).join(", ");
      process.stdout.write(`${done.created ? "added" : "updated"} issuer ${done.issuer.name} (keys ${kids}), trusted for ${scope(done.issuer)}; re-verified the signed results of ${done.reverified} ${done.reverified === 1 ? "repository" : "repositories"}\n`);
    });

  issuer
    .command("list")
    .description("the trusted issuers: this hub's own, then the registered ones")
    .option("--format <format>", "text or json", "text")
    .action(async (opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") throw new UsageError(`--format must be text or json, not ${opts.format}`);
      const issuers = await withHub((hub) => hub.issuers.list(OPERATOR));
      if (opts.format === "json") return void process.stdout.write(`${JSON.stringify(issuers, null, 2)}\n`);
      for (const i of issuers) process.stdout.write(`${i.name}${i.builtIn ? " (this hub)" : ""}\t${scope(i)}\t${i.keys.map((k) => k.kid).join(", ") || "(no keys)"}\n`);
    });

  issuer
    .command("remove")
    .description("stop trusting issuer NAME (or only its key --kid); its results are no longer verified")
    .argument("<name>")
    .option("--kid <kid>", "remove only this key")
    .action(async (name: string, opts: { kid?: string }) => {
      const done = await withHub((hub) => hub.issuers.remove(OPERATOR, name, opts.kid));
      process.stdout.write(`removed ${opts.kid ? `key ${opts.kid} of ` : ""}issuer ${name}; re-verified the signed results of ${done.reverified} ${done.reverified === 1 ? "repository" : "repositories"}\n`);
    });
}
