/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The input had problems (validation failed, a check did not pass). */
  problems: 1,
  /** The command was called wrongly. */
  usage: 2,
} as const;
