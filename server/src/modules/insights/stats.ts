// The statistics behind an insight: a finding is reported only when the data could not easily have
// shown it by chance.

/** The standard normal distribution's CDF (Abramowitz & Stegun 7.1.26 for erf: error below 1.5 × 10⁻⁷). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export type ProportionTest = {
  /** z of the difference (negative: the first proportion is lower). */
  z: number;
  /** One-sided p-value that the first proportion is lower than the second. */
  p: number;
};

/** Fewer expected successes or failures than this in either group and the normal approximation is not used. */
export const MIN_EXPECTED = 5;

/**
 * Two-proportion z-test (pooled), one-sided: is x1/n1 lower than x2/n2? `null` when the samples are
 * too small for the normal approximation (either group's expected successes or failures < 5).
 */
export function proportionBelow(x1: number, n1: number, x2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  for (const n of [n1, n2]) if (n * pooled < MIN_EXPECTED || n * (1 - pooled) < MIN_EXPECTED) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: normalCdf(z) };
}
