// The arithmetic of targets, kept apart from storage: how far a period has run, the progress of a
// target, and the split of a value into parts that add up to it exactly.

const DAY = 86_400_000;

/** A period as instants: [from, to). */
export type Span = { from: number; to: number };

export type Progress = {
  /** actual ÷ target (null for a target of 0). */
  completion: number | null;
  /** What the target asks for by now, if it were reached evenly over the period's days. */
  expected: number;
  /** actual ÷ expected (null before the period begins). */
  pace: number | null;
  /** What is still missing (0 once reached). */
  gap: number;
  daysLeft: number;
  days: number;
};

export function progressOf(target: number, actual: number, span: Span, now: number): Progress {
  const elapsed = Math.min(Math.max((now - span.from) / (span.to - span.from), 0), 1);
  const expected = Math.round(target * elapsed);
  return {
    completion: target ? actual / target : null,
    expected,
    pace: now < span.from || !expected ? null : actual / expected,
    gap: Math.max(target - actual, 0),
    daysLeft: Math.max(Math.ceil((span.to - Math.max(now, span.from)) / DAY), 0),
    days: Math.round((span.to - span.from) / DAY),
  };
}

/**
 * Splits a whole number into parts in proportion to the weights (largest remainder): the parts are
 * whole numbers and add up to `total` exactly. `null` when the weights add up to nothing.
 */
export function splitByWeights(total: number, weights: number[]): number[] | null {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (!(sum > 0)) return null;
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, p) => a + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest -= 1;
  }
  return parts;
}
