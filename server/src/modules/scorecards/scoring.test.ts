import { describe, expect, it } from 'vitest';
import { type Item, places, scoreAll } from './scoring.js';

const weights = { result: 60, process: 30, customer: 10 };
const items: Item[] = [
  { metric: 'won_amount', group: 'result', weight: 70, rule: { type: 'target', cap: 120 } },
  { metric: 'win_rate', group: 'result', weight: 30, rule: { type: 'linear', zero: 0.2, full: 0.6 } },
  {
    metric: 'lead_response_hours',
    group: 'process',
    weight: 100,
    rule: { type: 'linear', zero: 48, full: 2 },
  },
  { metric: 'new_customers', group: 'customer', weight: 100, rule: { type: 'rank', better: 'higher' } },
];

describe('scoring', () => {
  it('places ties on the best place, and lower-is-better the other way round', () => {
    expect(places([10, 30, 30, null, 5])).toEqual([3, 1, 1, null, 4]);
    expect(places([10, 30, 5], 'lower')).toEqual([2, 3, 1]);
  });

  it('weighs items within a group and groups 60/30/10, by hand', () => {
    const [a, b, c] = scoreAll(items, weights, [
      // 110% of target (110), win rate 40% (50), 25 h response (50), most new customers (100).
      [
        { value: 110, target: 100 },
        { value: 0.4, target: null },
        { value: 25, target: null },
        { value: 9, target: null },
      ],
      // 150% of target → capped at 120; 70% win rate → 100; answers in 1 h → 100; fewest customers → 0.
      [
        { value: 150, target: 100 },
        { value: 0.7, target: null },
        { value: 1, target: null },
        { value: 1, target: null },
      ],
      // No target: won amount unscored, its weight goes to win rate (10% → 0); no leads → no response
      // time, so the process group has nothing to score and counts 0.
      [
        { value: 80, target: null },
        { value: 0.1, target: null },
        { value: null, target: null },
        { value: 5, target: null },
      ],
    ]);
    // a: result 0.7×110 + 0.3×50 = 92; process 50; customer 100 → 0.6×92 + 0.3×50 + 0.1×100 = 80.2
    expect(a).toMatchObject({ total: 80.2, groups: { result: 92, process: 50, customer: 100 } });
    expect(a!.items.map((i) => i.points)).toEqual([46.2, 9, 15, 10]);
    // b: result 0.7×120 + 0.3×100 = 114; process 100; customer 0 → 68.4 + 30 + 0 = 98.4
    expect(b).toMatchObject({ total: 98.4, groups: { result: 114, process: 100, customer: 0 }, rank: 1 });
    // c: result 0 (win rate alone); process nothing to score (0); customer 50 → 0.1×50 = 5.
    expect(c!.items.map((i) => i.unscored)).toEqual(['no_target', null, 'no_value', null]);
    expect(c).toMatchObject({ groups: { result: 0, process: null, customer: 50 }, total: 5 });
    expect(c!.items.map((i) => i.points)).toEqual([null, 0, null, 5]);
    expect(a!.rank).toBe(2);
    expect(c!.rank).toBe(3);
  });

  it('gives the only one scored by rank full points, and nobody a total without any score', () => {
    const [only, none] = scoreAll(
      [{ metric: 'x', group: 'process', weight: 100, rule: { type: 'rank', better: 'lower' } }],
      { result: 0, process: 100, customer: 0 },
      [[{ value: 3, target: null }], [{ value: null, target: null }]],
    );
    expect(only).toMatchObject({ total: 100, rank: 1 });
    expect(none).toMatchObject({ total: null, rank: null });
  });
});
