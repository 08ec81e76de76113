import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, enqueue } from '../../src/platform/jobs/queue.js';
import { testDialects } from '../../src/testing/db.js';
import { makeTestApp, type TestApp } from '../../src/testing/harness.js';

describe('backoffMs', () => {
  it('doubles from 10 s per attempt, with ±20 % jitter, capped at one hour', () => {
    expect(backoffMs(1, 0.5)).toBe(10_000);
    expect(backoffMs(2, 0.5)).toBe(20_000);
    expect(backoffMs(3, 0.5)).toBe(40_000);
    expect(backoffMs(1, 0)).toBe(8_000);
    expect(backoffMs(1, 1)).toBe(12_000);
    expect(backoffMs(30, 0.5)).toBe(3_600_000);
    expect(backoffMs(30, 1)).toBe(4_320_000);
    // attempts 0 (never ran) behaves like the first retry
    expect(backoffMs(0, 0.5)).toBe(10_000);
  });
});

describe.each(testDialects)('enqueue on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it('creates a job with a unique key once, however often it is scheduled', async () => {
    const now = t.clock.now();
    const o = { type: 'test.once', uniqueKey: 'queue-test:once', runAt: now, orgId: t.orgId, now };
    const results = [await enqueue(t.ctx.db, o), await enqueue(t.ctx.db, { ...o, payload: { other: 1 } })];
    results.push(...(await Promise.all([enqueue(t.ctx.db, o), enqueue(t.ctx.db, o)])));
    expect(results).toEqual([true, false, false, false]);
    const rows = await t.ctx.db.selectFrom('jobs').selectAll().where('uniqueKey', '=', o.uniqueKey).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'test.once', status: 'queued', attempts: 0, payload: '{}' });
  });

  it('creates jobs without a unique key every time', async () => {
    const now = t.clock.now();
    const o = { type: 'test.many', runAt: now, now };
    expect([await enqueue(t.ctx.db, o), await enqueue(t.ctx.db, o)]).toEqual([true, true]);
    const rows = await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', 'test.many').execute();
    expect(rows).toHaveLength(2);
  });

  it('rolls the job back with the caller’s transaction', async () => {
    const now = t.clock.now();
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await enqueue(tx, { type: 'test.rollback', runAt: now, uniqueKey: 'queue-test:rollback', now });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const row = await t.ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'test.rollback')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
