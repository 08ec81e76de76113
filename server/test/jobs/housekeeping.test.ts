import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHousekeeping } from '../../src/platform/jobs/housekeeping.js';
import { enqueue } from '../../src/platform/jobs/queue.js';
import { JobRunner } from '../../src/platform/jobs/worker.js';
import { testDialects } from '../../src/testing/db.js';
import { makeTestApp, type TestApp } from '../../src/testing/harness.js';

const hour = 3_600_000;
const day = 24 * hour;

describe.each(testDialects)('housekeeping on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it('runs hourly and removes only what has expired', async () => {
    const { db } = t.ctx;
    const now = t.clock.now();
    const session = (id: string, expiresAt: number, idleExpiresAt: number) => ({
      id,
      orgId: t.orgId,
      userId: t.adminId,
      csrfToken: 'x',
      createdAt: now - day,
      expiresAt,
      idleExpiresAt,
      ip: null,
      userAgent: null,
    });
    await db
      .insertInto('sessions')
      .values([
        session('live', now + day, now + hour),
        session('idle-expired', now + day, now - 1),
        session('expired', now - 1, now + hour),
      ])
      .execute();
    await db
      .insertInto('loginAttempts')
      .values([
        { id: 'old', loginKey: 'a', ip: '1.1.1.1', succeeded: 0, at: now - day - 1 },
        { id: 'recent', loginKey: 'a', ip: '1.1.1.1', succeeded: 0, at: now - hour },
      ])
      .execute();
    await db
      .insertInto('idempotencyKeys')
      .values([
        {
          orgId: t.orgId,
          userId: t.adminId,
          key: 'old',
          requestHash: 'h',
          statusCode: 201,
          response: '{}',
          createdAt: now - day - 1,
        },
        {
          orgId: t.orgId,
          userId: t.adminId,
          key: 'recent',
          requestHash: 'h',
          statusCode: 201,
          response: '{}',
          createdAt: now - hour,
        },
      ])
      .execute();
    for (const [key, status, finishedAt] of [
      ['done-old', 'done', now - 8 * day],
      ['done-recent', 'done', now - day],
      ['dead-old', 'dead', now - 30 * day],
    ] as const) {
      await enqueue(db, { type: 'test.x', runAt: now - 30 * day, uniqueKey: key, now: now - 30 * day });
      await db.updateTable('jobs').set({ status, finishedAt }).where('uniqueKey', '=', key).execute();
    }

    const jobs = new JobRunner(t.ctx);
    registerHousekeeping(jobs);
    expect(await jobs.drain()).toBe(1);

    const ids = async (table: 'sessions' | 'loginAttempts') =>
      (await db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
    expect(await ids('sessions')).toEqual(['live']);
    expect(await ids('loginAttempts')).toEqual(['recent']);
    const keys = await db.selectFrom('idempotencyKeys').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['recent']);
    const left = await db
      .selectFrom('jobs')
      .select('uniqueKey')
      .where('type', '=', 'test.x')
      .orderBy('uniqueKey')
      .execute();
    // Dead jobs stay for admins to see; done ones go after a week.
    expect(left.map((j) => j.uniqueKey)).toEqual(['dead-old', 'done-recent']);

    // Once per hour slot: nothing more until the next hour starts.
    expect(await jobs.drain()).toBe(0);
    t.clock.set(Math.floor(now / hour) * hour + hour);
    expect(await jobs.drain()).toBe(1);
  });
});
