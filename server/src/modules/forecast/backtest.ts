import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { dayIn, dayStart } from '../../platform/clock.js';
import { forecastOf, knownAt, stagesOf, totalOf } from './forecast.js';
import { changesSince, type ForecastFilters, wonBetween } from './history.js';
import { day } from './model.js';

// 回测: the forecast replayed at past dates, from only what was known then (stage history; amounts and
// close dates rebuilt from the audit log), against what was actually won in each window — and the
// plain weighted pipeline beside it, measured the same way.

export const BACKTEST_HORIZONS = [30, 90] as const;
/** As-of dates, one every STEP_DAYS back from today; at most POINTS per horizon. */
const STEP_DAYS = 30;
const POINTS = 12;

export type BacktestPoint = {
  asOf: number;
  horizonDays: number;
  forecast: number;
  baseline: number;
  actual: number;
  /** |forecast − actual| ÷ actual (null: nothing was won). */
  error: number | null;
  baselineError: number | null;
};

export type BacktestSummary = {
  horizonDays: number;
  /** As-of dates with something won (the ones an error can be computed for). */
  points: number;
  /** Mean absolute percentage error of the forecast and of the baseline (null: no point). */
  mape: number | null;
  baselineMape: number | null;
};

export async function backtest(
  db: Kysely<DB>,
  actor: Actor,
  filters: ForecastFilters,
  tz: string,
  now: number,
): Promise<{ points: BacktestPoint[]; summary: BacktestSummary[] }> {
  const today = dayStart(dayIn(now, tz), tz);
  const longest = Math.max(...BACKTEST_HORIZONS);
  const dates: number[] = [];
  for (let k = 1; dates.length < POINTS + Math.ceil(longest / STEP_DAYS); k++)
    dates.push(today - k * STEP_DAYS * day);
  const asked = (h: number) => dates.filter((t) => t + h * day <= today).slice(0, POINTS);
  const needed = [...new Set(BACKTEST_HORIZONS.flatMap(asked))].sort((a, b) => a - b);
  const [stages, changes] = await Promise.all([
    stagesOf(db, actor.orgId),
    changesSince(db, actor.orgId, needed[0] ?? today),
  ]);
  const points: BacktestPoint[] = [];
  for (const asOf of needed) {
    const known = await knownAt(db, actor, asOf, filters, tz, changes);
    for (const h of BACKTEST_HORIZONS) {
      if (!asked(h).includes(asOf)) continue;
      const window = { from: asOf, to: asOf + h * day };
      const total = totalOf(forecastOf(known, window, stages).reps.values());
      const won = await wonBetween(db, actor, window.from, window.to, filters);
      const actual = [...won.values()].reduce((a, w) => a + w.pipeline + w.newDeals, 0);
      const err = (x: number) => (actual > 0 ? Math.abs(x - actual) / actual : null);
      points.push({
        asOf,
        horizonDays: h,
        forecast: Math.round(total.forecast),
        baseline: Math.round(total.baseline),
        actual,
        error: err(total.forecast),
        baselineError: err(total.baseline),
      });
    }
  }
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const summary = BACKTEST_HORIZONS.map((h) => {
    const ps = points.filter((p) => p.horizonDays === h);
    return {
      horizonDays: h,
      points: ps.filter((p) => p.error !== null).length,
      mape: mean(ps.map((p) => p.error)),
      baselineMape: mean(ps.map((p) => p.baselineError)),
    };
  });
  return { points, summary };
}
