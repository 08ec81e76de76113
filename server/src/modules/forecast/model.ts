// 成交预测: the chance that an open deal is won within a window, from what the org's own history says
// (as known at the moment the forecast is made). Pure functions over the history's aggregates
// (history.ts reads them); the same code forecasts today and replays past dates (backtest.ts).

export const day = 86_400_000;

/** Pseudo-deals the configured stage probability counts for (a stage with few closed deals leans on it). */
export const PRIOR_WEIGHT = 10;
/** Pseudo-deals the org's win rate counts for in a rep's track record. */
export const TRACK_WEIGHT = 20;
/** Fewer observations than this and a timing distribution is not used. */
export const MIN_SAMPLE = 10;

/** What the org's closed deals (in the look-back before the as-of date) say. */
export type History = {
  /** Per stage: deals that passed it and closed, and how many of them were won. */
  stageOutcomes: Map<string, { closed: number; won: number }>;
  /** Per stage: won deals by whole days from entering the stage to the win. */
  stageToWinDays: Map<string, Map<number, number>>;
  /** Won deals by whole days between the expected close date and the win (late: positive). */
  slipDays: Map<number, number>;
  /** Per rep: deals closed and won. */
  reps: Map<string, { closed: number; won: number }>;
  /**
   * Per rep (of the reader's reach): amount won by whole days from a deal's creation to its win, for
   * deals created in the creation window.
   */
  newDealWins: Map<string, Map<number, number>>;
  /** Days of the creation window `newDealWins` counts (the run rate's denominator). */
  creationWindowDays: number;
};

export type Stage = { id: string; probability: number; category: string };

export type OpenDeal = {
  id: string;
  ownerId: string;
  amount: number;
  /** The start of the expected close date in the org's time zone, or null. */
  expectedClose: number | null;
  stageId: string;
  stageEnteredAt: number;
};

export type DealForecast = {
  /** Chance of being won at all (stage history, calibrated by the rep's track record). */
  winChance: number;
  /** Chance that, if won, it is won inside the window. */
  timingChance: number;
  /** amount × winChance × timingChance. */
  expected: number;
  /** Where the timing came from: the close date's slippage, the stage's usual time to win, both, or none. */
  timingBasis: 'close_date' | 'stage_time' | 'both' | 'close_date_only';
  /** The expected close date falls inside the window (what the categories count). */
  closeDateInWindow: boolean;
};

export type Window = { from: number; to: number };

/** A histogram's share of observations with a key in [lo, hi), among those with a key ≥ lo. */
export function conditionalShare(hist: Map<number, number>, lo: number, hi: number): number | null {
  const c = cumulative(hist);
  const atLeast = c.total - below(c, lo);
  return atLeast ? Math.max(0, below(c, hi) - below(c, lo)) / atLeast : null;
}

export const sampleSize = (hist: Map<number, number> | undefined) => (hist ? cumulative(hist).total : 0);

/**
 * A histogram as sorted keys with running counts, made once per histogram: every open deal asks the
 * same few histograms (50,000 deals × hundreds of keys took seconds as loops).
 */
type Cumulative = { keys: number[]; before: number[]; total: number };
const cumulatives = new WeakMap<Map<number, number>, Cumulative>();
function cumulative(hist: Map<number, number>): Cumulative {
  let c = cumulatives.get(hist);
  if (!c) {
    const keys = [...hist.keys()].sort((a, b) => a - b);
    const before: number[] = [];
    let total = 0;
    for (const k of keys) {
      before.push(total);
      total += hist.get(k)!;
    }
    c = { keys, before, total };
    cumulatives.set(hist, c);
  }
  return c;
}

