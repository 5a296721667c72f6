import type { Command } from "commander";
import type { OrgRole } from "../../db/schema.ts";
import { readStdin, withHub } from "../open-hub.ts";
import { UsageError } from "../usage-error.ts";

const ROLES: readonly OrgRole[] = ["read", "write", "admin"];

export function registerAccounts(program: Command): void {
  const user = program.command("user").description("manage users of the hub in EVALHUB_DATA / DATABASE_URL");
  user
    .command("create")
    .description("create a user and print a new write token")
    .argument("<name>")
    .option("--admin", "make the user a site admin")
    .option("--email <email>")
    .option("--password-stdin", "read a password for web sign-in from standard input")
    .action(async (name: string, opts: { admin?: boolean; email?: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdin() : undefined;
      if (password !== undefined && password.length < 8) throw new UsageError("the password must have at least 8 characters");
      const token = await withHub(async (hub) => {
        const account = await hub.accounts.createUser({ name, email: opts.email, password, admin: opts.admin });
        return (await hub.accounts.issueToken(account.id, { name: "cli", role: "write" })).token;
      });
      process.stdout.write(`${token}\n`);
    });

  user
    .command("token")
    .description("issue a new token for a user and print it")
    .argument("<name>")
    .option("--role <role>", "read or write", "write")
    .option("--token-name <label>", "a label to tell tokens apart", "cli")
    .action(async (name: string, opts: { role: string; tokenName: string }) => {
      if (opts.role !== "read" && opts.role !== "write") throw new UsageError(`--role must be read or write, not "${opts.role}"`);
      const role = opts.role;
      const token = await withHub(async (hub) => {
        const account = await hub.accounts.byName(name);
        if (!account || account.kind !== "user") throw new UsageError(`no user named "${name}"`);
        return (await hub.accounts.issueToken(account.id, { name: opts.tokenName, role })).token;
      });
      process.stdout.write(`${token}\n`);
    });

  user
    .command("password")
    .description("set a user's password for web sign-in, read from standard input (e.g. for the first site admin)")
    .argument("<name>")
    .action(async (name: string) => {
      const password = await readStdin();
      if (password.length < 8) throw new UsageError("the password must have at least 8 characters");
      await withHub(async (hub) => {
        const account = await hub.accounts.byName(name);
        if (!account || account.kind !== "user") throw new UsageError(`no user named "${name}"`);
        await hub.accounts.setPassword(account.id, password);
        await hub.sessions.destroyAllOf(account.id);
      });
      process.stdout.write(`Password of ${name} set.\n`);
    });

  const org = program.command("org").description("manage organisations");
  org
    .command("create")
    .description("create an organisation with members (role read, write or admin; default write)")
    .argument("<name>")
    .option("--member <user[:role]>", "a member, repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (name: string, opts: { member: string[] }) => {
      const members = opts.member.map((m) => {
        const [userName = "", role = "write"] = m.split(":");
        if (!ROLES.includes(role as OrgRole)) throw new UsageError(`--member ${m}: role must be read, write or admin`);
        return { user: userName, role: role as OrgRole };
      });
      await withHub((hub) => hub.accounts.createOrg({ name, members }));
      process.stdout.write(`created organisation ${name}\n`);
    });
}
