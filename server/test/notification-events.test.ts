import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../src/platform/jobs/worker.js';
import { notify } from '../src/platform/notify/service.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, loginDemo } from './helpers.js';

type Payload = { userId: string; kind: string; params: Record<string, unknown>; link: string | null };

// Every notice stored is announced once in the outbox (`notification.created`), in the same
// transaction, so a delivery channel (e-mail, WeCom, DingTalk, Feishu) is a job subscribed to it.
describe.each(testDialects)('notices through the outbox on %s', (dialect) => {
  let t: TestApp;
  let rep: Client; // 刘洋
  let lead: Client; // 张伟, 刘洋's team lead
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const announced = async (recordId: string) =>
    (
      await t.ctx.db
        .selectFrom('events')
        .select(['type', 'object', 'payload', 'orgId'])
        .where('recordId', '=', recordId)
        .execute()
    ).map((e) => ({ ...e, payload: JSON.parse(e.payload) as Payload }));

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    rep = await loginDemo(t, 'liu.yang');
    lead = await loginDemo(t, 'zhang.wei');
  });
  afterAll(() => t.close());

  it('announces each notice a request stores, and a subscribed channel receives it', async () => {
    const customer = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '南通通知测试纺织有限公司' } })
    ).json();
    const logged = (
      await rep({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: { object: 'customer', recordId: customer.id, method: 'phone', content: '客户说下周定' },
      })
    ).json();
    const res = await lead({
      method: 'POST',
      url: `/api/v1/follow-ups/${logged.id}/comments`,
      body: { body: '先问清楚预算再报价' },
    });
    expect(res.statusCode, res.body).toBe(201);

    const notice = await t.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('userId', '=', org.user('liu.yang'))
      .where('kind', '=', 'follow_up_commented')
      .executeTakeFirstOrThrow();
    const events = await announced(notice.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'notification.created',
      object: 'notification',
      orgId: notice.orgId,
      payload: {
        userId: org.user('liu.yang'),
        kind: 'follow_up_commented',
        params: JSON.parse(notice.params),
        link: notice.link,
      },
    });

    // A channel plugs in as a subscriber: it is handed the event of every notice, once.
    const delivered: Payload[] = [];
    const jobs = new JobRunner(t.ctx, { random: () => 0.5 });
    jobs.subscribe('notification.created', 'test.channel');
    jobs.handle('test.channel', async (job) => {
      const [e] = await t.ctx.db
        .selectFrom('events')
        .select('payload')
        .where('id', '=', job.data.eventId as string)
        .execute();
      delivered.push(JSON.parse(e!.payload) as Payload);
    });
    await jobs.drain();
    await jobs.drain();
    expect(
      delivered.filter((p) => p.kind === 'follow_up_commented' && p.userId === org.user('liu.yang')),
    ).toHaveLength(1);
  });

  it('announces nothing for a notice not stored (the same event told twice)', async () => {
    const userId = org.user('chen.jing');
    const told = () =>
      t.ctx.db
        .transaction()
        .execute((tx) =>
          notify(
            tx,
            t.orgId,
            [userId, userId],
            { kind: 'roles_changed', eventId: 'evt-once' },
            t.clock.now(),
          ),
        );
    await told();
    await told();
    const stored = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('userId', '=', userId)
      .where('eventId', '=', 'evt-once')
      .execute();
    expect(stored).toHaveLength(1);
    expect(await announced(stored[0]!.id)).toHaveLength(1);
  });

  it('announces nothing when the change that would notify is rolled back', async () => {
    const userId = org.user('chen.jing');
    const count = async () =>
      (await t.ctx.db.selectFrom('events').select('id').where('type', '=', 'notification.created').execute())
        .length;
    const before = await count();
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await notify(
          tx,
          t.orgId,
          [userId],
          { kind: 'roles_changed', eventId: 'evt-rolled-back' },
          t.clock.now(),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('eventId', '=', 'evt-rolled-back')
      .execute();
    expect(notices).toHaveLength(0);
  });
});
