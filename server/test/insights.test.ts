import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampAdvance } from '../src/modules/follow-ups/advances.js';
import { sendInsightDigests } from '../src/modules/insights/digest.js';
import { newId } from '../src/platform/ids.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { day, demoOrg, expectProblem, insertDealWithHistory, loginAdmin, loginDemo } from './helpers.js';

/** 2026-11-27 10:00 in Shanghai: 26 days and 10 hours of November's 30 have run. */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
const yuan = (n: number) => n * 100;

type Finding = {
  kind: string;
  severity: string;
  subject: { type: string; id: string; name: string };
  metric: string;
  value: number | null;
  benchmark: number | null;
  numbers: Record<string, number>;
  text: string;
  action: string;
};

// 洞察 on a hand-built month: 刘洋 won 2 of 20 deals closed in the last 90 days, the rest of 上海一组
// (张伟, 陈静) 20 of 40 — a one-sided two-proportion z-test worked by hand gives z = −3.03, p = 0.0012;
// 陈静 has a month target of ¥100,000 and nothing won; 张伟 has a deal 30 days in 初步接洽 (stalled after 14).
describe.each(testDialects)('insights on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区
  let org: Awaited<ReturnType<typeof demoOrg>>;
  // Each rep's won and lost deals of the fixture: [owner, deal id].
  const won_: [string, string][] = [];
  const lost_: [string, string][] = [];

  const findings = async (c: Client, lang = 'zh-CN') => {
    const res = await c({ url: '/api/v1/insights', headers: { 'accept-language': lang } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { findings: Finding[] }).findings;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string; stalledDays: number | null }[];
    };
    const s1 = pipeline.stages[0]!;
    expect(s1.stalledDays).toBe(14);
    const won = pipeline.stages.find((s) => s.category === 'closed_won')!.id;
    const lost = pipeline.stages.find((s) => s.category === 'closed_lost')!.id;
    const customer = (
      await admin({ method: 'POST', url: '/api/v1/customers', body: { name: '苏州洞察测试精工有限公司' } })
    ).json().id as string;
    // Closed in October: in the last 90 days, not in this month's won amount.
    const closed = now - 30 * day;
    const deals = async (who: string, wins: number, total: number) => {
      for (let i = 0; i < total; i++)
        (i < wins ? won_ : lost_).push([
          who,
          await insertDealWithHistory(t, {
            ownerId: org.user(who),
            customerId: customer,
            pipelineId: pipeline.id,
            amount: yuan(10_000),
            created: now - 60 * day,
            stays: [
              [s1.id, now - 60 * day],
              [i < wins ? won : lost, closed],
            ],
            status: i < wins ? 'won' : 'lost',
            closedAt: closed,
          }),
        ]);
    };
    await deals('liu.yang', 2, 20);
    await deals('zhang.wei', 10, 20);
    await deals('chen.jing', 10, 20);
    await insertDealWithHistory(t, {
      ownerId: org.user('zhang.wei'),
      customerId: customer,
      pipelineId: pipeline.id,
      amount: yuan(50_000),
      created: now - 30 * day,
      stays: [[s1.id, now - 30 * day]],
      status: 'open',
    });
    const res = await admin({
      method: 'PUT',
      url: '/api/v1/targets',
      body: {
        metric: 'won_amount',
        reason: '测试',
        cells: [{ nodeType: 'user', nodeId: org.user('chen.jing'), period: '2026-11', value: yuan(100_000) }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t.close());

  it('a win rate below the rest of the team, with the test that says it is not chance', async () => {
    const list = await findings(manager);
    const liu = list.find((f) => f.kind === 'conversion_below' && f.subject.id === org.user('liu.yang'))!;
    expect(liu).toMatchObject({ metric: 'win_rate', severity: 'high', value: 0.1, benchmark: 0.5 });
    expect(liu.numbers).toMatchObject({ x1: 2, n1: 20, x2: 20, n2: 40 });
    // pooled 22/60; se = √(22/60 × 38/60 × (1/20 + 1/40)); z = (0.1 − 0.5) ÷ se
    const pooled = 22 / 60;
    const z = -0.4 / Math.sqrt(pooled * (1 - pooled) * (1 / 20 + 1 / 40));
    expect(liu.numbers.z).toBeCloseTo(z, 10);
    expect(liu.numbers.p).toBeCloseTo(0.00122, 4);
    expect(liu.text).toBe(
      '刘洋近 90 天赢率 10%（2/20），低于上海一组其他成员的 50%（20/40）；双比例 z 检验（单侧）p = 0.001',
    );
    // Nobody else in the team is below the rest of it (张伟 and 陈静 are above).
    expect(list.filter((f) => f.kind === 'conversion_below')).toHaveLength(1);
  });

  it('behind the month’s target pace, and stalled deals', async () => {
    const list = await findings(manager);
    const chen = list.find((f) => f.kind === 'behind_pace')!;
    expect(chen.subject.id).toBe(org.user('chen.jing'));
    expect(chen.numbers).toMatchObject({
      target: yuan(100_000),
      actual: 0,
      expected: Math.round(yuan(100_000) * (634 / 720)), // 26 d 10 h of 30 days
      gap: yuan(100_000),
      daysLeft: 4,
    });
    const stalled = list.find((f) => f.kind === 'stalled_deals')!;
    expect([stalled.subject.id, stalled.value]).toEqual([org.user('zhang.wei'), 1]);
    // High before medium.
    expect(list.map((f) => f.severity)).toEqual([...list.map((f) => f.severity)].sort());
  });

  it('in English, and only within the reader’s reach', async () => {
    const en = await findings(manager, 'en');
    expect(en.find((f) => f.kind === 'stalled_deals')!.text).toBe(
      '张伟: 1 stalled deal (longer in the stage than it allows)',
    );
    // 刘洋 reads about himself only: no team to compare with, no one else's pace or deals.
    const rep = await findings(await loginDemo(t, 'liu.yang'));
    expect(rep).toEqual([]);
    // 吴芳's manager (华南) reaches none of 华东's people.
    const south = await findings(await loginDemo(t, 'wu.fang'));
    expect(south.some((f) => f.subject.id !== org.user('wu.fang'))).toBe(false);
    // The admin sees the same findings as 李明 for 华东 (and nothing else exists here).
    const all = await findings(admin);
    expect(all.map((f) => `${f.kind}:${f.subject.id}`).sort()).toEqual(
      (await findings(manager)).map((f) => `${f.kind}:${f.subject.id}`).sort(),
    );
  });

  it('a rep who rarely uses the method after which the team’s deals progress, and progresses less', async () => {
    // Five days before the close (so at least 14 days old, within 90): 张伟 and 陈静 visit each of their
    // 10 won deals (the win follows: progress) and 5 lost ones (no progress) — visits 20/30; 刘洋 calls
    // his 2 won and 10 lost deals — 2/12, no visit at all.
    const at = now - 35 * day;
    const log = async (who: string, deal: string, method: string) => {
      const id = newId();
      await t.ctx.db
        .insertInto('followUps')
        .values({
          id,
          orgId: t.orgId,
          object: 'opportunity',
          recordId: deal,
          method,
          content: '推进',
          createdBy: org.user(who),
          createdAt: at,
        })
        .execute();
      // Written in the past, after its deal's history: stamped as logging it would have.
      await stampAdvance(t.ctx.db, t.orgId, id);
    };
    for (const who of ['zhang.wei', 'chen.jing']) {
      for (const [, deal] of won_.filter(([w]) => w === who)) await log(who, deal, 'visit');
      for (const [, deal] of lost_.filter(([w]) => w === who).slice(0, 5)) await log(who, deal, 'visit');
    }
    for (const [, deal] of won_.filter(([w]) => w === 'liu.yang')) await log('liu.yang', deal, 'phone');
    for (const [, deal] of lost_.filter(([w]) => w === 'liu.yang').slice(0, 10))
      await log('liu.yang', deal, 'phone');

    const list = await findings(manager);
    const mix = list.filter((f) => f.kind === 'method_mix');
    expect(mix.map((f) => f.subject.id)).toEqual([org.user('liu.yang')]);
    expect(mix[0]!.numbers).toMatchObject({ x1: 2, n1: 12, x2: 20, n2: 30, share: 0 });
    expect(mix[0]!.numbers.teamShare).toBeCloseTo(30 / 42, 10);
    const pooled = 22 / 42;
    const z = (2 / 12 - 20 / 30) / Math.sqrt(pooled * (1 - pooled) * (1 / 12 + 1 / 30));
    expect(mix[0]!.numbers.z).toBeCloseTo(z, 10);
    expect(mix[0]!.text).toBe(
      `刘洋近 90 天商机跟进 12 次，拜访占 0%（团队 71%）；他的跟进推进率 17%（2/12），团队其他人拜访的推进率 67%（20/30）；双比例 z 检验（单侧）p = ${mix[0]!.numbers.p!.toFixed(3)}`,
    );
    // 刘洋 alone has too few follow-ups of any method to set a benchmark: nothing about himself.
    expect((await findings(await loginDemo(t, 'liu.yang'))).filter((f) => f.kind === 'method_mix')).toEqual(
      [],
    );
  });

  it('finance (no insights in its role) is refused', async () => {
    const finance = await loginDemo(t, 'lin.xiaoyan');
    expectProblem(await finance({ url: '/api/v1/insights' }), 403, 'forbidden');
    expectProblem(await manager({ url: '/api/v1/insights?scope=all' }), 400, 'validation_failed');
  });

  it('sends managers a weekly digest in the first hour of Monday, once', async () => {
    const monday = Date.parse('2026-11-30T09:10:00+08:00');
    const notices = () =>
      t.ctx.db
        .selectFrom('notifications')
        .select(['userId', 'kind', 'params', 'link'])
        .where('orgId', '=', t.orgId)
        .where('kind', '=', 'insights_digest')
        .execute();
    expect(await sendInsightDigests(t.ctx.db, monday - 20 * 60_000)).toBe(0); // 08:50: not yet
    expect(await sendInsightDigests(t.ctx.db, monday + day)).toBe(0); // Tuesday
    expect(await sendInsightDigests(t.ctx.db, monday)).toBeGreaterThan(0);
    await sendInsightDigests(t.ctx.db, monday + 30 * 60_000); // a second sweep in the hour
    const sent = await notices();
    const liMing = sent.filter((n) => n.userId === org.user('li.ming'));
    expect(liMing).toHaveLength(1);
    expect(JSON.parse(liMing[0]!.params)).toMatchObject({ below: 1, stalled: 1 });
    expect(liMing[0]!.link).toBe('/performance/insights');
    // Reps hear nothing: their insights are about themselves, on the page.
    expect(sent.some((n) => n.userId === org.user('liu.yang'))).toBe(false);
  });
});
