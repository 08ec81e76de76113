import { describe, expect, it } from 'vitest';
import {
  closesIn,
  conditionalShare,
  day,
  forecastDeal,
  type History,
  newBusiness,
  repFactor,
  stageWinChance,
} from './model.js';

const empty = (): History => ({
  stageOutcomes: new Map(),
  stageToWinDays: new Map(),
  slipDays: new Map(),
  reps: new Map(),
  newDealWins: new Map(),
  creationWindowDays: 0,
});
const stage = { id: 's', probability: 40, category: 'best_case' };
const now = Date.UTC(2026, 10, 27, 2);

describe('forecast model', () => {
  it('a histogram share counts keys in [lo, hi) among those ≥ lo', () => {
    const h = new Map([
      [5, 2],
      [10, 3],
      [20, 5],
    ]);
    expect(conditionalShare(h, 0, 11)).toBe(5 / 10);
    expect(conditionalShare(h, 6, 21)).toBe(1);
    expect(conditionalShare(h, 21, 40)).toBeNull();
  });

  it('without history a stage wins at its configured probability and every rep is average', () => {
    expect(stageWinChance(empty(), stage)).toBeCloseTo(0.4, 12);
    expect(repFactor(empty(), 'anyone')).toBe(1);
  });

  it('closed deals outweigh the prior as they grow', () => {
    const h = empty();
    h.stageOutcomes.set('s', { closed: 90, won: 9 });
    expect(stageWinChance(h, stage)).toBeCloseTo((9 + 4) / 100, 12);
  });

  it('with no timing history the rep’s close date decides', () => {
    const deal = {
      id: 'd',
      ownerId: 'r',
      amount: 1000,
      expectedClose: now + 5 * day,
      stageId: 's',
      stageEnteredAt: now,
    };
    const inside = forecastDeal(empty(), deal, stage, { from: now, to: now + 30 * day });
    expect([inside.timingBasis, inside.timingChance, inside.expected]).toEqual(['close_date_only', 1, 400]);
    const later = forecastDeal(empty(), { ...deal, expectedClose: now + 40 * day }, stage, {
      from: now,
      to: now + 30 * day,
    });
    expect(later.expected).toBe(0);
  });

  it('today’s close date is in a window that starts now; yesterday’s is not', () => {
    const startOfToday = now - 10 * 3_600_000;
    const w = { from: now, to: now + 30 * day };
    const deal = { id: 'd', ownerId: 'r', amount: 1, stageId: 's', stageEnteredAt: 0 };
    expect(closesIn({ ...deal, expectedClose: startOfToday }, w)).toBe(true);
    expect(closesIn({ ...deal, expectedClose: startOfToday - day }, w)).toBe(false);
    expect(closesIn({ ...deal, expectedClose: null }, w)).toBe(false);
    expect(closesIn({ ...deal, expectedClose: now + 30 * day }, w)).toBe(false);
  });

  it('new deals: what was won within x days of creation, per day of the creation window', () => {
    const h = empty();
    h.creationWindowDays = 100;
    h.newDealWins.set(
      'r',
      new Map([
        [10, 1000],
        [50, 500],
      ]),
    );
    // Over 30 days: the lag-10 wins of deals created on days 0–19.
    expect(newBusiness(h, 'r', 30)).toBeCloseTo((1000 * 20) / 100, 10);
    expect(newBusiness(h, 'r', 60)).toBeCloseTo((1000 * 50 + 500 * 10) / 100, 10);
    expect(newBusiness(h, 'nobody', 60)).toBe(0);
  });
});
