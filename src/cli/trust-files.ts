import { readFileSync } from "node:fs";
import { UsageError } from "./usage-error.ts";

const MODEL_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

export function checkModelId(id: string): void {
  if (!MODEL_ID.test(id)) throw new UsageError(`--model must be a repository id NS/NAME, not "${id}"`);
}

/** A file's text; a missing or unreadable file is a usage error naming the option it came from. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`${what} ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
}

/** JSON from a file, or a usage error. */
export function readJsonFile(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${what} ${path}: not a JSON document`);
  }
}
