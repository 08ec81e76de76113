import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';

// 跟进设置: whether 写跟进 must name the next follow-up (else the record's cadence sets it), and the
// org's working hours and days — the daily 跟进提醒 goes out when they begin, never at night or on a
// day off.

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const followUpSettingsFields = {
  /** 下次跟进时间必填. */
  nextRequired: z.boolean(),
  /** 工作时间 (HH:mm in the org's time zone). */
  workStart: time,
  workEnd: time,
  /** 工作日: ISO weekdays, 1 = Monday … 7 = Sunday. */
  workDays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'each day once'),
  /** 每日跟进提醒: each rep hears of today's and overdue follow-ups when the working day begins. */
  dailyReminder: z.boolean(),
};
export const followUpSettings = z.object({ ...followUpSettingsFields, version: z.number() });
export type FollowUpSettings = z.infer<typeof followUpSettings>;

export const defaultFollowUpSettings: FollowUpSettings = {
  nextRequired: false,
  workStart: '09:00',
  workEnd: '18:00',
  workDays: [1, 2, 3, 4, 5],
  dailyReminder: true,
  version: 0,
};

/** The org's follow-up settings: what an admin saved, else the shipped defaults (version 0). */
export async function followUpSettingsOf(db: Kysely<DB>, orgId: string): Promise<FollowUpSettings> {
  const row = await db
    .selectFrom('followUpSettings')
    .selectAll()
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  if (!row) return defaultFollowUpSettings;
  return {
    nextRequired: row.nextRequired === 1,
    workStart: row.workStart,
    workEnd: row.workEnd,
    workDays: JSON.parse(row.workDays) as number[],
    dailyReminder: row.dailyReminder === 1,
    version: row.version,
  };
}

/** The wall-clock day, ISO weekday and minutes since midnight of an instant in a time zone. */
export function localTime(ms: number, timeZone: string): { day: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether `ms` falls in the org's working hours (a working day, from start to before end). */
export function inWorkingHours(s: FollowUpSettings, ms: number, timeZone: string): boolean {
  const t = localTime(ms, timeZone);
  return (
    s.workDays.includes(t.weekday) && t.minutes >= minutesOf(s.workStart) && t.minutes < minutesOf(s.workEnd)
  );
}