/** How many observations have a key below x (binary search for the first key ≥ x). */
function below(c: Cumulative, x: number): number {
  let lo = 0;
  let hi = c.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.keys[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.keys.length ? c.before[lo]! : c.total;
}

/** The org's win rate over its closed deals (null: none closed yet). */
export function orgWinRate(h: History): number | null {
  let closed = 0;
  let won = 0;
  for (const r of h.reps.values()) {
    closed += r.closed;
    won += r.won;
  }
  return closed ? won / closed : null;
}

/** The stage's chance of ending won: its closed deals, with the configured probability as a prior. */
export function stageWinChance(h: History, stage: Stage): number {
  const o = h.stageOutcomes.get(stage.id) ?? { closed: 0, won: 0 };
  return (o.won + (PRIOR_WEIGHT * stage.probability) / 100) / (o.closed + PRIOR_WEIGHT);
}

/**
 * How much better or worse than the org a rep wins: their win rate (shrunk towards the org's by
 * TRACK_WEIGHT pseudo-deals) over the org's. 1 with no history.
 */
export function repFactor(h: History, repId: string, orgRate = orgWinRate(h)): number {
  if (!orgRate) return 1;
  const r = h.reps.get(repId) ?? { closed: 0, won: 0 };
  return (r.won + TRACK_WEIGHT * orgRate) / (r.closed + TRACK_WEIGHT) / orgRate;
}

/** Whole days between two instants, floored. */
const daysBetween = (from: number, to: number) => Math.floor((to - from) / day);

export function forecastDeal(
  h: History,
  deal: OpenDeal,
  stage: Stage,
  window: Window,
  orgRate = orgWinRate(h),
): DealForecast {
  const winChance = Math.min(1, stageWinChance(h, stage) * repFactor(h, deal.ownerId, orgRate));
  // By the stage's usual time to a win: among wins that took at least as long as this deal has been
  // in the stage, the share that came within the window.
  const stageHist = h.stageToWinDays.get(stage.id);
  const byStage =
    sampleSize(stageHist) >= MIN_SAMPLE
      ? conditionalShare(
          stageHist!,
          daysBetween(deal.stageEnteredAt, window.from),
          daysBetween(deal.stageEnteredAt, window.to),
        )
      : null;
  // By the close date and how late the org's wins usually came against theirs, among slips that put
  // the win after the window's start.
  const close = deal.expectedClose;
  const closeDateInWindow = closesIn(deal, window);
  const byDate =
    close !== null && sampleSize(h.slipDays) >= MIN_SAMPLE
      ? conditionalShare(h.slipDays, daysBetween(close, window.from), daysBetween(close, window.to))
      : null;
  let timingChance: number;
  let timingBasis: DealForecast['timingBasis'];
  if (byStage !== null && byDate !== null) {
    timingChance = (byStage + byDate) / 2;
    timingBasis = 'both';
  } else if (byDate !== null) {
    timingChance = byDate;
    timingBasis = 'close_date';
  } else if (byStage !== null) {
    timingChance = byStage;
    timingBasis = 'stage_time';
  } else {
    // No history to speak of: the rep's own date is all there is.
    timingChance = closeDateInWindow ? 1 : 0;
    timingBasis = 'close_date_only';
  }
  return {
    winChance,
    timingChance,
    expected: deal.amount * winChance * timingChance,
    timingBasis,
    closeDateInWindow,
  };
}

/**
 * A rep's wins from deals not created yet: what their new deals were won within x days of creation,
 * per day of creation, summed over a window of `days` (a deal created on the window's day t has
 * days − t left to be won).
 */
export function newBusiness(h: History, repId: string, days: number): number {
  const wins = h.newDealWins.get(repId);
  if (!wins || h.creationWindowDays <= 0) return 0;
  let total = 0;
  for (const [lag, amount] of wins) if (lag < days) total += amount * (days - lag);
  return total / h.creationWindowDays;
}

/** The plain baseline: open deals whose expected close date is in the window, amount × stage probability. */
export function weightedPipeline(deal: OpenDeal, stage: Stage, window: Window): number {
  return closesIn(deal, window) ? (deal.amount * stage.probability) / 100 : 0;
}

/**
 * The deal's expected close date is a day of the window. A window that starts within a day (now)
 * still holds that day: today's date is not yet late.
 */
export function closesIn(deal: OpenDeal, window: Window): boolean {
  return (
    deal.expectedClose !== null && deal.expectedClose > window.from - day && deal.expectedClose < window.to
  );
}
