/** How a task's values are scaled (eval.yaml `scale`): what sample counts need to give an interval. */
export type Scale = "fraction" | "percent";

export interface UncertaintyFacts {
  stderr: number | null;
  samples: number | null;
  scale: Scale | null;
}

export type Interval = [number, number];

const Z95 = 1.96;
const round = (x: number) => Number(x.toPrecision(6));

/**
 * A 95% interval for a value: ±1.96 standard errors when the standard error is known; otherwise, for a
 * fraction or percentage with a known sample count, the binomial normal approximation sqrt(p(1-p)/n).
 * Clamped to [0, 1] or [0, 100] when the scale is known and the value within it. Null when neither is known.
 */
export function ci95(value: number, facts: UncertaintyFacts): Interval | null {
  const unit = facts.scale === "percent" ? 100 : facts.scale === "fraction" ? 1 : null;
  let se: number | null = facts.stderr;
  if (se === null && facts.samples !== null && facts.samples > 0 && unit !== null) {
    const p = Math.min(1, Math.max(0, value / unit));
    se = Math.sqrt((p * (1 - p)) / facts.samples) * unit;
  }
  if (se === null) return null;
  const [lo, hi] = [value - Z95 * se, value + Z95 * se];
  // A value outside the scale (a percentage on a fraction task) is not clamped into it.
  const clamp = unit !== null && value >= 0 && value <= unit;
  return clamp ? [round(Math.max(0, lo)), round(Math.min(unit, hi))] : [round(lo), round(hi)];
}

/** Two intervals share a point: the ranking between their rows is not statistically meaningful. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
