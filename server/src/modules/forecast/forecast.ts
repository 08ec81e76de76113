import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import {
  type DealAt,
  type ForecastFilters,
  type LaterChanges,
  loadHistory,
  openDealsAt,
  openDealsNow,
} from './history.js';
import {
  closesIn,
  type DealForecast,
  day,
  forecastDeal,
  type History,
  newBusiness,
  orgWinRate,
  repFactor,
  type Stage,
  type Window,
  weightedPipeline,
} from './model.js';

// One forecast: the deals open at `asOf` in the reader's reach, each with its chance of being won in
// the window, summed per rep with their new deals' run rate; beside it the reps' own categories
// (commit / best case / pipeline, by close date) and the plain weighted pipeline.

export type CategorySums = { commit: number; bestCase: number; pipeline: number };

export type RepForecast = {
  userId: string;
  /** Σ expected over the rep's open deals. */
  fromPipeline: number;
  /** The rep's new deals' run rate over the window. */
  fromNewDeals: number;
  /** fromPipeline + fromNewDeals: the system's forecast. */
  forecast: number;
  /** Σ amount × stage probability of deals closing (by date) in the window. */
  baseline: number;
  /** Amount of deals closing (by date) in the window, by the stage's forecast category (cumulative). */
  categories: CategorySums;
  openDeals: number;
  /** Open deals without an expected close date (the categories cannot place them). */
  noCloseDate: number;
  /** The rep's win rate against the org's (1: the same). */
  trackRecord: number;
};

/** A deal and its forecast, side by side (tens of thousands of them: no copies of the deal). */
export type DealRow = { deal: DealAt; forecast: DealForecast; category: string };

export type ForecastRun = { reps: Map<string, RepForecast>; deals: DealRow[] };

/** Every stage of the org's pipelines (retired ones included: old stays sit in them). */
export async function stagesOf(
  db: Kysely<DB>,
  orgId: string,
): Promise<Map<string, Stage & { name: string }>> {
  const rows = await db
    .selectFrom('pipelineStages')
    .select(['id', 'name', 'probability', 'category'])
    .where('orgId', '=', orgId)
    .execute();
  return new Map(rows.map((s) => [s.id, s]));
}

export type KnownAt = { asOf: number; history: History; open: DealAt[] };

/** What the forecast knows at `asOf`: the history before it and the deals open at it. */
export async function knownAt(
  db: Kysely<DB>,
  actor: Actor,
  asOf: number,
  filters: ForecastFilters,
  tz: string,
  /**
   * Rebuilds the deals as of `asOf` (the back-test: stage history, amounts and close dates from the
   * audit log). Without it the forecast is live: `asOf` is now and the deals are read as they stand.
   */
  changes?: LaterChanges,
): Promise<KnownAt> {
  const [history, open] = await Promise.all([
    loadHistory(db, actor, asOf, filters, tz),
    changes ? openDealsAt(db, actor, asOf, filters, tz, changes) : openDealsNow(db, actor, filters, tz),
  ]);
  return { asOf, history, open };
}

/** The forecast of a window from what was known. `activeReps`: whose new deals count (all when absent). */
export function forecastOf(
  { asOf, history, open }: KnownAt,
  window: Window,
  stages: Map<string, Stage>,
  activeReps?: Set<string>,
): ForecastRun {
  const rate = orgWinRate(history);
  const reps = new Map<string, RepForecast>();
  const repOf = (userId: string) => {
    let r = reps.get(userId);
    if (!r) {
      r = { userId, ...noSums(), trackRecord: repFactor(history, userId, rate) };
      reps.set(userId, r);
    }
    return r;
  };
  const deals: DealRow[] = [];
  for (const d of open) {
    const stage = stages.get(d.stageId);
    if (!stage) continue;
    const f = forecastDeal(history, d, stage, window, rate);
    const r = repOf(d.ownerId);
    r.fromPipeline += f.expected;
    r.baseline += weightedPipeline(d, stage, window);
    r.openDeals++;
    if (d.expectedClose === null) r.noCloseDate++;
    if (closesIn(d, window)) {
      r.categories.pipeline += d.amount;
      if (stage.category === 'best_case' || stage.category === 'commit') r.categories.bestCase += d.amount;
      if (stage.category === 'commit') r.categories.commit += d.amount;
    }
    deals.push({ deal: d, forecast: f, category: stage.category });
  }
  const days = Math.max(0, (window.to - Math.max(window.from, asOf)) / day);
  for (const userId of history.newDealWins.keys()) {
    if (activeReps && !activeReps.has(userId)) continue;
    repOf(userId).fromNewDeals = newBusiness(history, userId, days);
  }
  for (const r of reps.values()) r.forecast = r.fromPipeline + r.fromNewDeals;
  return { reps, deals };
}

/** A row with nothing in it yet. */
export const noSums = () => ({
  fromPipeline: 0,
  fromNewDeals: 0,
  forecast: 0,
  baseline: 0,
  categories: { commit: 0, bestCase: 0, pipeline: 0 },
  openDeals: 0,
  noCloseDate: 0,
});

/** The reps' rows added up. */
export function totalOf(reps: Iterable<RepForecast>) {
  const t = noSums();
  for (const r of reps) {
    t.fromPipeline += r.fromPipeline;
    t.fromNewDeals += r.fromNewDeals;
    t.forecast += r.forecast;
    t.baseline += r.baseline;
    t.categories.commit += r.categories.commit;
    t.categories.bestCase += r.categories.bestCase;
    t.categories.pipeline += r.categories.pipeline;
    t.openDeals += r.openDeals;
    t.noCloseDate += r.noCloseDate;
  }
  return t;
}
