import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordChange } from '../../src/platform/audit/record.js';
import { backoffMs, enqueue } from '../../src/platform/jobs/queue.js';
import { JobRunner } from '../../src/platform/jobs/worker.js';
import { registerPlatformNotices } from '../../src/platform/notify/subscribers.js';
import { testDialects } from '../../src/testing/db.js';
import { makeTestApp, type TestApp, withDemoOrg } from '../../src/testing/harness.js';

describe.each(testDialects)('job runner on %s', (dialect) => {
  let t: TestApp;
  /** Ids of the jobs each test handler ran, in order. */
  let ran: string[];
  let admins: string[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const demo = await withDemoOrg(t);
    admins = [t.adminId, demo.users.get('luo.gang@demo.cadence')!].sort();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Each test starts with an empty queue and outbox so runners see only its own work.
    await t.ctx.db.deleteFrom('jobs').execute();
    await t.ctx.db.deleteFrom('events').execute();
  });

  const jobById = (id: string) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobByKey = (key: string) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('uniqueKey', '=', key).executeTakeFirstOrThrow();

  /** A runner with the platform's notices plus recording test handlers, and no jitter. */
  const runner = (opts: ConstructorParameters<typeof JobRunner>[1] = {}) => {
    ran = [];
    const jobs = new JobRunner(t.ctx, { random: () => 0.5, ...opts });
    registerPlatformNotices(jobs);
    jobs.handle('test.ok', async (job) => {
      ran.push(job.id);
    });
    jobs.handle('test.fail', async (job) => {
      ran.push(job.id);
      throw new Error(`boom ${job.attempts}`);
    });
    return jobs;
  };

  it('runs a due job once and marks it done', async () => {
    const jobs = runner();
    const now = t.clock.now();
    await enqueue(t.ctx.db, { type: 'test.ok', runAt: now + 60_000, uniqueKey: 'due', orgId: t.orgId, now });
    const { id } = await jobByKey('due');

    expect(await jobs.tick()).toBe(0);
    expect(ran).toEqual([]);

    t.clock.advance(60_000);
    expect(await jobs.tick()).toBe(1);
    expect(await jobs.tick()).toBe(0);
    expect(ran).toEqual([id]);
    expect(await jobById(id)).toMatchObject({
      status: 'done',
      attempts: 1,
      finishedAt: t.clock.now(),
      lockedUntil: null,
      lastError: null,
    });
  });

  it('retries a failing job with exponential backoff, then marks it dead and tells the admins once', async () => {
    const jobs = runner();
    const now = t.clock.now();
    await enqueue(t.ctx.db, {
      type: 'test.fail',
      runAt: now,
      uniqueKey: 'fail',
      orgId: t.orgId,
      maxAttempts: 3,
      now,
    });
    const { id } = await jobByKey('fail');

    for (const attempt of [1, 2]) {
      const at = t.clock.now();
      expect(await jobs.tick()).toBe(1);
      const j = await jobById(id);
      expect(j).toMatchObject({ status: 'queued', attempts: attempt, lockedBy: null, lockedUntil: null });
      expect(j.runAt).toBe(at + backoffMs(attempt, 0.5));
      expect(j.lastError).toContain(`boom ${attempt}`);
      // not due a millisecond before its backoff ends
      t.clock.set(j.runAt - 1);
      expect(await jobs.tick()).toBe(0);
      t.clock.set(j.runAt);
    }
    expect((await jobById(id)).runAt - now).toBe(10_000 + 20_000);

    expect(await jobs.tick()).toBe(1);
    const dead = await jobById(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, finishedAt: t.clock.now(), lockedBy: null });
    expect(dead.lastError).toContain('boom 3');
    expect(ran).toEqual([id, id, id]);

    const events = await t.ctx.db.selectFrom('events').selectAll().where('type', '=', 'job.dead').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ orgId: t.orgId, object: 'job', recordId: id });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ jobType: 'test.fail', error: 'Error: boom 3' });

    expect(await jobs.drain()).toBe(1); // the notify.job_dead job
    const notices = async () =>
      t.ctx.db
        .selectFrom('notifications')
        .select(['userId', 'params', 'link'])
        .where('kind', '=', 'job_dead')
        .where('eventId', '=', events[0]!.id)
        .orderBy('userId')
        .execute();
    const first = await notices();
    expect(first.map((n) => n.userId)).toEqual(admins);
    expect(JSON.parse(first[0]!.params)).toEqual({ jobType: 'test.fail', error: 'Error: boom 3' });

    // The notify job runs again (a redelivery after a crash): still one notice per admin.
    const notifyJob = await jobByKey(`event:${events[0]!.id}:notify.job_dead`);
    expect(notifyJob.status).toBe('done');
    await t.ctx.db
      .updateTable('jobs')
      .set({ status: 'queued', runAt: t.clock.now(), finishedAt: null })
      .where('id', '=', notifyJob.id)
      .execute();
    expect(await jobs.drain()).toBe(1);
    expect(await notices()).toEqual(first);

    // Dead is final: no more runs however much time passes.
    t.clock.advance(86_400_000);
    expect(await jobs.drain()).toBe(0);
    expect(ran).toEqual([id, id, id]);
  });

  it('re-claims a job whose worker crashed once its lease has expired', async () => {
    const jobs = runner({ leaseMs: 30_000 });
    const now = t.clock.now();
    await enqueue(t.ctx.db, {
      type: 'test.ok',
      runAt: now - 1000,
      uniqueKey: 'crashed',
      orgId: t.orgId,
      now,
    });
    const { id } = await jobByKey('crashed');
    // A worker took it and died: status running, lease still valid for one more second.
    await t.ctx.db
      .updateTable('jobs')
      .set({ status: 'running', lockedBy: 'crashed-worker', lockedUntil: now + 1000, attempts: 1 })
      .where('id', '=', id)
      .execute();

    expect(await jobs.tick()).toBe(0);
    expect(ran).toEqual([]);

    t.clock.advance(1001);
    expect(await jobs.tick()).toBe(1);
    expect(ran).toEqual([id]);
    expect(await jobById(id)).toMatchObject({ status: 'done', attempts: 2, lockedUntil: null });
  });

  it('holds a claimed job for the lease and lets another worker take it over afterwards', async () => {
    const a = new JobRunner(t.ctx, { workerId: 'worker-a', leaseMs: 10_000 });
    const b = new JobRunner(t.ctx, { workerId: 'worker-b', leaseMs: 10_000 });
    let release!: () => void;
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    a.handle('test.slow', async () => {
      seen.push('a');
      await blocked;
    });
    b.handle('test.slow', async () => {
      seen.push('b');
    });
    const now = t.clock.now();
    await enqueue(t.ctx.db, { type: 'test.slow', runAt: now, uniqueKey: 'slow', now });
    const { id } = await jobByKey('slow');

    const first = a.tick();
    await waitUntil(async () => (await jobById(id)).lockedBy === 'worker-a' && seen.length === 1);
    expect(await b.tick()).toBe(0); // leased by a

    t.clock.advance(10_001);
    expect(await b.tick()).toBe(1); // a's lease ran out: b takes over
    expect(await jobById(id)).toMatchObject({ status: 'done', lockedBy: 'worker-b', attempts: 2 });

    release();
    expect(await first).toBe(1);
    // a finished late, but b owns the job: a's result does not overwrite it.
    expect(await jobById(id)).toMatchObject({ status: 'done', lockedBy: 'worker-b' });
    expect(seen).toEqual(['a', 'b']);
  });

  it('marks a job dead, not re-runs it, when its worker keeps dying and its attempts are used up', async () => {
    const jobs = runner();
    const now = t.clock.now();
    await enqueue(t.ctx.db, {
      type: 'test.ok',
      runAt: now,
      uniqueKey: 'poison',
      orgId: t.orgId,
      maxAttempts: 2,
      now,
    });
    const { id } = await jobByKey('poison');
    await t.ctx.db
      .updateTable('jobs')
      .set({ status: 'running', lockedBy: 'crashed-worker', lockedUntil: now - 1, attempts: 2 })
      .where('id', '=', id)
      .execute();

    expect(await jobs.tick()).toBe(0);
    expect(ran).toEqual([]);
    const j = await jobById(id);
    expect(j).toMatchObject({ status: 'dead', attempts: 2, finishedAt: now, lockedBy: null });
    expect(j.lastError).toMatch(/lease expired/);
    const events = await t.ctx.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'job.dead')
      .where('recordId', '=', id)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('does not turn a dead job.dead notifier into another job.dead event (no endless chain)', async () => {
    const jobs = runner();
    jobs.handle('notify.job_dead', async () => {
      throw new Error('notifications are broken');
    });
    const now = t.clock.now();
    await enqueue(t.ctx.db, {
      type: 'test.fail',
      runAt: now,
      uniqueKey: 'chain',
      orgId: t.orgId,
      maxAttempts: 1,
      now,
    });
    expect(await jobs.tick()).toBe(1); // test.fail dies → job.dead event
    for (let i = 0; i < 12; i++) {
      t.clock.advance(2 * 3_600_000);
      await jobs.tick();
    }
    const notifiers = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'notify.job_dead')
      .execute();
    expect(notifiers).toHaveLength(1);
    expect(notifiers[0]).toMatchObject({ status: 'dead', attempts: 8 });
    const deadEvents = await t.ctx.db
      .selectFrom('events')
      .select('recordId')
      .where('type', '=', 'job.dead')
      .execute();
    expect(deadEvents.map((e) => e.recordId)).toEqual([(await jobByKey('chain')).id]);
  });

  it('dispatches each event once to each matching subscriber, however many runners dispatch it', async () => {
    const handled: string[] = [];
    const make = (workerId: string) => {
      const r = new JobRunner(t.ctx, { workerId });
      r.subscribe('widget.*', 'test.on_widget');
      r.subscribe('*', 'test.on_any');
      r.subscribe('widget.delete', 'test.on_delete');
      r.handle('test.on_widget', async (job) => {
        handled.push(`widget:${job.data.eventId}`);
      });
      r.handle('test.on_any', async (job) => {
        handled.push(`any:${job.data.eventId}`);
      });
      r.handle('test.on_delete', async (job) => {
        handled.push(`delete:${job.data.eventId}`);
      });
      return r;
    };
    const [a, b] = [make('worker-a'), make('worker-b')];
    await t.ctx.db.transaction().execute(async (tx) => {
      await recordChange(tx, {
        orgId: t.orgId,
        actorId: t.adminId,
        object: 'widget',
        recordId: 'w1',
        action: 'create',
        after: { name: 'x' },
        at: t.clock.now(),
      });
    });
    // An event whose transaction rolled back is never dispatched.
    await t.ctx.db
      .transaction()
      .execute(async (tx) => {
        await recordChange(tx, {
          orgId: t.orgId,
          actorId: t.adminId,
          object: 'widget',
          recordId: 'w2',
          action: 'create',
          at: t.clock.now(),
        });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const event = await t.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'widget.create')
      .executeTakeFirstOrThrow();
    expect(event.dispatchedAt).toBeNull();

    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(handled.sort()).toEqual([`any:${event.id}`, `widget:${event.id}`]);
    expect(
      (
        await t.ctx.db
          .selectFrom('events')
          .select('dispatchedAt')
          .where('id', '=', event.id)
          .executeTakeFirstOrThrow()
      ).dispatchedAt,
    ).toBe(t.clock.now());
    const jobRows = await t.ctx.db
      .selectFrom('jobs')
      .select(['type', 'uniqueKey', 'status', 'orgId'])
      .where('uniqueKey', 'like', `event:${event.id}:%`)
      .orderBy('type')
      .execute();
    expect(jobRows).toEqual([
      { type: 'test.on_any', uniqueKey: `event:${event.id}:test.on_any`, status: 'done', orgId: t.orgId },
      {
        type: 'test.on_widget',
        uniqueKey: `event:${event.id}:test.on_widget`,
        status: 'done',
        orgId: t.orgId,
      },
    ]);

    // A dispatcher that crashed after enqueueing but before marking the event: dispatching again adds nothing.
    await t.ctx.db.updateTable('events').set({ dispatchedAt: null }).where('id', '=', event.id).execute();
    await Promise.all([a.drain(), b.drain()]);
    expect(handled).toHaveLength(2);
    expect(
      await t.ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('uniqueKey', 'like', `event:${event.id}:%`)
        .execute(),
    ).toHaveLength(2);
  });

  it('schedules a recurring job once per slot even when two runners tick', async () => {
    const runs: number[] = [];
    const make = (workerId: string) => {
      const r = new JobRunner(t.ctx, { workerId });
      r.every('test.every_minute', 60_000);
      r.handle('test.every_minute', async (job) => {
        runs.push(job.runAt);
      });
      return r;
    };
    const [a, b] = [make('worker-a'), make('worker-b')];
    t.clock.set(Date.UTC(2026, 10, 27, 3, 0, 30));
    const slot1 = Date.UTC(2026, 10, 27, 3, 0, 0);

    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toEqual([slot1]);

    t.clock.advance(20_000); // same slot
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toEqual([slot1]);

    t.clock.advance(20_000); // next minute
    await Promise.all([b.tick(), a.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toEqual([slot1, slot1 + 60_000]);

    const rows = await t.ctx.db
      .selectFrom('jobs')
      .select(['uniqueKey', 'status'])
      .where('type', '=', 'test.every_minute')
      .orderBy('runAt')
      .execute();
    expect(rows).toEqual([
      { uniqueKey: `test.every_minute@${slot1}`, status: 'done' },
      { uniqueKey: `test.every_minute@${slot1 + 60_000}`, status: 'done' },
    ]);
  });

  it('fails a job of a type no handler knows, and keeps it for an admin to see', async () => {
    const jobs = runner();
    const now = t.clock.now();
    await enqueue(t.ctx.db, {
      type: 'test.unknown',
      runAt: now,
      uniqueKey: 'unknown',
      orgId: t.orgId,
      maxAttempts: 1,
      now,
    });
    expect(await jobs.tick()).toBe(1);
    const j = await jobByKey('unknown');
    expect(j.status).toBe('dead');
    expect(j.lastError).toMatch(/no handler for job type test\.unknown/);
  });

  it('runs jobs in the background loop and stops cleanly', async () => {
    const jobs = runner({ pollMs: 5 });
    const now = t.clock.now();
    await enqueue(t.ctx.db, { type: 'test.ok', runAt: now, uniqueKey: 'loop-1', now });
    jobs.start();
    await waitUntil(async () => ran.length === 1);
    await enqueue(t.ctx.db, { type: 'test.ok', runAt: now, uniqueKey: 'loop-2', now });
    await waitUntil(async () => ran.length === 2);
    await jobs.stop();
    await enqueue(t.ctx.db, { type: 'test.ok', runAt: now, uniqueKey: 'loop-3', now });
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toHaveLength(2);
    expect((await jobByKey('loop-3')).status).toBe('queued');
  });

  it('claims nothing it should not: future, done and dead jobs stay put', async () => {
    const jobs = runner();
    const now = t.clock.now();
    for (const [key, status] of [
      ['s-done', 'done'],
      ['s-dead', 'dead'],
    ] as const) {
      await enqueue(t.ctx.db, { type: 'test.ok', runAt: now - 1, uniqueKey: key, now });
      await t.ctx.db.updateTable('jobs').set({ status }).where('uniqueKey', '=', key).execute();
    }
    await enqueue(t.ctx.db, { type: 'test.ok', runAt: now + 1, uniqueKey: 's-future', now });
    expect(await jobs.tick()).toBe(0);
    const { rows } = await sql<{ n: number }>`select count(*) as n from jobs where attempts > 0`.execute(
      t.ctx.db,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

/** Polls a condition (for the few tests that use real concurrency) without sleeping longer than needed. */
async function waitUntil(cond: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
