/** Two values are equal within an absolute 1e-6 or a relative 1e-4 of the larger, whichever is looser. */
export function closeEnough(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-6, 1e-4 * Math.max(Math.abs(a), Math.abs(b)));
}

export interface ValueAgreement {
  equal: boolean;
  /** What turns the log's value into the entry's unit: 1, 100 (log fraction, entry percentage) or 0.01. */
  factor: number;
  note?: string;
}

/** Whether the claimed value is the log's, as it is or with one of them a percentage and the other a fraction. */
export function compareValues(claimed: number, logged: number): ValueAgreement {
  if (closeEnough(claimed, logged)) return { equal: true, factor: 1 };
  if (closeEnough(claimed, logged * 100)) return { equal: true, factor: 100, note: "log reports a fraction, entry a percentage" };
  if (closeEnough(claimed, logged / 100)) return { equal: true, factor: 0.01, note: "log reports a percentage, entry a fraction" };
  return { equal: false, factor: 1 };
}
