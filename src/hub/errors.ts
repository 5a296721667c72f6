/**
 * A refusal the domain makes, with the HTTP status and machine code the API edge answers with.
 * Services throw these; the edge turns them into `{error}` + `X-Error-Code`.
 */
export class HubError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 429,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (code: "RepoNotFound" | "RevisionNotFound" | "EntryNotFound" | "NotFound" | "DiscussionNotFound" | "UserNotFound" | "NotABenchmark" | "TaskNotFound" | "ResultNotFound", message: string, extra?: Record<string, unknown>) =>
  new HubError(404, code, message, extra);
export const badRequest = (code: string, message: string) => new HubError(400, code, message);
export const forbidden = (message: string) => new HubError(403, "Forbidden", message);
export const unauthorized = (message = "Invalid credentials in Authorization header") => new HubError(401, "Unauthorized", message);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) => new HubError(409, code, message, extra);
