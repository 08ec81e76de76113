import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFollowUpDigests } from '../src/modules/follow-ups/digest.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, hour, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Settings = {
  nextRequired: boolean;
  workStart: string;
  workEnd: string;
  workDays: number[];
  dailyReminder: boolean;
  version: number;
};

// 跟进设置: the next follow-up required or not, and the working hours in which the daily 跟进提醒 goes
// out — once a day per rep, in the org's time zone (Asia/Shanghai here), never at night or on a day off.
describe.each(testDialects)('follow-up settings and the daily reminder on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋
  let org: Awaited<ReturnType<typeof demoOrg>>;
  let customerId: string;

  const put = (c: Client, body: Partial<Settings>, version: number) =>
    c({
      method: 'PUT',
      url: '/api/v1/follow-up-settings',
      headers: { 'if-match': String(version) },
      body: {
        nextRequired: false,
        workStart: '09:00',
        workEnd: '18:00',
        workDays: [1, 2, 3, 4, 5],
        dailyReminder: true,
        ...body,
      },
    });
  const reminders = () =>
    t.ctx.db
      .selectFrom('notifications')
      .select(['params', 'link'])
      .where('userId', '=', org.user('liu.yang'))
      .where('kind', '=', 'follow_ups_due')
      .execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    customerId = (
      await rep({ method: 'POST', url: '/api/v1/customers', body: { name: '宁波跟进设置测试模具有限公司' } })
    ).json().id;
  });
  afterAll(() => t.close());

  it('ships the defaults and lets only an admin change them, at the version read', async () => {
    const shipped = (await rep({ url: '/api/v1/follow-up-settings' })).json() as Settings;
    expect(shipped).toEqual({
      nextRequired: false,
      workStart: '09:00',
      workEnd: '18:00',
      workDays: [1, 2, 3, 4, 5],
      dailyReminder: true,
      version: 0,
    });
    await unchangedBy(t, async () => {
      expectProblem(await put(rep, { nextRequired: true }, 0), 403, 'forbidden');
      expectProblem(await put(admin, { workEnd: '08:00' }, 0), 422, 'validation_failed');
      expectProblem(await put(admin, { workStart: '9:00' }, 0), 400, 'validation_failed');
      expectProblem(await put(admin, { workDays: [1, 1] }, 0), 400, 'validation_failed');
      expectProblem(await put(admin, { workDays: [0] }, 0), 400, 'validation_failed');
      expectProblem(await put(admin, { nextRequired: true }, 3), 412, 'version_conflict');
    });
    const saved = await put(admin, { nextRequired: true, workDays: [5, 1, 2, 3, 4, 6] }, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ nextRequired: true, workDays: [1, 2, 3, 4, 5, 6], version: 1 });
  });

  it('refuses a follow-up without its next time when the company requires one', async () => {
    const log = (body: Record<string, unknown>) =>
      rep({
        method: 'POST',
        url: '/api/v1/follow-ups',
        body: {
          object: 'customer',
          recordId: customerId,
          method: 'phone',
          content: '电话确认了需求',
          ...body,
        },
      });
    const refused = await unchangedBy(t, () => log({}));
    expectProblem(refused, 422, 'validation_failed');
    expect(refused.json().errors[0]).toMatchObject({ path: 'body.nextAt', code: 'follow_up_next_required' });
    // Due in an hour: today's follow-up for the reminder below.
    expect((await log({ nextAt: t.clock.now() + hour })).statusCode).toBe(201);
  });

  it('tells each rep once a day, when the working day has begun, of today’s and overdue follow-ups', async () => {
    // The test clock: Friday 2026-11-27 02:00 UTC, 10:00 in Shanghai — a working day, in hours.
    const friday10 = t.clock.now();
    await sendFollowUpDigests(t.ctx.db, friday10);
    expect(await reminders()).toEqual([{ params: JSON.stringify({ due: 1, overdue: 0 }), link: '/todo' }]);
    // Again later that day, or from a second instance: still one.
    await sendFollowUpDigests(t.ctx.db, friday10 + 2 * hour);
    expect(await reminders()).toHaveLength(1);
    // 20:00 the same day, then Sunday (not a working day here): nothing new.
    await sendFollowUpDigests(t.ctx.db, friday10 + 10 * hour);
    await sendFollowUpDigests(t.ctx.db, friday10 + 2 * day);
    expect(await reminders()).toHaveLength(1);
    // Saturday is one (set above), and by then the follow-up is overdue.
    await sendFollowUpDigests(t.ctx.db, friday10 + day);
    const [, saturday] = await reminders();
    expect(JSON.parse(saturday!.params)).toEqual({ due: 1, overdue: 1 });
    // Switched off: nobody hears of it on Monday.
    const current = (await admin({ url: '/api/v1/follow-up-settings' })).json() as Settings;
    expect((await put(admin, { dailyReminder: false }, current.version)).statusCode).toBe(200);
    await sendFollowUpDigests(t.ctx.db, friday10 + 3 * day);
    expect(await reminders()).toHaveLength(2);
  });
});
