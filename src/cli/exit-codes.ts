/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The input had problems (validation failed, a check did not pass, some repositories of an import failed). */
  problems: 1,
  /** The command was called wrongly (or its configuration is bad). */
  usage: 2,
  /** The hub refused the request (a 4xx answer: not found, not allowed, bad token, bad request). */
  refused: 3,
  /** The hub could not be reached, or failed (a 5xx answer). */
  unreachable: 4,
  /** `submit`: the same entries are already proposed by an open pull request (or are on main). */
  duplicate: 5,
} as const;
