import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { demoOrg, expectProblem, loginAdmin, loginDemo, unchangedBy } from './helpers.js';

type Source = { id: string; publicKey: string; version: number; secret: string | null; spamCount: number };

describe.each(testDialects)('lead intake from web forms and the inbound API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client;
  let form: Source;
  let inbound: Source;
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const leadCount = async () => (await t.ctx.db.selectFrom('leads').select('id').execute()).length;
  const postForm = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/forms/${form.publicKey}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(body).toString(),
    });
  const postApi = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/sources/${inbound.id}/leads`,
      headers: { 'content-type': 'application/json', 'x-cadence-source-secret': inbound.secret!, ...headers },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    // The per-address limit of public intake has its own test below; here it stays out of the way.
    t = await makeTestApp(dialect, { env: { CADENCE_INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    const f = await admin({
      method: 'POST',
      url: '/api/v1/lead-sources',
      body: {
        kind: 'web_form',
        name: '官网咨询',
        source: '官网',
        campaign: '2026 秋季新品',
        allowedOrigins: ['https://www.example.cn'],
        fields: [
          { key: 'company', required: true },
          { key: 'phone', required: true },
          { key: 'inquiry', required: false },
        ],
      },
    });
    expect(f.statusCode, f.body).toBe(201);
    form = f.json();
    expect(form.secret).toBeNull();
    const a = await admin({
      method: 'POST',
      url: '/api/v1/lead-sources',
      body: { kind: 'api', name: '公众号', source: '微信公众号', onDuplicate: 'merge' },
    });
    expect(a.statusCode, a.body).toBe(201);
    inbound = a.json();
    expect(inbound.secret).toMatch(/^[\w-]{40,}$/);
  });
  afterAll(() => t.close());

  it('serves a hosted form that only the allowed site may frame, and takes its post', async () => {
    const pageRes = await t.app.inject({ url: `/f/${form.publicKey}?utm_source=baidu&utm_campaign=autumn` });
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.headers['content-type']).toContain('text/html');
    expect(pageRes.body).toContain('官网咨询');
    expect(pageRes.body).toContain('name="utm_source" value="baidu"');
    expect(pageRes.headers['content-security-policy']).toContain('frame-ancestors https://www.example.cn');
    expect(pageRes.headers['x-frame-options']).toBeUndefined();

    const res = await postForm({
      name: '郑女士',
      company: '厦门鹭岛光电有限公司',
      phone: '13859200001',
      inquiry: '想了解报价',
      utm_source: 'baidu',
      utm_campaign: 'autumn',
      website: '',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/f/${form.publicKey}/thanks`);
    const lead = await t.ctx.db
      .selectFrom('leads')
      .selectAll()
      .where('phoneE164', '=', '+8613859200001')
      .executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ channel: 'web_form', source: '官网', status: 'new' });
    expect(JSON.parse(lead.channelDetail)).toMatchObject({
      sourceName: '官网咨询',
      campaign: '2026 秋季新品',
      utm: { utm_source: 'baidu', utm_campaign: 'autumn' },
    });
    // No rules yet: it waits in the lead pool.
    expect(lead.ownerId).toBeNull();
    expect(lead.poolId).not.toBeNull();
    const thanks = await t.app.inject({ url: `/f/${form.publicKey}/thanks` });
    expect(thanks.body).toContain('提交成功');
  });

  it('answers an embedding site by CORS, and refuses other sites and bad input, keeping nothing', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/forms/${form.publicKey}`,
      headers: { 'content-type': 'application/json', origin: 'https://www.example.cn' },
      payload: JSON.stringify({ name: 'Mr. Lee', company: 'Lee Trading Ltd', phone: '+852 9123 4567' }),
    });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.headers['access-control-allow-origin']).toBe('https://www.example.cn');
    const evil = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/forms/${form.publicKey}`,
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: JSON.stringify({ name: 'x', company: 'y', phone: '13800000000' }),
    });
    expectProblem(evil, 403, 'origin_not_allowed');
    // Our own hosted page: a browser posts it with Origin null (no referrer) or our host, even behind
    // a TLS proxy that makes the scheme differ.
    for (const origin of ['null', 'https://localhost:80'])
      expect(
        (
          await postForm(
            {
              name: `本站${origin.length}`,
              company: `本站公司${origin.length}`,
              phone: `1380000010${origin.length % 10}`,
            },
            { origin, host: 'localhost:80' },
          )
        ).statusCode,
      ).toBe(303);
    const before = await leadCount(); // the bad posts below keep nothing
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/forms/${form.publicKey}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: '缺公司', phone: '13800000001' }),
      }),
      422,
      'validation_failed',
    );
    const bad = await postForm({ name: '<script>alert(1)</script>', company: '', phone: '13800000002' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('请检查填写的内容');
    expect(bad.body).not.toContain('<script>alert');
    const huge = await postForm({ name: 'x', company: 'y', phone: '138', inquiry: 'z'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    expect((await t.app.inject({ url: '/f/no-such-form' })).statusCode).toBe(404);
    expect(await leadCount()).toBe(before);
  });

  it('counts a bot that fills the honeypot, tells it thanks, and keeps nothing', async () => {
    const before = await leadCount();
    const res = await postForm({
      name: 'Bot',
      company: 'Spam Inc',
      phone: '13800000003',
      website: 'http://spam',
    });
    expect(res.statusCode).toBe(303);
    expect(await leadCount()).toBe(before);
    const sources = (await admin({ url: '/api/v1/lead-sources' })).json().data as Source[];
    expect(sources.find((s) => s.id === form.id)!.spamCount).toBe(1);
  });

  it('makes one lead of a webhook delivered twice, and refuses a wrong secret', async () => {
    const body = {
      name: '黄先生',
      phone: '13859200009',
      inquiry: '公众号留言：求报价',
      externalId: 'wx-msg-1001',
    };
    const first = await postApi(body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'created' });
    const again = await postApi(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const [x, y] = await Promise.all([
      postApi({ ...body, externalId: 'wx-msg-1002', phone: '13859200010' }),
      postApi({ ...body, externalId: 'wx-msg-1002', phone: '13859200010' }),
    ]);
    expect(x.json().leadId).toBe(y.json().leadId);
    const before = await leadCount();
    expectProblem(await postApi(body, { 'x-cadence-source-secret': 'wrong' }), 401, 'source_secret_invalid');
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/sources/${form.id}/leads`,
        headers: { 'content-type': 'application/json', 'x-cadence-source-secret': inbound.secret! },
        payload: JSON.stringify(body),
      }),
      401,
      'source_secret_invalid',
    );
    expectProblem(await postApi({ ...body, externalId: 'x', orgId: t.orgId }), 400, 'validation_failed');
    expect(await leadCount()).toBe(before);
    // A new secret replaces the old one.
    const rotated = await admin({ method: 'POST', url: `/api/v1/lead-sources/${inbound.id}/secret` });
    const old = inbound.secret;
    inbound = { ...inbound, secret: rotated.json().secret };
    expect((await postApi({ ...body, externalId: 'wx-msg-1003', phone: '13859200011' })).statusCode).toBe(
      201,
    );
    expectProblem(await postApi(body, { 'x-cadence-source-secret': old! }), 401, 'source_secret_invalid');
  });

  it('merges a repeat enquiry into the lead it matches, or flags it, and tells the owner', async () => {
    const mine = await rep({
      method: 'POST',
      url: '/api/v1/leads',
      body: { name: '老客户的采购', phone: '13859200020' },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    // The inbound API merges: no new lead, the existing one hears of it.
    const merged = await postApi({
      name: '采购',
      phone: '138 5920 0020',
      inquiry: '再次询价',
      externalId: 'm-1',
    });
    expect(merged.json()).toEqual({ leadId: mine.json().id, outcome: 'merged' });
    const timeline = (await rep({ url: `/api/v1/timeline/lead/${mine.json().id}` })).json().data as {
      action: string;
    }[];
    expect(timeline.some((e) => e.action === 'enquired_again')).toBe(true);
    // The web form flags: a new lead, marked with what it matches; the rep is told.
    const before = await leadCount();
    expect((await postForm({ name: '又来了', company: '随便', phone: '13859200020' })).statusCode).toBe(303);
    expect(await leadCount()).toBe(before + 1);
    const flagged = await t.ctx.db
      .selectFrom('leads')
      .selectAll()
      .where('name', '=', '又来了')
      .executeTakeFirstOrThrow();
    const seen = (await admin({ url: `/api/v1/leads/${flagged.id}` })).json();
    expect(seen.duplicates[0]).toMatchObject({ object: 'lead', id: mine.json().id, owner: { name: '刘洋' } });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', org.user('liu.yang'))
      .execute();
    expect(notes.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['lead_enquired_again', 'lead_duplicate_in']),
    );
  });

  it('stops taking leads when a source is switched off, and keeps sources to admins', async () => {
    const current = (await admin({ url: '/api/v1/lead-sources' }))
      .json()
      .data.find((s: Source) => s.id === form.id);
    const off = await admin({
      method: 'PATCH',
      url: `/api/v1/lead-sources/${form.id}`,
      headers: { 'if-match': String(current.version) },
      body: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.app.inject({ url: `/f/${form.publicKey}` })).statusCode).toBe(404);
    expect((await postForm({ name: 'x', company: 'y', phone: '13800000004' })).statusCode).toBe(404);
    expectProblem(await rep({ url: '/api/v1/lead-sources' }), 403, 'forbidden');
    expectProblem(
      await unchangedBy(t, () =>
        admin({
          method: 'POST',
          url: '/api/v1/lead-sources',
          body: { kind: 'web_form', name: 'x', allowedOrigins: ['javascript:alert(1)'] },
        }),
      ),
      400,
      'validation_failed',
    );
  });
});

describe.each(testDialects)('the per-address limit of public intake on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { env: { CADENCE_INTAKE_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 once an address posts too often, and takes nothing', async () => {
    const admin = await loginAdmin(t);
    const f = (
      await admin({
        method: 'POST',
        url: '/api/v1/lead-sources',
        body: { kind: 'web_form', name: '限流表单' },
      })
    ).json();
    const post = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/forms/${f.publicKey}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: `访客${i}`, phone: `1370001000${i}` }),
      });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await post(i)).statusCode);
    expect(codes).toEqual([202, 202, 202, 429, 429]);
    expect((await t.ctx.db.selectFrom('leads').select('id').execute()).length).toBe(3);
  });
});
