import type { z } from "zod";
import { assertCommitPath, decodeFileContent, fileTooLarge, lfsNotSupported, maxCommitLineBytes, tooManyOperations, type CommitLimits } from "../hub/commits/commit-rules.ts";
import type { CommitOperation, CommitRequest } from "../hub/commits/commit-request.ts";
import { badRequest } from "../hub/errors.ts";
import { ndjsonLines } from "./ndjson-lines.ts";
import { COMMIT_LINE_KEYS, commitFileSchema, commitHeaderSchema, commitLineSchema, deletedEntrySchema, lfsFileSchema } from "./schemas/commit-lines.ts";

// Both clients put `path` after `content`, so the path of an oversized line is found near its end.
const PATH_NEAR_END = /"path"\s*:\s*("(?:[^"\\]|\\.)*")/g;

/**
 * Reads the NDJSON body of `POST …/commit/{rev}` line by line into a checked CommitRequest: the header
 * first, then file operations, every path, size and count checked as it arrives, so a bad request
 * stops as soon as it shows and nothing is written.
 */
export async function readCommitPayload(body: ReadableStream<Uint8Array> | null, limits: CommitLimits): Promise<CommitRequest> {
  let header: z.output<typeof commitHeaderSchema> | null = null;
  const operations: CommitOperation[] = [];

  for await (const line of ndjsonLines(body, maxCommitLineBytes(limits))) {
    if ("overflow" in line) throw fileTooLarge(pathNearEnd(line.overflow.tail), null, limits);
    if (line.text.trim() === "") continue;
    const { key, value } = parseLine(line.text, line.number);
    if (key === "header") {
      if (header !== null) throw lineError(line.number, "a commit has only one header line");
      header = checked(commitHeaderSchema, value, line.number, key);
      continue;
    }
    if (header === null) throw lineError(line.number, `the first line must be the header, not a "${key}" line`);
    if (operations.length >= limits.maxFilesPerCommit) throw tooManyOperations(limits);
    operations.push(toOperation(key, value, line.number, limits));
  }

  if (header === null) throw badRequest("BadRequest", "the commit body is empty: it must start with a header line");
  return {
    summary: header.summary,
    description: header.description ?? "",
    parentCommit: header.parentCommit?.toLowerCase() ?? null,
    operations,
  };
}

function toOperation(key: Exclude<(typeof COMMIT_LINE_KEYS)[number], "header">, value: unknown, number: number, limits: CommitLimits): CommitOperation {
  switch (key) {
    case "file": {
      const file = checked(commitFileSchema, value, number, key);
      const path = assertCommitPath(file.path);
      return { op: "write", path, content: decodeFileContent(path, file.content, file.encoding ?? "utf-8", limits) };
    }
    case "deletedFile":
      return { op: "delete-file", path: assertCommitPath(checked(deletedEntrySchema, value, number, key).path) };
    case "deletedFolder":
      // Python marks a folder with a trailing '/' (`logs/`).
      return { op: "delete-folder", path: assertCommitPath(checked(deletedEntrySchema, value, number, key).path.replace(/\/$/, "")) };
    case "lfsFile":
      throw lfsNotSupported(checked(lfsFileSchema, value, number, key).path, limits);
  }
}

function parseLine(text: string, number: number): z.output<typeof commitLineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw lineError(number, "not a JSON object");
  }
  const line = commitLineSchema.safeParse(json);
  if (!line.success) {
    const key = (json as { key?: unknown } | null)?.key;
    if (typeof key === "string" && !(COMMIT_LINE_KEYS as readonly string[]).includes(key)) {
      throw lineError(number, `unknown line key "${key}" (expected one of ${COMMIT_LINE_KEYS.join(", ")})`);
    }
    throw lineError(number, describeIssue(line.error));
  }
  return line.data;
}

function checked<T extends z.ZodType>(schema: T, value: unknown, number: number, key: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw lineError(number, `in the "${key}" value: ${describeIssue(result.error)}`);
  return result.data;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid line";
  const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  return `${issue.message}${where}`;
}

const lineError = (number: number, message: string) => badRequest("BadRequest", `commit body line ${number}: ${message}`);

function pathNearEnd(tail: string): string | null {
  let found: string | null = null;
  for (const match of tail.matchAll(PATH_NEAR_END)) {
    try {
      found = JSON.parse(match[1] ?? "") as string;
    } catch {
      // A match cut at the start of the tail; an earlier or later one may still parse.
    }
  }
  return found;
}
