import { Command, CommanderError } from "commander";
import { registerValidate } from "./commands/validate.ts";
import { registerSchema } from "./commands/schema.ts";
import { registerConvert } from "./commands/convert.ts";
import { registerExport } from "./commands/export.ts";
import { registerServe } from "./commands/serve.ts";
import { registerAccounts } from "./commands/accounts.ts";
import { registerRepo } from "./commands/repo.ts";
import { registerIssuer } from "./commands/issuer.ts";
import { registerKeys } from "./commands/keys.ts";
import { registerSign } from "./commands/sign.ts";
import { registerVerify } from "./commands/verify.ts";
import { registerReindex } from "./commands/reindex.ts";
import { registerLogin } from "./commands/login.ts";
import { registerSubmit } from "./commands/submit.ts";
import { registerLeaderboard } from "./commands/leaderboard.ts";
import { registerImport } from "./commands/import.ts";
import { EXIT } from "./exit-codes.ts";
import { UsageError } from "./usage-error.ts";
import { reportHubError } from "./hub-error-exit.ts";

export function buildProgram(): Command {
  const program = new Command("evalhub")
    .description("evalhub: publish, check and compare evaluation results of AI models")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerValidate(program);
  registerSchema(program);
  registerConvert(program);
  registerExport(program);
  registerServe(program);
  registerAccounts(program);
  registerRepo(program);
  registerKeys(program);
  registerSign(program);
  registerVerify(program);
  registerIssuer(program);
  registerReindex(program);
  registerLogin(program);
  registerSubmit(program);
  registerLeaderboard(program);
  registerImport(program);
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`evalhub: ${err.message}\n`);
      return EXIT.usage;
    }
    const hubExit = reportHubError(err);
    if (hubExit !== null) return hubExit;
    throw err;
  }
}
