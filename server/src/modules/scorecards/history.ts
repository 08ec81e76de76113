import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { type CalendarPeriod, previousPeriod } from '../metrics/periods.js';
import { type Scorecard, type Subject, scoresOf } from './scores.js';

export type HistoryRow = Subject & {
  /** Per period, oldest first: the total and rank, or null when not scored then. */
  scores: ({ total: number | null; rank: number | null } | null)[];
};

/** The `count` periods of a scorecard's granularity ending with `last`, oldest first (years from 2000). */
export function periodsUpTo(last: CalendarPeriod, count: number): CalendarPeriod[] {
  const out = [last];
  while (out.length < count) {
    const before = previousPeriod(out[0]!);
    if (!before) break;
    out.unshift(before);
  }
  return out;
}

/**
 * 历史: a scorecard's totals and ranks over several periods, each period scored as its own ranking
 * (the same figures as the scores of that period), for the subjects the reader may see.
 */
export async function historyOf(
  db: Kysely<DB>,
  actor: Actor,
  card: Scorecard,
  periods: CalendarPeriod[],
  tz: string,
  now: number,
): Promise<HistoryRow[]> {
  const scored = [];
  // One period after another: each is a whole ranking, and SQLite has one connection anyway.
  for (const p of periods) scored.push(await scoresOf(db, actor, card, p, tz, now));
  const rows = new Map<string, HistoryRow>();
  scored.forEach((s, i) => {
    for (const r of s.rows) {
      const row = rows.get(r.key) ?? {
        key: r.key,
        type: r.type,
        id: r.id,
        name: r.name,
        departmentName: r.departmentName,
        scores: periods.map(() => null),
      };
      row.scores[i] = { total: r.total, rank: r.rank };
      rows.set(r.key, row);
    }
  });
  // By the latest period's rank, then the earlier ones'.
  const rankAt = (r: HistoryRow, i: number) => r.scores[i]?.rank ?? Number.POSITIVE_INFINITY;
  return [...rows.values()].sort((a, b) => {
    for (let i = periods.length - 1; i >= 0; i--) {
      const d = rankAt(a, i) - rankAt(b, i);
      if (d) return d;
    }
    return a.name.localeCompare(b.name);
  });
}
