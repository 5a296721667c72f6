import { badRequest } from "./errors.ts";

/** Namespaces that would clash with the hub's own URL space. */
const RESERVED = new Set([
  "api", "datasets", "models", "spaces", "settings", "login", "logout", "join", "signup", "new", "static",
  "assets", "healthz", "docs", "orgs", "organizations", "search", "leaderboards", "benchmarks", "feeds", "embed", "well-known",
]);

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,94}[A-Za-z0-9]$|^[A-Za-z0-9]$/;

/** Repository and account names: 1–96 of `[A-Za-z0-9-_.]`, no `--` or `..`, not ending in `.git`, no leading/trailing `-`/`.`. */
export function checkName(name: string, what: "repository" | "user" | "organisation"): void {
  if (!NAME.test(name) || name.includes("--") || name.includes("..") || name.toLowerCase().endsWith(".git")) {
    throw badRequest(
      "InvalidName",
      `invalid ${what} name "${name}": use 1–96 letters, digits, '-', '_' or '.', not starting or ending with '-' or '.', without '--' or '..', not ending in .git`,
    );
  }
  if (what !== "repository" && RESERVED.has(name.toLowerCase())) throw badRequest("InvalidName", `"${name}" is reserved`);
}
