import { type RawBuilder, sql } from 'kysely';
import { dayIn, dayStart } from '../../platform/clock.js';

// Periods of the org's calendar (its time zone): the range a metric is asked for, and the buckets a
// trend groups it into. Boundaries are computed here; SQL only compares instants with them.

export const granularities = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof granularities)[number];

export const periodNames = [
  'today',
  'this_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'last_30_days',
  'last_90_days',
] as const;
export type PeriodName = (typeof periodNames)[number];

/** The most buckets one trend may have (a year of days). */
export const MAX_BUCKETS = 400;

/** [from, to) as epoch ms, and the calendar days they begin and end (`to` exclusive). */
export type Range = { from: number; to: number; fromDay: string; toDay: string };

const ymd = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.toISOString().slice(0, 10);
};
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The first day of the `g` period that holds `day` (weeks begin on Monday). */
export function periodStartDay(day: string, g: Granularity): string {
  const [y, m, d] = parts(day);
  switch (g) {
    case 'day':
      return day;
    case 'week': {
      const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      return ymd(y, m, d - dow);
    }
    case 'month':
      return ymd(y, m, 1);
    case 'quarter':
      return ymd(y, m - ((m - 1) % 3), 1);
    case 'year':
      return ymd(y, 1, 1);
  }
}

/** The first day of the next `g` period after the one beginning on `start`. */
export function nextPeriodDay(start: string, g: Granularity): string {
  const [y, m, d] = parts(start);
  switch (g) {
    case 'day':
      return ymd(y, m, d + 1);
    case 'week':
      return ymd(y, m, d + 7);
    case 'month':
      return ymd(y, m + 1, 1);
    case 'quarter':
      return ymd(y, m + 3, 1);
    case 'year':
      return ymd(y + 1, 1, 1);
  }
}

const range = (fromDay: string, toDay: string, tz: string): Range => ({
  from: dayStart(fromDay, tz),
  to: dayStart(toDay, tz),
  fromDay,
  toDay,
});

/** A named period as of `now` in the org's time zone. */
export function namedRange(name: PeriodName, now: number, tz: string): Range {
  const today = dayIn(now, tz);
  const current = (g: Granularity) => {
    const start = periodStartDay(today, g);
    return range(start, nextPeriodDay(start, g), tz);
  };
  const previous = (g: Granularity) => {
    const end = periodStartDay(today, g);
    const [y, m] = parts(end);
    const start = g === 'month' ? ymd(y, m - 1, 1) : g === 'quarter' ? ymd(y, m - 3, 1) : ymd(y - 1, 1, 1);
    return range(start, end, tz);
  };
  const [y, m, d] = parts(today);
  switch (name) {
    case 'today':
      return current('day');
    case 'this_week':
      return current('week');
    case 'this_month':
      return current('month');
    case 'this_quarter':
      return current('quarter');
    case 'this_year':
      return current('year');
    case 'last_month':
      return previous('month');
    case 'last_quarter':
      return previous('quarter');
    case 'last_year':
      return previous('year');
    case 'last_30_days':
      return range(ymd(y, m, d - 29), ymd(y, m, d + 1), tz);
    case 'last_90_days':
      return range(ymd(y, m, d - 89), ymd(y, m, d + 1), tz);
  }
}

/** Custom days: from the first to the last day given, both included. */
export const dayRange = (fromDay: string, lastDay: string, tz: string): Range => {
  const [y, m, d] = parts(lastDay);
  return range(fromDay, ymd(y, m, d + 1), tz);
};

export type Bucket = { key: string; from: number; to: number };

/** The `g` periods that cover the range, cut to it (the first and last may be partial). */
export function bucketsOf(r: Range, g: Granularity, tz: string): Bucket[] {
  const out: Bucket[] = [];
  let start = periodStartDay(r.fromDay, g);
  while (start < r.toDay && out.length <= MAX_BUCKETS) {
    const next = nextPeriodDay(start, g);
    out.push({
      key: bucketKey(start, g),
      from: Math.max(dayStart(start, tz), r.from),
      to: Math.min(dayStart(next, tz), r.to),
    });
    start = next;
  }
  return out;
}

/** How a bucket is named: 2026-11-27, 2026-W48 (its Monday's day), 2026-11, 2026-Q4, 2026. */
export function bucketKey(start: string, g: Granularity): string {
  const [y, m] = parts(start);
  switch (g) {
    case 'day':
    case 'week':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

/**
 * The index of the bucket an instant falls in, as SQL: a balanced tree of comparisons (about log2 of
 * the buckets per row, not one per bucket), the same on both databases. Rows outside the range are
 * filtered out before.
 */
export function bucketIndex(column: RawBuilder<unknown>, buckets: Bucket[]): RawBuilder<number> {
  const tree = (lo: number, hi: number): RawBuilder<number> => {
    if (lo === hi) return sql<number>`${sql.lit(lo)}`;
    const mid = Math.ceil((lo + hi) / 2);
    return sql<number>`case when ${column} < ${buckets[mid]!.from} then ${tree(lo, mid - 1)} else ${tree(mid, hi)} end`;
  };
  return tree(0, buckets.length - 1);
}

/** A year, quarter or month by its bucket key (2026, 2026-Q1, 2026-03): its days, `toDay` exclusive. */
export type CalendarPeriod = {
  key: string;
  granularity: 'year' | 'quarter' | 'month';
  fromDay: string;
  toDay: string;
};

/** The year, quarter or month a key names; `null` for anything else (years 2000–2099). */
export function calendarPeriod(key: string): CalendarPeriod | null {
  const m = /^(20\d\d)(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const granularity = m[2] ? 'quarter' : m[3] ? 'month' : 'year';
  const fromDay = ymd(y, m[2] ? (Number(m[2]) - 1) * 3 + 1 : m[3] ? Number(m[3]) : 1, 1);
  return { key, granularity, fromDay, toDay: nextPeriodDay(fromDay, granularity) };
}

/** A year's quarters, a quarter's months; a month has none. */
export function subPeriods(p: CalendarPeriod): CalendarPeriod[] {
  if (p.granularity === 'month') return [];
  const g = p.granularity === 'year' ? 'quarter' : 'month';
  const out: CalendarPeriod[] = [];
  for (let day = p.fromDay; day < p.toDay; day = nextPeriodDay(day, g))
    out.push(calendarPeriod(bucketKey(day, g))!);
  return out;
}

/** The period before one of the same granularity (2026-01 → 2025-12, 2026-Q1 → 2025-Q4). */
export function previousPeriod(p: CalendarPeriod): CalendarPeriod | null {
  const [y, m, d] = parts(p.fromDay);
  return calendarPeriod(bucketKey(ymd(y, m, d - 1), p.granularity));
}

/** The same period a year earlier (2026-Q1 → 2025-Q1). */
export const yearBefore = (key: string) => `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;

/** The days of a calendar period as a range in the org's time zone. */
export const calendarRange = (p: CalendarPeriod, tz: string): Range => range(p.fromDay, p.toDay, tz);

/** A period by key (2026-Q4), or by name as of now (this_quarter → 2026-Q4); `null` for a bad key. */
export function calendarPeriodOf(asked: string, now: number, tz: string): CalendarPeriod | null {
  const named = (periodNames as readonly string[]).includes(asked) ? (asked as PeriodName) : null;
  if (!named) return calendarPeriod(asked);
  const g = named.endsWith('month')
    ? 'month'
    : named.endsWith('quarter')
      ? 'quarter'
      : named.endsWith('year')
        ? 'year'
        : null;
  return g ? calendarPeriod(bucketKey(namedRange(named, now, tz).fromDay, g)) : null;
}
