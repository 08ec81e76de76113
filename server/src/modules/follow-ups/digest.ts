import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { startOfDay } from '../../platform/clock.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { notify } from '../../platform/notify/service.js';
import { followUpSettingsOf, inWorkingHours, localTime } from './settings.js';

// 每日跟进提醒: when an org's working day begins, each rep with follow-ups due today (or overdue) on
// their leads, customers and deals hears how many — once a day, in the org's time zone, never at night
// or on a day off (a sweep every 15 minutes sends what is due; a notice per rep per day, however often
// it runs or on however many instances).

const day = 86_400_000;
const openLead = ['new', 'working', 'qualified'];

export function registerFollowUpDigest(jobs: JobRunner): void {
  jobs.every('follow-ups.digest', 15 * 60_000);
  jobs.handle('follow-ups.digest', async (_job, { db, clock }) => {
    await sendFollowUpDigests(db, clock.now());
  });
}

type Due = { ownerId: string | null; due: number | string; overdue: number | string | null };

/** Sends the day's reminders of every org in its working hours; answers how many reps had follow-ups due. */
export async function sendFollowUpDigests(db: Kysely<DB>, now: number): Promise<number> {
  let told = 0;
  for (const org of await db.selectFrom('orgs').select(['id', 'timeZone']).execute()) {
    const s = await followUpSettingsOf(db, org.id);
    if (!s.dailyReminder || !inWorkingHours(s, now, org.timeZone)) continue;
    const today = localTime(now, org.timeZone).day;
    const endOfToday = startOfDay(now, org.timeZone) + day;
    const overdue = sql<number>`sum(case when next_follow_up_at < ${now} then 1 else 0 end)`.as('overdue');
    const due = sql<number>`count(*)`.as('due');
    const rows: Due[] = [
      ...(await db
        .selectFrom('leads')
        .select(['ownerId', due, overdue])
        .where('orgId', '=', org.id)
        .where('ownerId', 'is not', null)
        .where('deletedAt', 'is', null)
        .where('status', 'in', openLead)
        .where('nextFollowUpAt', '<', endOfToday)
        .groupBy('ownerId')
        .execute()),
      ...(await db
        .selectFrom('customers')
        .select(['ownerId', due, overdue])
        .where('orgId', '=', org.id)
        .where('ownerId', 'is not', null)
        .where('deletedAt', 'is', null)
        .where('nextFollowUpAt', '<', endOfToday)
        .groupBy('ownerId')
        .execute()),
      ...(await db
        .selectFrom('opportunities')
        .select(['ownerId', due, overdue])
        .where('orgId', '=', org.id)
        .where('deletedAt', 'is', null)
        .where('status', '=', 'open')
        .where('nextFollowUpAt', '<', endOfToday)
        .groupBy('ownerId')
        .execute()),
    ];
    const byOwner = new Map<string, { due: number; overdue: number }>();
    for (const r of rows) {
      if (!r.ownerId) continue;
      const sum = byOwner.get(r.ownerId) ?? { due: 0, overdue: 0 };
      sum.due += Number(r.due);
      sum.overdue += Number(r.overdue ?? 0);
      byOwner.set(r.ownerId, sum);
    }
    if (!byOwner.size) continue;
    const active = new Set(
      (
        await db
          .selectFrom('users')
          .select('id')
          .where('orgId', '=', org.id)
          .where('active', '=', 1)
          .where('id', 'in', [...byOwner.keys()])
          .execute()
      ).map((u) => u.id),
    );
    for (const [userId, counts] of byOwner) {
      if (!active.has(userId)) continue;
      await notify(
        db,
        org.id,
        [userId],
        {
          kind: 'follow_ups_due',
          params: counts,
          link: '/todo',
          // Once a day per rep: a second sweep (or instance) finds the notice there already.
          eventId: `follow-ups-due:${today}`,
        },
        now,
      );
      told++;
    }
  }
  return told;
}
