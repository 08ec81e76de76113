import { describe, expect, it } from 'vitest';
import { progressOf, splitByWeights } from './plan.js';

const day = 86_400_000;

describe('splitting a target', () => {
  it('gives whole parts in proportion that add up to the total exactly', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(10, [1, 0, 3])).toEqual([3, 0, 7]); // 2.5 and 7.5: the tie goes to the first
    expect(splitByWeights(7, [2, 2, 2, 1])).toEqual([2, 2, 2, 1]);
    for (const [total, weights] of [
      [999_999_999, [3.3, 1.1, 7.7, 0.01]],
      [1, [1, 1, 1, 1]],
      [0, [5, 1]],
    ] as const)
      expect(splitByWeights(total, [...weights])!.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('has no split when nothing weighs anything', () => {
    expect(splitByWeights(100, [0, 0])).toBeNull();
    expect(splitByWeights(100, [])).toBeNull();
  });
});

describe('progress of a target', () => {
  const span = { from: 0, to: 10 * day };

  it('measures the pace against an even spread over the period', () => {
    expect(progressOf(1000, 300, span, 4 * day)).toEqual({
      completion: 0.3,
      expected: 400,
      pace: 0.75,
      gap: 700,
      daysLeft: 6,
      days: 10,
    });
  });

  it('has no pace before the period begins, and no gap once it is reached', () => {
    expect(progressOf(1000, 0, span, -day)).toMatchObject({ expected: 0, pace: null, daysLeft: 10 });
    expect(progressOf(1000, 1200, span, 20 * day)).toMatchObject({
      gap: 0,
      daysLeft: 0,
      pace: 1.2,
      completion: 1.2,
    });
    expect(progressOf(0, 5, span, 5 * day)).toMatchObject({ completion: null, pace: null });
  });
});
