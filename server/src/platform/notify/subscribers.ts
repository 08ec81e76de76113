import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobRunner } from '../jobs/worker.js';
import { activeAdmins, notify } from './service.js';

/** In-app notices produced from platform events; each runs as a job per event (see JobRunner). */
export function registerPlatformNotices(jobs: JobRunner): void {
  jobs.subscribe('job.dead', 'notify.job_dead');
  jobs.subscribe('user.deactivate', 'notify.user_deactivated');
  jobs.subscribe('user.update', 'notify.roles_changed');

  jobs.handle('notify.job_dead', async (job, { db, clock }) => {
    const e = await eventOf(db, job.data.eventId);
    if (!e) return;
    const p = JSON.parse(e.payload) as { jobType: string; error: string };
    await notify(
      db,
      e.orgId,
      await activeAdmins(db, e.orgId),
      {
        kind: 'job_dead',
        params: { jobType: p.jobType, error: p.error },
        link: '/system/jobs',
        eventId: e.id,
      },
      clock.now(),
    );
  });

  jobs.handle('notify.user_deactivated', async (job, { db, clock }) => {
    const e = await eventOf(db, job.data.eventId);
    if (!e) return;
    const u = await db.selectFrom('users').select(['name']).where('id', '=', e.recordId).executeTakeFirst();
    const admins = (await activeAdmins(db, e.orgId)).filter((id) => id !== e.actorId);
    await notify(
      db,
      e.orgId,
      admins,
      { kind: 'user_deactivated', params: { name: u?.name ?? '' }, link: '/system/users', eventId: e.id },
      clock.now(),
    );
  });

  jobs.handle('notify.roles_changed', async (job, { db, clock }) => {
    const e = await eventOf(db, job.data.eventId);
    if (!e || !(JSON.parse(e.payload) as { changes: string[] }).changes.includes('roles')) return;
    await notify(
      db,
      e.orgId,
      [e.recordId],
      { kind: 'roles_changed', link: null, eventId: e.id },
      clock.now(),
    );
  });
}

async function eventOf(db: Kysely<DB>, id: unknown) {
  if (typeof id !== 'string') return undefined;
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}
