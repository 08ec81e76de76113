import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeOf } from '../../platform/access/index.js';
import { loadActor } from '../../platform/auth/actor-loader.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { notify } from '../../platform/notify/service.js';
import { followUpSettingsOf, inWorkingHours, localTime } from '../follow-ups/settings.js';
import { findingsOf } from './findings.js';

// 每周洞察: in the first hour of the org's first working day of the week, each manager (whoever reads
// insights beyond themself) hears how many findings their reach has and of which kinds — a notice per
// manager per week, however often the sweep runs or on however many instances.

const day = 86_400_000;

export function registerInsightDigest(jobs: JobRunner): void {
  jobs.every('insights.digest', 15 * 60_000);
  jobs.handle('insights.digest', async (_job, { db, clock }) => {
    await sendInsightDigests(db, clock.now());
  });
}

/** Sends the week's digests that are due; answers how many managers had findings. */
export async function sendInsightDigests(db: Kysely<DB>, now: number): Promise<number> {
  let told = 0;
  for (const org of await db.selectFrom('orgs').select(['id', 'timeZone']).execute()) {
    const s = await followUpSettingsOf(db, org.id);
    const local = localTime(now, org.timeZone);
    const start = Number(s.workStart.slice(0, 2)) * 60 + Number(s.workStart.slice(3));
    const firstDay = Math.min(...s.workDays);
    if (local.weekday !== firstDay || !inWorkingHours(s, now, org.timeZone) || local.minutes >= start + 60)
      continue;
    // The week by its Monday, in the org's calendar.
    const monday = new Date(Date.parse(`${local.day}T00:00:00Z`) - (local.weekday - 1) * day)
      .toISOString()
      .slice(0, 10);
    const users = await db
      .selectFrom('users')
      .select('id')
      .where('orgId', '=', org.id)
      .where('active', '=', 1)
      .execute();
    for (const { id } of users) {
      const actor = await loadActor(db, id, 'session');
      const scope = actor && scopeOf(actor, 'insight');
      if (!actor || !scope || scope === 'own') continue;
      const findings = await findingsOf(db, actor, now, org.timeZone, 'zh-CN');
      if (!findings.length) continue;
      const count = (kind: string) => findings.filter((f) => f.kind === kind).length;
      await notify(
        db,
        org.id,
        [id],
        {
          kind: 'insights_digest',
          params: {
            count: findings.length,
            high: findings.filter((f) => f.severity === 'high').length,
            behind: count('behind_pace'),
            below: count('conversion_below'),
            stalled: count('stalled_deals'),
            sla: count('lead_sla'),
            methods: count('method_mix'),
          },
          link: '/performance/insights',
          eventId: `insights-digest:${monday}`,
        },
        now,
      );
      told++;
    }
  }
  return told;
}
