import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo } from './helpers.js';
import { importer, xlsx } from './import-helpers.js';

describe.each(testDialects)('importing a lead list on %s', (dialect) => {
  let t: TestApp;
  let marketing: Client; // 高雪: brings exhibition lists in
  let rep: Client;
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const leadsNamed = (...names: string[]) =>
    t.ctx.db.selectFrom('leads').selectAll().where('name', 'in', names).orderBy('name').execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    org = await demoOrg(t);
    marketing = await loginDemo(t, 'gao.xue');
    rep = await loginDemo(t, 'liu.yang');
  });
  afterAll(() => t.close());

  it('imports an exhibition list with the campaign picked at import, routed like any intake', async () => {
    const known = await rep({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: '老朋友', phone: '13812340099' },
    });
    expect(known.statusCode, known.body).toBe(201);
    const im = importer(t, marketing, 'lead');
    const file = await xlsx([
      ['姓名', '公司', '职务', '手机', '需求'],
      ['冯伟', '昆山精工模具有限公司', '采购经理', 13812340001, '想要报价'],
      ['蒋丽', '太仓港城物流有限公司', '总经理', '138 1234 0002', ''],
      ['冯伟', '昆山精工模具有限公司', '采购经理', 13812340001, '重复行'],
      ['老朋友二号', '', '', '13812340099', '展会上又来了'],
      ['', '没有姓名的公司', '', '13812340003', ''],
      ['坏电话', '', '', '12345', ''],
    ]);
    const v = await im.check(await im.uploaded('工博会名单.xlsx', file));
    expect(v.mapping).toMatchObject({ 0: 'name', 1: 'company', 2: 'title', 3: 'phone', 4: 'inquiry' });
    expect(v.summary).toMatchObject({ rows: 6, valid: 2, fileDuplicates: 1, dbDuplicates: 1, errors: 2 });
    const done = await im.run(v.id, 'skip', false, { source: '展会', campaign: '2026 上海工博会' });
    expect(done.result).toMatchObject({ created: 2, skipped: 1, failed: 3 });
    const [feng, jiang] = await leadsNamed('冯伟', '蒋丽');
    expect(feng).toMatchObject({ channel: 'import', source: '展会', status: 'new', title: '采购经理' });
    expect(JSON.parse(feng!.channelDetail)).toMatchObject({ importId: v.id, campaign: '2026 上海工博会' });
    expect(feng!.score).toBeGreaterThan(jiang!.score); // 展会 + 报价 + phone + company + title
    expect(feng!.ownerId).toBeNull(); // no rules: 线索池
    const issues = await im.issues(v.id);
    // 刘洋's lead, which 高雪 may read (marketing sees every lead), and then a colleague's lead by name.
    expect(issues.map((i) => i.message).join('\n')).toContain('老朋友 · 刘洋');
  });

  it('tells the matching lead of a repeat enquiry with the merge policy', async () => {
    const im = importer(t, marketing, 'lead');
    const v = await im.check(
      await im.uploaded(
        'again.xlsx',
        await xlsx([
          ['姓名', '手机'],
          ['又来的老朋友', '13812340099'],
        ]),
      ),
    );
    const done = await im.run(v.id, 'merge');
    expect(done.result).toMatchObject({ created: 0, merged: 1 });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', org.user('liu.yang'))
      .execute();
    expect(notes.map((n) => n.kind)).toContain('lead_enquired_again');
  });

  it('names a matching lead in the pool as such', async () => {
    const im = importer(t, marketing, 'lead');
    const v = await im.check(
      await im.uploaded(
        'pooled.xlsx',
        await xlsx([
          ['姓名', '手机'],
          ['冯伟', 13812340001],
        ]),
      ),
    );
    const [issue] = await im.issues(v.id);
    expect(issue?.message).toContain('冯伟 · 线索池中的线索');
  });

  it('needs the import right on leads', async () => {
    const finance = await loginDemo(t, 'lin.xiaoyan');
    expectProblem(
      await importer(t, finance, 'lead').upload('x.xlsx', await xlsx([['姓名'], ['x']])),
      403,
      'forbidden',
    );
    const admin = await loginAdmin(t);
    expect(
      (await importer(t, admin, 'lead').upload('x.xlsx', await xlsx([['姓名'], ['x']]))).statusCode,
    ).toBe(201);
  });
});
