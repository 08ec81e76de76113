import { describe, expect, it } from 'vitest';
import { normalCdf, proportionBelow } from './stats.js';

describe('insight statistics', () => {
  it('the normal CDF at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.6448536)).toBeCloseTo(0.05, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
  });

  it('a two-proportion test worked by hand: 10/100 against 30/100', () => {
    // pooled 0.2; se = √(0.2 × 0.8 × 0.02) = 0.05657; z = −0.2 / 0.05657 = −3.5355
    const t = proportionBelow(10, 100, 30, 100)!;
    expect(t.z).toBeCloseTo(-3.5355, 4);
    expect(t.p).toBeCloseTo(0.000203, 5);
  });

  it('a higher proportion is not "below"; small samples are not tested', () => {
    expect(proportionBelow(30, 100, 10, 100)!.p).toBeGreaterThan(0.99);
    expect(proportionBelow(1, 4, 30, 100)).toBeNull(); // 4 × 0.298 < 5 expected successes
    expect(proportionBelow(0, 0, 3, 10)).toBeNull();
  });
});
