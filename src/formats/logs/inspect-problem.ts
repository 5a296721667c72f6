import type { Problem, Severity } from "../problems.ts";

export interface ProblemPlace {
  line?: number;
  column?: number;
  path?: string;
  severity?: Severity;
}

/** A problem in a log file; without a better position it points at the start of the file. */
export function logProblem(file: string, code: string, summary: string, message: string, place: ProblemPlace = {}): Problem {
  return {
    file,
    line: place.line ?? 1,
    column: place.column ?? 1,
    path: place.path ?? "",
    summary,
    message,
    severity: place.severity ?? "error",
    code,
  };
}
