import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { generateSigningKey } from "../../formats/trust/keys.ts";
import { jwksDocument, publishedJwk } from "../../formats/trust/trusted-keys.ts";
import { ISSUER_NAME } from "../../hub/trust/issuers.ts";
import { UsageError } from "../usage-error.ts";

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("signing keys for verifyTokens");
  keys
    .command("generate")
    .description("create an Ed25519 signing key: NAME.pem (private, mode 0600), NAME.jwk.json and NAME.jwks.json (public, for the hub admin and verifiers)")
    .option("--out <dir>", "folder to write the files to", ".")
    .option("--name <name>", "issuer name: written in the public JWK (iss) and used for the file names", "evaluator")
    .action((opts: { out: string; name: string }) => {
      if (!ISSUER_NAME.test(opts.name)) throw new UsageError("--name must be 1 to 64 letters, digits, dots, dashes or underscores");
      const files = { pem: join(opts.out, `${opts.name}.pem`), jwk: join(opts.out, `${opts.name}.jwk.json`), jwks: join(opts.out, `${opts.name}.jwks.json`) };
      const taken = Object.values(files).find((f) => existsSync(f));
      if (taken) throw new UsageError(`${taken} exists already; remove it or choose another --name or --out`);
      const key = generateSigningKey();
      const published = { kid: key.kid, issuer: opts.name, jwk: key.jwk, benchmarks: null };
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(files.pem, key.pem, { mode: 0o600, flag: "wx" });
      writeFileSync(files.jwk, `${JSON.stringify(publishedJwk(published), null, 2)}\n`, { flag: "wx" });
      writeFileSync(files.jwks, `${JSON.stringify(jwksDocument([published]), null, 2)}\n`, { flag: "wx" });
      process.stdout.write(`private key  ${files.pem} (keep it secret)\npublic JWK   ${files.jwk}\npublic JWKS  ${files.jwks}\nkid          ${key.kid}\n`);
    });
}
