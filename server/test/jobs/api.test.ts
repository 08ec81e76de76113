import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../src/modules/org/bootstrap.js';
import { enqueue } from '../../src/platform/jobs/queue.js';
import { JobRunner } from '../../src/platform/jobs/worker.js';
import { testDialects } from '../../src/testing/db.js';
import {
  adminPassword,
  type Client,
  makeTestApp,
  type TestApp,
  withDemoOrg,
} from '../../src/testing/harness.js';

type JobRow = { id: string; type: string; status: string; attempts: number; lastError: string | null };

describe.each(testDialects)('jobs admin API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client;
  let manager: Client;
  let otherOrgAdmin: Client;
  let jobs: JobRunner;
  let failing = true;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    const other = await t.ctx.db
      .transaction()
      .execute((tx) =>
        createOrg(tx, { name: '别家公司', adminEmail: 'admin@other.cadence', adminPassword }, t.clock.now()),
      );
    admin = await t.login('admin@test.cadence');
    rep = await t.login('liu.yang@demo.cadence', 'Cadence@2026');
    manager = await t.login('li.ming@demo.cadence', 'Cadence@2026');
    otherOrgAdmin = await t.login('admin@other.cadence');

    jobs = new JobRunner(t.ctx, { random: () => 0.5 });
    jobs.handle('test.flaky', async () => {
      if (failing) throw new Error('SMTP 550 mailbox unavailable');
    });
    jobs.handle('test.ok', async () => undefined);
    const now = t.clock.now();
    const add = async (key: string, type: string, orgId: string | null, maxAttempts = 1) => {
      await enqueue(t.ctx.db, { type, runAt: now, orgId, uniqueKey: key, maxAttempts, now });
      ids[key] = (await t.ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('uniqueKey', '=', key)
        .executeTakeFirstOrThrow())!.id;
    };
    await add('dead-1', 'test.flaky', t.orgId);
    await add('dead-2', 'test.flaky', t.orgId);
    await add('done-1', 'test.ok', t.orgId);
    await add('other-org-dead', 'test.flaky', other.orgId);
    await jobs.drain();
    await add('queued-later', 'test.ok', t.orgId);
    await t.ctx.db
      .updateTable('jobs')
      .set({ runAt: now + 3_600_000 })
      .where('id', '=', ids['queued-later']!)
      .execute();
  });
  afterAll(() => t.close());

  it('lists the org’s dead jobs with their error, and counts per status', async () => {
    const res = await admin({ url: '/api/v1/jobs?status=dead' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: JobRow[]; counts: Record<string, number>; nextCursor: string | null };
    expect(body.data.map((j) => j.id).sort()).toEqual([ids['dead-1'], ids['dead-2']].sort());
    expect(body.data[0]).toMatchObject({ type: 'test.flaky', status: 'dead', attempts: 1 });
    expect(body.data[0]!.lastError).toContain('SMTP 550 mailbox unavailable');
    expect(body.counts).toMatchObject({ dead: 2, done: 1, queued: 1 });
    expect(body.counts.running ?? 0).toBe(0);

    const all = (await admin({ url: '/api/v1/jobs' })).json() as { data: JobRow[] };
    expect(all.data.map((j) => j.id)).not.toContain(ids['other-org-dead']);
  });

  it('pages the list with a cursor', async () => {
    const first = (await admin({ url: '/api/v1/jobs?status=dead&limit=1' })).json() as {
      data: JobRow[];
      nextCursor: string;
    };
    expect(first.data).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await admin({ url: `/api/v1/jobs?status=dead&limit=1&cursor=${encodeURIComponent(first.nextCursor)}` })
    ).json() as { data: JobRow[] };
    expect(second.data).toHaveLength(1);
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
  });

  it('rejects an unknown status filter', async () => {
    const res = await admin({ url: '/api/v1/jobs?status=exploded' });
    expect(res.statusCode).toBe(400);
  });

  it('shows another org’s admin none of this org’s jobs', async () => {
    const body = (await otherOrgAdmin({ url: '/api/v1/jobs' })).json() as {
      data: JobRow[];
      counts: Record<string, number>;
    };
    expect(body.data.map((j) => j.id)).toEqual([ids['other-org-dead']]);
    expect(body.counts).toEqual({ dead: 1 });
  });

  it('re-queues a dead job, which then runs again', async () => {
    const res = await admin({ method: 'POST', url: `/api/v1/jobs/${ids['dead-1']}/retry` });
    expect(res.statusCode, res.body).toBe(204);
    const j = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', ids['dead-1']!)
      .executeTakeFirstOrThrow();
    expect(j).toMatchObject({ status: 'queued', attempts: 0, runAt: t.clock.now(), finishedAt: null });

    failing = false;
    expect(await jobs.drain()).toBe(1);
    const after = await t.ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('id', '=', ids['dead-1']!)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'done', attempts: 1 });

    const timeline = await admin({ url: `/api/v1/timeline/job/${ids['dead-1']}` });
    if (timeline.statusCode === 200) expect(JSON.stringify(timeline.json())).toContain('retry');
  });

  it('answers 409 for a job that is not dead, and changes nothing', async () => {
    for (const key of ['done-1', 'queued-later']) {
      const before = await t.ctx.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', ids[key]!)
        .executeTakeFirstOrThrow();
      const res = await admin({ method: 'POST', url: `/api/v1/jobs/${ids[key]}/retry` });
      expect(res.statusCode, key).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, key).toBe('job_not_dead');
      const after = await t.ctx.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', ids[key]!)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
    }
  });

  it('answers 404 for another org’s job and for an unknown id, and changes nothing', async () => {
    const res = await admin({ method: 'POST', url: `/api/v1/jobs/${ids['other-org-dead']}/retry` });
    expect(res.statusCode).toBe(404);
    const unknown = await admin({
      method: 'POST',
      url: '/api/v1/jobs/0196a0c0-0000-7000-8000-000000000000/retry',
    });
    expect(unknown.statusCode).toBe(404);
    const j = await t.ctx.db
      .selectFrom('jobs')
      .select('status')
      .where('id', '=', ids['other-org-dead']!)
      .executeTakeFirstOrThrow();
    expect(j.status).toBe('dead');
  });

  it('forbids sales reps and managers to list or retry jobs', async () => {
    for (const user of [rep, manager]) {
      expect((await user({ url: '/api/v1/jobs' })).statusCode).toBe(403);
      const res = await user({ method: 'POST', url: `/api/v1/jobs/${ids['dead-2']}/retry` });
      expect(res.statusCode).toBe(403);
    }
    const j = await t.ctx.db
      .selectFrom('jobs')
      .select('status')
      .where('id', '=', ids['dead-2']!)
      .executeTakeFirstOrThrow();
    expect(j.status).toBe('dead');
  });

  it('asks for a session: anonymous requests get 401', async () => {
    expect((await t.app.inject({ url: '/api/v1/jobs' })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${ids['dead-2']}/retry` });
    expect(res.statusCode).toBe(401);
  });

  it('needs the CSRF token for a cookie-authenticated retry', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/jobs/${ids['dead-2']}/retry`,
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(res.statusCode).toBe(403);
    const j = await t.ctx.db
      .selectFrom('jobs')
      .select('status')
      .where('id', '=', ids['dead-2']!)
      .executeTakeFirstOrThrow();
    expect(j.status).toBe('dead');
  });
});
