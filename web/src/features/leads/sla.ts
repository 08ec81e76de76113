import type { Lead } from '../../app/api-types';

// 首次跟进时限 and 下次跟进 as a rep reads them: how long is left, whether it is late, whether it is
// done. The server decides the deadline and its state; these only put it into words and colours.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Statuses a lead is still worked in: the deadline and the cadence only apply to these. */
const openStatuses: readonly string[] = ['new', 'working', 'qualified'];

/** Time left, rounded down: whole days and hours from a day on, hours from an hour on, else minutes. */
export type Countdown =
  | { unit: 'days'; days: number; hours: number }
  | { unit: 'hours' | 'minutes'; count: number };

export function countdown(ms: number): Countdown {
  const left = Math.max(0, ms);
  if (left >= day)
    return { unit: 'days', days: Math.floor(left / day), hours: Math.floor((left % day) / hour) };
  if (left >= hour) return { unit: 'hours', count: Math.floor(left / hour) };
  // Under a minute still reads "1 minute left" rather than "0".
  return { unit: 'minutes', count: Math.max(1, Math.floor(left / minute)) };
}

/**
 * - `running`: the clock runs (`left` until `dueAt`); `reminded`: the owner was warned it runs out soon
 * - `overdue`: the deadline passed (escalated, or passed a moment ago and the minute sweep is due)
 * - `met`: followed up (`late` when that came after the deadline)
 * - `none`: no deadline (waiting in a pool, closed, or entered before the deadline existed)
 */
export type SlaView =
  | { state: 'running' | 'reminded'; dueAt: number; left: Countdown }
  | { state: 'overdue'; dueAt: number }
  | { state: 'met'; at: number; late: boolean }
  | { state: 'none' };

type SlaFields = Pick<Lead, 'slaDueAt' | 'slaState' | 'firstFollowUpAt' | 'ownerId' | 'status'>;

export function slaView(l: SlaFields, now: number): SlaView {
  if (l.slaState === 'met' || l.firstFollowUpAt !== null) {
    const at = l.firstFollowUpAt ?? now;
    return { state: 'met', at, late: l.slaDueAt !== null && at > l.slaDueAt };
  }
  if (l.slaDueAt === null || l.ownerId === null || !openStatuses.includes(l.status)) return { state: 'none' };
  if (l.slaState === 'escalated' || l.slaDueAt <= now) return { state: 'overdue', dueAt: l.slaDueAt };
  return {
    state: l.slaState === 'reminded' ? 'reminded' : 'running',
    dueAt: l.slaDueAt,
    left: countdown(l.slaDueAt - now),
  };
}

/** 下次跟进: past (逾期), later today, or later; none when not planned or the lead is closed. */
export type NextView = { state: 'overdue' | 'today' | 'later'; at: number } | { state: 'none' };

/** `endOfToday`: the first instant of tomorrow in the org's time zone. */
export function nextView(
  l: Pick<Lead, 'nextFollowUpAt' | 'status'>,
  now: number,
  endOfToday: number,
): NextView {
  const at = l.nextFollowUpAt;
  if (at === null || !openStatuses.includes(l.status)) return { state: 'none' };
  if (at < now) return { state: 'overdue', at };
  return { state: at < endOfToday ? 'today' : 'later', at };
}
