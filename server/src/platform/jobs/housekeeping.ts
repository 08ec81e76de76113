import { sql } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import { sweepTempFiles } from '../temp-files.js';
import type { JobRunner } from './worker.js';

const day = 86_400_000;

/**
 * Hourly clean-up of expired sessions, old sign-in attempts, idempotency keys, finished jobs and
 * temporary files over 6 hours old; and on SQLite fresh planner statistics for tables that grew
 * (PostgreSQL's autovacuum does that itself).
 */
export function registerHousekeeping(jobs: JobRunner): void {
  jobs.every('system.housekeeping', 3_600_000);
  jobs.handle('system.housekeeping', async (_job, { db, clock }) => {
    const now = clock.now();
    await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('idleExpiresAt', '<=', now)]))
      .execute();
    await db
      .deleteFrom('loginAttempts')
      .where('at', '<', now - day)
      .execute();
    await db
      .deleteFrom('idempotencyKeys')
      .where('createdAt', '<', now - day)
      .execute();
    await db
      .deleteFrom('inviteTokens')
      .where('expiresAt', '<', now - 30 * day)
      .execute();
    await db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finishedAt', '<', now - 7 * day)
      .execute();
    if (!isPostgres(db)) await sql`pragma optimize`.execute(db);
    // Files are dated by the file system, so the real clock decides their age.
    await sweepTempFiles(6 * 3_600_000);
  });
}
