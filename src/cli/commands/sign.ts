import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { validateEvalResults } from "../../formats/eval-results.ts";
import { formatProblem, hasErrors } from "../../formats/problems.ts";
import { addVerifyTokens } from "../../formats/trust/add-tokens.ts";
import { signingKeyFromPem } from "../../formats/trust/keys.ts";
import { signResult } from "../../formats/trust/sign-result.ts";
import { subjectOf } from "../../formats/trust/subject.ts";
import type { ResultEntry } from "../../formats/eval-results.ts";
import { ISSUER_NAME } from "../../hub/trust/issuers.ts";
import { EXIT } from "../exit-codes.ts";
import { UsageError } from "../usage-error.ts";
import { checkModelId, readText } from "../trust-files.ts";

interface SignOptions {
  key: string;
  issuer: string;
  model: string;
  kid?: string;
}

export function registerSign(program: Command): void {
  program
    .command("sign")
    .description("add a verifyToken (EdDSA-signed claims: model, dataset, task, value, revisions, log hash) to every entry of a .eval_results file, in place")
    .argument("<file>", "the .eval_results YAML file")
    .requiredOption("--key <pem>", "Ed25519 private key (from `evalhub keys generate`, or the hub's $EVALHUB_DATA/keys/hub-signing.pem)")
    .requiredOption("--issuer <name>", "the issuer the key is registered as on the hub (the hub's own: EVALHUB_ISSUER, default evalhub)")
    .requiredOption("--model <id>", "the model repository the file belongs to, NS/NAME")
    .option("--kid <kid>", "key id verifiers find the public key by (default: the key's JWK thumbprint)")
    .action((file: string, options: SignOptions) => {
      process.exitCode = runSign(file, options);
    });
}

function runSign(file: string, options: SignOptions): number {
  if (!ISSUER_NAME.test(options.issuer)) throw new UsageError("--issuer must be 1 to 64 letters, digits, dots, dashes or underscores");
  checkModelId(options.model);
  const key = signingKeyFromPem(readText(options.key, "--key"));
  if ("error" in key) throw new UsageError(`--key ${options.key}: ${key.error}`);
  const text = readText(file, "file");
  const parsed = validateEvalResults(text, { file });
  if (hasErrors(parsed.problems) || parsed.entries.length === 0) {
    for (const p of parsed.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${file}: not signed: ${parsed.entries.length === 0 ? "it has no entries" : "fix the errors first"}\n`);
    return EXIT.problems;
  }
  const signer = { privateKey: key.privateKey, kid: options.kid ?? key.kid, issuer: options.issuer };
  const iat = Math.floor(Date.now() / 1000);
  const tokens = parsed.entries.map((e) => signResult(subjectOf(e.entry as ResultEntry, options.model), signer, { iat, jti: randomUUID() }));
  const signed = addVerifyTokens(text, tokens);
  const reread = validateEvalResults(signed, { file });
  if (hasErrors(reread.problems) || reread.entries.some((e, i) => e.entry?.verifyToken !== tokens[i])) throw new Error(`${file}: the signed file would not read back as signed; left unchanged`);
  writeFileSync(file, signed);
  process.stdout.write(`${file}: signed ${tokens.length} ${tokens.length === 1 ? "entry" : "entries"} as ${signer.issuer} (kid ${signer.kid}) for ${options.model}\n`);
  return EXIT.ok;
}
