import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  day,
  demoOrg,
  expectProblem,
  insertDealWithHistory,
  loginAdmin,
  loginDemo,
  makeOrg,
  makeRole,
  unchangedBy,
} from './helpers.js';
import { parseCsv } from './import-helpers.js';

/** 2026-11-27 10:00 in Shanghai (the org's zone): this year is 2026, this month November. */
const now = Date.UTC(2026, 10, 27, 2, 0, 0);
/** Noon of a day in Shanghai. */
const sh = (d: string) => Date.parse(`${d}T12:00:00+08:00`);

type Widget = { id: string; type: string; metric?: string; width?: number; [k: string]: unknown };
type Dashboard = {
  id: string;
  name: string;
  builtinKey: string | null;
  org: boolean;
  ownerName: string | null;
  mine: boolean;
  editable: boolean;
  isDefault: boolean;
  widgets: Widget[];
  filters: { period: string; departmentId?: string; pipelineId?: string };
  sharedRoles: string[];
  defaultFor: string[];
  updatedAt: number;
  version: number;
};
type FieldError = { path: string; code: string; message: string };

const builtinNames = {
  executive: { zh: '公司业绩', en: 'Company performance' },
  manager: { zh: '团队业绩', en: 'Team performance' },
  rep: { zh: '我的业绩', en: 'My performance' },
} as const;

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** The field errors of a problem, as `path code` pairs. */
const fieldErrors = (res: LightMyRequestResponse) =>
  ((res.json().errors ?? []) as FieldError[]).map((e) => `${e.path} ${e.code}`);

// 仪表盘: every org starts with one for executives, managers and reps; anyone makes their own and shares
// it with roles; the org's are kept by administrators. Who sees, who edits, and what is refused.
describe.each(testDialects)('dashboards on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 陈静, 上海一组
  let finance: Client; // 林晓燕

  const list = async (c: Client, lang?: string) => {
    const res = await c({ url: '/api/v1/dashboards', headers: lang ? { 'accept-language': lang } : {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as Dashboard[];
  };
  const get = (c: Client, id: string, lang?: string) =>
    c({ url: `/api/v1/dashboards/${id}`, headers: lang ? { 'accept-language': lang } : {} });
  const post = (c: Client, body: Record<string, unknown>, lang?: string) =>
    c({
      method: 'POST',
      url: '/api/v1/dashboards',
      body,
      headers: lang ? { 'accept-language': lang } : {},
    });
  const put = (c: Client, id: string, body: Record<string, unknown>, version?: number) =>
    c({
      method: 'PUT',
      url: `/api/v1/dashboards/${id}`,
      body,
      headers: version === undefined ? {} : { 'if-match': String(version) },
    });
  const del = (c: Client, id: string, version?: number) =>
    c({
      method: 'DELETE',
      url: `/api/v1/dashboards/${id}`,
      headers: version === undefined ? {} : { 'if-match': String(version) },
    });
  const created = async (c: Client, body: Record<string, unknown>) => {
    const res = await post(c, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Dashboard;
  };
  const updated = async (c: Client, id: string, body: Record<string, unknown>, version: number) => {
    const res = await put(c, id, body, version);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };
  /** The body that writes a dashboard back as it is, with some fields changed. */
  const bodyOf = (d: Dashboard, changes: Record<string, unknown> = {}) => ({
    name: d.name,
    widgets: d.widgets,
    filters: d.filters,
    sharedRoles: d.sharedRoles,
    defaultFor: d.defaultFor,
    org: d.org,
    ...changes,
  });
  const builtin = async (key: string) => (await list(admin)).find((d) => d.builtinKey === key)!;
  const row = (id: string) =>
    t.ctx.db.selectFrom('dashboards').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** A request that must change nothing: neither the tables `unchangedBy` compares nor the dashboards. */
  const untouched = (run: () => Promise<LightMyRequestResponse>) =>
    unchangedBy(t, async () => {
      const all = () => t.ctx.db.selectFrom('dashboards').selectAll().orderBy('id').execute();
      const before = await all();
      const res = await run();
      expect(await all(), 'a refused request must not change any dashboard').toEqual(before);
      return res;
    });
  const kpi = (id: string, metric: string) => ({ id, type: 'kpi', metric });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'chen.jing');
    finance = await loginDemo(t, 'lin.xiaoyan');
  });
  afterAll(() => t.close());

  it('starts every org with the three built-ins, each role’s own marked as its default, named in the reader’s language', async () => {
    const all = await list(admin);
    expect(all.map((d) => d.builtinKey).sort()).toEqual(['executive', 'manager', 'rep']);
    for (const d of all) {
      expect(d).toMatchObject({ org: true, ownerName: null, mine: false, editable: true, version: 1 });
      expect(d.name).toBe(builtinNames[d.builtinKey as keyof typeof builtinNames].zh);
      expect(d.widgets.length).toBeGreaterThan(0);
      expect(d.filters.period).toBe('this_month');
    }
    expect(all.filter((d) => d.isDefault).map((d) => d.builtinKey)).toEqual(['executive']);
    const en = await list(admin, 'en');
    expect(Object.fromEntries(en.map((d) => [d.builtinKey, d.name]))).toEqual({
      executive: 'Company performance',
      manager: 'Team performance',
      rep: 'My performance',
    });
    const one = await get(admin, all.find((d) => d.builtinKey === 'manager')!.id, 'en');
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ name: 'Team performance', builtinKey: 'manager', isDefault: false });

    // Each role opens its own; nobody but the administrator may change the org's.
    for (const [c, key] of [
      [manager, 'manager'],
      [rep, 'rep'],
      [finance, 'executive'],
    ] as const) {
      const mine = await list(c);
      expect(mine.map((d) => [d.builtinKey, d.isDefault, d.editable])).toEqual([[key, true, false]]);
    }
    expect((await list(manager))[0]!.name).toBe('团队业绩');
    expect((await list(manager, 'en'))[0]!.name).toBe('Team performance');

    // A new org gets its own three.
    const other = await makeOrg(t);
    const theirs = await list(other.admin);
    expect(theirs.map((d) => d.builtinKey).sort()).toEqual(['executive', 'manager', 'rep']);
    expect(theirs.filter((d) => d.isDefault).map((d) => d.builtinKey)).toEqual(['executive']);
    const ours = new Set(all.map((d) => d.id));
    expect(theirs.some((d) => ours.has(d.id))).toBe(false);
  });

  it('seeds built-ins whose widgets pass the same checks as any dashboard written back', async () => {
    for (const key of ['executive', 'manager', 'rep']) {
      const d = await builtin(key);
      const res = await updated(admin, d.id, bodyOf(d), d.version);
      expect(res.widgets).toEqual(d.widgets);
      expect(res.version).toBe(d.version + 1);
      expect((await row(d.id)).name, 'written back under its own name it stays translated').toBeNull();
    }
  });

  it('shows a rep the rep dashboard, and the others only once shared with her role', async () => {
    const [executive, managers, reps] = await Promise.all(['executive', 'manager', 'rep'].map(builtin));
    for (const id of [executive!.id, managers!.id]) expectProblem(await get(rep, id), 404, 'not_found');
    expect((await get(rep, reps!.id)).statusCode).toBe(200);
    expectProblem(await get(manager, executive!.id), 404, 'not_found');

    const shared = await updated(
      admin,
      executive!.id,
      bodyOf(executive!, { sharedRoles: ['sales_rep'] }),
      executive!.version,
    );
    const seen = await list(rep);
    expect(seen.map((d) => d.builtinKey).sort()).toEqual(['executive', 'rep']);
    expect(seen.find((d) => d.isDefault)?.builtinKey, 'sharing does not change the default').toBe('rep');
    expect((await get(rep, executive!.id)).json()).toMatchObject({ editable: false, isDefault: false });
    expect((await list(manager)).map((d) => d.builtinKey)).toEqual(['manager']);
    // Unshared again: gone for her.
    await updated(admin, executive!.id, bodyOf(shared, { sharedRoles: [] }), shared.version);
    expect((await list(rep)).map((d) => d.builtinKey)).toEqual(['rep']);
    expectProblem(await get(rep, executive!.id), 404, 'not_found');
  });

  it('shows a personal dashboard to its owner, and to others once shared with one of their roles', async () => {
    const mine = await created(rep, {
      name: '我的跟进看板',
      widgets: [kpi('calls', 'follow_ups'), { id: 'trend', type: 'trend', metric: 'won_amount' }],
    });
    expect(mine).toMatchObject({
      name: '我的跟进看板',
      builtinKey: null,
      org: false,
      ownerName: '刘洋',
      mine: true,
      editable: true,
      isDefault: false,
      filters: { period: 'this_month' },
      sharedRoles: [],
      defaultFor: [],
      version: 1,
    });
    expect(mine.widgets[0]).toMatchObject({ id: 'calls', width: 2 }); // the default width
    expect((await list(rep)).map((d) => d.id)).toContain(mine.id);
    // Nobody else, not even the administrator.
    for (const c of [otherRep, manager, admin]) {
      expect((await list(c)).map((d) => d.id)).not.toContain(mine.id);
      expectProblem(await get(c, mine.id), 404, 'not_found');
    }

    // Shared with managers: 李明 opens it (and cannot change it), 陈静 still cannot see it.
    const toManagers = await updated(rep, mine.id, bodyOf(mine, { sharedRoles: ['sales_manager'] }), 1);
    expect(toManagers.version).toBe(2);
    const seen = (await list(manager)).find((d) => d.id === mine.id);
    expect(seen).toMatchObject({ mine: false, editable: false, ownerName: '刘洋', org: false });
    expect((await list(manager)).find((d) => d.isDefault)?.builtinKey).toBe('manager');
    expect((await get(manager, mine.id)).statusCode).toBe(200);
    expectProblem(await get(otherRep, mine.id), 404, 'not_found');
    expectProblem(await get(admin, mine.id), 404, 'not_found');
    expectProblem(
      await untouched(() => put(manager, mine.id, bodyOf(toManagers, { name: '改名' }), 2)),
      403,
      'forbidden',
    );
    expectProblem(await untouched(() => del(manager, mine.id, 2)), 403, 'forbidden');

    // Shared with reps instead: 陈静 sees it, 李明 no longer does.
    const toReps = await updated(rep, mine.id, bodyOf(toManagers, { sharedRoles: ['sales_rep'] }), 2);
    expect((await get(otherRep, mine.id)).json()).toMatchObject({ mine: false, editable: false });
    expectProblem(await get(manager, mine.id), 404, 'not_found');
    expectProblem(await untouched(() => del(otherRep, mine.id, toReps.version)), 403, 'forbidden');
  });

  it('lets the administrator see every org dashboard, and keep them', async () => {
    const hidden = await created(admin, {
      name: '华东季度复盘',
      org: true,
      widgets: [kpi('won', 'won_amount')],
      filters: { period: 'this_quarter' },
    });
    expect(hidden).toMatchObject({
      org: true,
      ownerName: null,
      mine: false,
      editable: true,
      isDefault: false,
    });
    expect((await list(admin)).map((d) => d.id)).toContain(hidden.id);
    // An org dashboard for no role and shared with nobody: only administrators open it.
    for (const c of [manager, rep, finance]) expectProblem(await get(c, hidden.id), 404, 'not_found');

    const forFinance = await created(admin, {
      name: '财务看板',
      org: true,
      widgets: [kpi('won', 'won_amount'), kpi('closed', 'closed_amount')],
      defaultFor: ['finance'],
    });
    expect((await list(finance)).map((d) => d.id)).toContain(forFinance.id);
    expectProblem(await get(rep, forFinance.id), 404, 'not_found');
    // Only for finance: the administrator's default is still the executive one.
    expect((await list(admin)).find((d) => d.isDefault)?.builtinKey).toBe('executive');
    expect((await del(admin, hidden.id, hidden.version)).statusCode).toBe(204);
    expectProblem(await get(admin, hidden.id), 404, 'not_found');

    // Made the managers' default: it is what they open first now, instead of the built-in.
    const forManagers = await created(admin, {
      name: '经理周报',
      org: true,
      widgets: [kpi('won', 'won_amount')],
      defaultFor: ['sales_manager'],
    });
    const seen = await list(manager);
    expect(seen.filter((d) => d.isDefault).map((d) => d.id)).toEqual([forManagers.id]);
    expect(seen.find((d) => d.builtinKey === 'manager')?.isDefault).toBe(false);
    expect((await get(manager, forManagers.id)).json()).toMatchObject({ isDefault: true, editable: false });
    expect((await list(rep)).find((d) => d.isDefault)?.builtinKey).toBe('rep');
    expect((await list(finance)).find((d) => d.isDefault)?.id).toBe(forFinance.id);
    // Deleted, the built-in is the default again.
    expect((await del(admin, forManagers.id, forManagers.version)).statusCode).toBe(204);
    expect((await list(manager)).find((d) => d.isDefault)?.builtinKey).toBe('manager');
  });

  it('changes a dashboard at its version only (If-Match), and deletes it the same way', async () => {
    const d = await created(otherRep, { name: '陈静的看板', widgets: [kpi('won', 'won_deals')] });
    expectProblem(
      await untouched(() => put(otherRep, d.id, bodyOf(d, { name: '新名字' }))),
      428,
      'precondition_required',
    );
    const stale = await untouched(() => put(otherRep, d.id, bodyOf(d, { name: '新名字' }), 7));
    expect(expectProblem(stale, 412, 'version_conflict').current).toMatchObject({ id: d.id, version: 1 });

    t.clock.set(now + 60_000);
    const renamed = await updated(
      otherRep,
      d.id,
      bodyOf(d, {
        name: '新名字',
        widgets: [
          kpi('won', 'won_deals'),
          { id: 'bars', type: 'bars', metric: 'won_amount', groupBy: 'rep' },
        ],
        filters: { period: 'last_quarter' },
      }),
      1,
    );
    t.clock.set(now);
    expect(renamed).toMatchObject({ name: '新名字', version: 2, filters: { period: 'last_quarter' } });
    expect(renamed.updatedAt).toBe(now + 60_000);
    expect(renamed.widgets.map((w) => w.id)).toEqual(['won', 'bars']);
    expect((await get(otherRep, d.id)).json()).toMatchObject({ name: '新名字', version: 2 });
    // `org` is fixed both ways.
    expect(
      fieldErrors(await untouched(() => put(otherRep, d.id, bodyOf(renamed, { org: true }), 2))),
    ).toEqual(['body.org dashboard_org_fixed']);
    const managers = await builtin('manager');
    const orgFixed = await untouched(() =>
      put(admin, managers.id, bodyOf(managers, { org: false }), managers.version),
    );
    expectProblem(orgFixed, 422, 'validation_failed');
    expect(fieldErrors(orgFixed)).toEqual(['body.org dashboard_org_fixed']);

    expectProblem(await untouched(() => del(otherRep, d.id)), 428, 'precondition_required');
    expectProblem(await untouched(() => del(otherRep, d.id, 1)), 412, 'version_conflict');
    expect((await del(otherRep, d.id, 2)).statusCode).toBe(204);
    expectProblem(await get(otherRep, d.id), 404, 'not_found');
    expect((await list(otherRep)).map((x) => x.id)).not.toContain(d.id);
    expectProblem(await del(otherRep, d.id, 3), 404, 'not_found');
    expectProblem(await put(otherRep, d.id, bodyOf(renamed), 3), 404, 'not_found');
    expect((await row(d.id)).deletedAt).not.toBeNull();
  });

  it('lets only one of two changes made at the same version through', async () => {
    const d = await created(otherRep, { name: '并发看板', widgets: [kpi('won', 'won_deals')] });
    const answers = await Promise.all(
      ['甲', '乙'].map((name) => put(otherRep, d.id, bodyOf(d, { name }), d.version)),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((r) => r.statusCode === 200)!.json() as Dashboard;
    expect((await get(otherRep, d.id)).json()).toMatchObject({ name: winner.name, version: 2 });
    const audited = await t.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', d.id)
      .where('action', '=', 'update')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('keeps org dashboards and role defaults to administrators', async () => {
    const refused = await untouched(() =>
      post(rep, { name: '全公司', org: true, widgets: [kpi('won', 'won_amount')] }),
    );
    expectProblem(refused, 422, 'validation_failed');
    expect(fieldErrors(refused)).toEqual(['body.org dashboard_org_admin_only']);
    for (const c of [rep, admin]) {
      const res = await untouched(() =>
        post(c, { name: '默认', widgets: [kpi('won', 'won_amount')], defaultFor: ['sales_rep'] }),
      );
      expectProblem(res, 422, 'validation_failed');
      expect(fieldErrors(res)).toEqual(['body.defaultFor dashboard_default_needs_org']);
    }
    // Asked in English, answered in English.
    const en = await untouched(() =>
      post(rep, { name: 'Company', org: true, widgets: [kpi('won', 'won_amount')] }, 'en'),
    );
    const problem = expectProblem(en, 422, 'validation_failed');
    expect(problem.errors![0]!.message).toMatch(/administrator/i);
    expect(hasCjk(problem.errors![0]!.message)).toBe(false);
    expect(hasCjk(problem.title)).toBe(false);
    const zh = (
      await untouched(() => post(rep, { name: '全公司', org: true, widgets: [kpi('w', 'won_amount')] }))
    ).json().errors[0].message as string;
    expect(hasCjk(zh)).toBe(true);
  });

  it('keeps a built-in translated when renamed to its own name, and another name as given', async () => {
    let d = await builtin('manager');
    d = await updated(
      admin,
      d.id,
      bodyOf(d, { name: '团队业绩', filters: { period: 'this_quarter' } }),
      d.version,
    );
    expect(d.name).toBe('团队业绩');
    expect((await row(d.id)).name).toBeNull();
    expect((await get(manager, d.id, 'en')).json()).toMatchObject({
      name: 'Team performance',
      filters: { period: 'this_quarter' },
    });
    d = await updated(admin, d.id, bodyOf(d, { name: ' Team performance ' }), d.version);
    expect((await row(d.id)).name).toBeNull();
    expect((await get(manager, d.id)).json().name).toBe('团队业绩');

    d = await updated(admin, d.id, bodyOf(d, { name: '华东团队看板' }), d.version);
    expect((await get(manager, d.id, 'en')).json().name).toBe('华东团队看板');
    expect((await get(manager, d.id)).json().name).toBe('华东团队看板');
    expect((await row(d.id)).name).toBe('华东团队看板');
    expect((await list(manager)).find((x) => x.id === d.id)).toMatchObject({
      isDefault: true,
      builtinKey: 'manager',
    });
    // Given its own name back, it is translated again.
    d = await updated(admin, d.id, bodyOf(d, { name: '团队业绩' }), d.version);
    expect((await row(d.id)).name).toBeNull();
    expect((await get(manager, d.id, 'en')).json().name).toBe('Team performance');
    // Another built-in's name is just a name.
    d = await updated(admin, d.id, bodyOf(d, { name: '我的业绩' }), d.version);
    expect((await get(manager, d.id, 'en')).json().name).toBe('我的业绩');
  });

  it('refuses bad widgets, names, roles and filters, changing nothing', async () => {
    const other = await makeOrg(t, '第三公司');
    const theirPipeline = (await other.admin({ url: '/api/v1/pipelines' })).json().data[0].id as string;
    const theirDepartment = other.rootDepartmentId;
    const base = { name: '看板', widgets: [kpi('a', 'won_deals')] };
    const cases: [string, Record<string, unknown>, number, string[] | null][] = [
      [
        'unknown widget type',
        { ...base, widgets: [{ id: 'a', type: 'pie', metric: 'won_deals' }] },
        400,
        null,
      ],
      [
        'unknown metric',
        { ...base, widgets: [kpi('a', 'won_deals'), kpi('b', 'no_such_metric')] },
        422,
        ['body.widgets.1.metric metric_unknown'],
      ],
      [
        'gauge of a metric without targets',
        { ...base, widgets: [{ id: 'g', type: 'gauge', metric: 'win_rate' }] },
        422,
        ['body.widgets.0.metric target_metric_not_targetable'],
      ],
      [
        'trend of a snapshot',
        { ...base, widgets: [{ id: 't', type: 'trend', metric: 'open_deals' }] },
        422,
        ['body.widgets.0.metric metric_dimension_unsupported'],
      ],
      [
        'bars by a dimension the metric lacks',
        { ...base, widgets: [{ id: 'b', type: 'bars', metric: 'won_amount', groupBy: 'method' }] },
        422,
        ['body.widgets.0.groupBy metric_dimension_unsupported'],
      ],
      [
        'bars stacked by a dimension the metric lacks',
        {
          ...base,
          widgets: [{ id: 'b', type: 'bars', metric: 'won_amount', groupBy: 'rep', stackBy: 'method' }],
        },
        422,
        ['body.widgets.0.stackBy metric_dimension_unsupported'],
      ],
      [
        'bars stacked by what they are grouped by',
        {
          ...base,
          widgets: [{ id: 'b', type: 'bars', metric: 'won_amount', groupBy: 'rep', stackBy: 'rep' }],
        },
        422,
        ['body.widgets.0.stackBy dashboard_stack_same'],
      ],
      [
        'two widgets with one id',
        { ...base, widgets: [kpi('a', 'won_deals'), kpi('b', 'won_amount'), kpi('a', 'win_rate')] },
        422,
        ['body.widgets.2.id dashboard_widget_duplicate'],
      ],
      [
        '25 widgets',
        { ...base, widgets: Array.from({ length: 25 }, (_, i) => kpi(`w${i}`, 'won_deals')) },
        400,
        null,
      ],
      ['no widgets', { ...base, widgets: [] }, 400, null],
      ['a name of 41 characters', { ...base, name: '名'.repeat(41) }, 400, null],
      ['a blank name', { ...base, name: '   ' }, 400, null],
      ['a widget id with a space', { ...base, widgets: [kpi('a b', 'won_deals')] }, 400, null],
      ['a widget 5 quarters wide', { ...base, widgets: [{ ...kpi('a', 'won_deals'), width: 5 }] }, 400, null],
      ['a period a dashboard cannot show', { ...base, filters: { period: 'today' } }, 400, null],
      ['an unknown role', { ...base, sharedRoles: ['no_such_role'] }, 422, ['body.sharedRoles.0 not_found']],
      [
        'another org’s department',
        { ...base, filters: { period: 'this_month', departmentId: theirDepartment } },
        422,
        ['body.filters.departmentId not_found'],
      ],
      [
        'another org’s pipeline',
        { ...base, filters: { period: 'this_month', pipelineId: theirPipeline } },
        422,
        ['body.filters.pipelineId not_found'],
      ],
      ['an unknown property', { ...base, colour: 'red' }, 400, null],
      [
        'an unknown widget property',
        { ...base, widgets: [{ ...kpi('a', 'won_deals'), colour: 'red' }] },
        400,
        null,
      ],
      ['an unknown filter', { ...base, filters: { period: 'this_month', region: ['上海'] } }, 400, null],
      [
        'a leaderboard with a metric',
        { ...base, widgets: [{ id: 'l', type: 'leaderboard', metric: 'won_deals' }] },
        400,
        null,
      ],
    ];
    for (const [what, body, status, errors] of cases) {
      const res = await untouched(() => post(rep, body));
      expectProblem(res, status, 'validation_failed');
      if (errors) expect(fieldErrors(res), what).toEqual(errors);
    }
    // Several at once: all of them are named.
    const many = await untouched(() =>
      post(admin, {
        ...base,
        org: true,
        widgets: [kpi('a', 'nope'), { id: 'a', type: 'gauge', metric: 'avg_deal_size' }],
        sharedRoles: ['sales_rep', 'ghost'],
        defaultFor: ['phantom'],
      }),
    );
    expect(fieldErrors(many).sort()).toEqual(
      [
        'body.widgets.0.metric metric_unknown',
        'body.widgets.1.id dashboard_widget_duplicate',
        'body.widgets.1.metric target_metric_not_targetable',
        'body.sharedRoles.1 not_found',
        'body.defaultFor.0 not_found',
      ].sort(),
    );
    // The limits themselves are allowed.
    const widest = await created(rep, {
      name: '名'.repeat(40),
      widgets: Array.from({ length: 24 }, (_, i) => kpi(`w${i}`, 'won_deals')),
    });
    expect(widest.widgets).toHaveLength(24);

    // A change with a bad widget leaves the dashboard as it was.
    const res = await untouched(() =>
      put(rep, widest.id, bodyOf(widest, { widgets: [kpi('a', 'no_such_metric')] }), widest.version),
    );
    expect(fieldErrors(res)).toEqual(['body.widgets.0.metric metric_unknown']);
    expect((await get(rep, widest.id)).json()).toMatchObject({ version: 1, widgets: widest.widgets });
  });

  it('keeps one org’s dashboards from another', async () => {
    const other = await makeOrg(t, '另一家公司');
    const ours = await created(admin, { name: '本公司', org: true, widgets: [kpi('a', 'won_deals')] });
    const executive = await builtin('executive');
    for (const id of [ours.id, executive.id]) {
      expectProblem(await get(other.admin, id), 404, 'not_found');
      expectProblem(await untouched(() => put(other.admin, id, bodyOf(ours), 1)), 404, 'not_found');
      expectProblem(await untouched(() => del(other.admin, id, 1)), 404, 'not_found');
    }
    expect((await list(other.admin)).map((d) => d.id)).not.toContain(ours.id);
    // Nor the other way round.
    const theirs = (await list(other.admin)).find((d) => d.builtinKey === 'rep')!;
    expectProblem(await get(admin, theirs.id), 404, 'not_found');
  });

  it('writes the audit log on create, update and delete', async () => {
    const d = await created(rep, { name: '审计看板', widgets: [kpi('a', 'won_deals')] });
    const u = await updated(rep, d.id, bodyOf(d, { name: '审计看板二' }), 1);
    expect((await del(rep, d.id, u.version)).statusCode).toBe(204);
    const entries = await t.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('object', '=', 'dashboard')
      .where('recordId', '=', d.id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['create', rep.userId],
      ['update', rep.userId],
      ['delete', rep.userId],
    ]);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ name: '审计看板', ownerId: rep.userId });
    expect(JSON.parse(entries[1]!.before!)).toMatchObject({ name: '审计看板' });
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ name: '审计看板二' });
  });
});

type QueryRow = {
  keys: Record<string, string | null>;
  labels: Record<string, string>;
  value: number | null;
};
type QueryResult = {
  metric: { id: string; name: string; unit: string };
  buckets: { key: string }[] | null;
  rows: QueryRow[];
  total: QueryRow;
};

// 导出 of a widget: the figures of several metrics broken down the same way, as a sheet — the same
// numbers the metric query gives, in the reader's own scope.
describe.each(testDialects)('widget export on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区
  let rep: Client; // 刘洋, 上海一组, given a role that may export deals
  let plainRep: Client; // 陈静: a rep as she starts, without the export right
  let org: Awaited<ReturnType<typeof demoOrg>>;

  const exported = (c: Client, body: Record<string, unknown>, lang?: string) =>
    c({
      method: 'POST',
      url: '/api/v1/metrics/table/export',
      body: { title: '组件导出', format: 'csv', ...body },
      headers: lang ? { 'accept-language': lang } : {},
    });
  const csvOf = async (c: Client, body: Record<string, unknown>, lang?: string) => {
    const res = await exported(c, body, lang);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return parseCsv(res.body).filter((r) => !(r.length === 1 && r[0] === ''));
  };
  const query = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({ method: 'POST', url: '/api/v1/metrics/query', body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as QueryResult;
  };
  const units = new Map<string, string>();
  const ratios = new Set<string>();
  /** A figure as the sheet should show it, worked out from the query's value. */
  const cell = (metric: string, value: number | null) => {
    if (value === null) return null;
    const unit = units.get(metric);
    return unit === 'money' ? value / 100 : unit === 'ratio' ? value * 100 : value;
  };
  /** The sheet's figure against the expected one (a percentage to two decimals). */
  const expectCell = (got: string, want: number | null, what: string) => {
    if (want === null) expect(got, what).toBe('');
    else {
      expect(got, `${what}: a figure, not a blank`).not.toBe('');
      expect(Number(got), what).toBeCloseTo(want, 2);
    }
  };

  /**
   * Each metric queried alone with the same body, by rep: a row per rep any of them has, with what the
   * sheet should say for each (a rep a count or sum has no row for: 0; a rate without a denominator: empty).
   */
  async function expectedByRep(c: Client, metrics: string[], body: Record<string, unknown>) {
    const results = await Promise.all(metrics.map((metric) => query(c, { metric, ...body })));
    const reps = new Map<string, (number | null)[]>();
    results.forEach((r, i) => {
      for (const row of r.rows) {
        const name = row.labels.rep ?? row.keys.rep ?? '';
        const values = reps.get(name) ?? metrics.map((m) => (ratios.has(m) ? null : 0));
        values[i] = cell(metrics[i]!, row.value);
        reps.set(name, values);
      }
    });
    return reps;
  }
  async function expectSheet(c: Client, metrics: string[], body: Record<string, unknown>) {
    const sheet = await csvOf(c, { metrics, groupBy: ['rep'], ...body });
    const want = await expectedByRep(c, metrics, { groupBy: ['rep'], ...body });
    const rows = sheet.slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual([...want.keys()].sort());
    for (const r of rows) {
      expect(r).toHaveLength(metrics.length + 1);
      for (const [i, m] of metrics.entries())
        expectCell(r[i + 1]!, want.get(r[0]!)![i] ?? null, `${m} of ${r[0]}`);
    }
    // Ordered by the first column, largest first.
    const first = rows.map((r) => Number(r[1] || Number.NEGATIVE_INFINITY));
    expect(first).toEqual([...first].sort((a, b) => b - a));
    return sheet;
  }

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.set(now);
    org = await demoOrg(t);
    admin = await loginAdmin(t);
    const pipeline = (await admin({ url: '/api/v1/pipelines' })).json().data[0] as {
      id: string;
      stages: { id: string; category: string }[];
    };
    const first = pipeline.stages.find((s) => !s.category.startsWith('closed_'))!.id;
    const won = pipeline.stages.find((s) => s.category === 'closed_won')!.id;
    const lost = pipeline.stages.find((s) => s.category === 'closed_lost')!.id;
    const customer = (
      await admin({
        method: 'POST',
        url: '/api/v1/customers',
        body: { name: '苏州组件导出测试精工有限公司' },
      })
    ).json() as { id: string };
    // 刘洋 won ¥120,000 (Feb) and ¥80,000 (May), lost one (Jun), won one last year; 陈静 won ¥50,000 (May),
    // lost one (Sep); 张伟 won ¥210,000 (Nov); 吴芳 (华南) won ¥300,000 (Feb) and ¥40,000 (Sep), lost one
    // (Oct); 赵磊 (杭州组) only lost one (Mar) and has one open.
    const deals: [string, 'won' | 'lost' | 'open', number, string][] = [
      ['liu.yang', 'won', 120_000, '2026-02-10'],
      ['liu.yang', 'won', 80_000, '2026-05-20'],
      ['liu.yang', 'lost', 30_000, '2026-06-15'],
      ['liu.yang', 'won', 999_000, '2025-12-20'],
      ['chen.jing', 'won', 50_000, '2026-05-03'],
      ['chen.jing', 'lost', 20_000, '2026-09-01'],
      ['zhang.wei', 'won', 210_000, '2026-11-05'],
      ['wu.fang', 'won', 300_000, '2026-02-14'],
      ['wu.fang', 'won', 40_000, '2026-09-09'],
      ['wu.fang', 'lost', 60_000, '2026-10-10'],
      ['zhao.lei', 'lost', 10_000, '2026-03-03'],
      ['zhao.lei', 'open', 15_000, '2026-11-01'],
    ];
    for (const [who, status, amount, date] of deals) {
      const closed = sh(date);
      const created = closed - 20 * day;
      const stays: [string, number][] = [[first, created]];
      if (status !== 'open') stays.push([status === 'won' ? won : lost, closed]);
      await insertDealWithHistory(t, {
        ownerId: org.user(who),
        customerId: customer.id,
        pipelineId: pipeline.id,
        amount: amount * 100,
        created,
        stays,
        status,
        closedAt: status === 'open' ? undefined : closed,
      });
    }
    // 刘洋 gets a second role that may export the deals she sees (her own); 陈静 keeps the rep's.
    const exporter = await makeRole(admin, {
      permissions: { opportunity: { actions: ['read', 'export'], scope: 'own' } },
    });
    const me = (await admin({ url: `/api/v1/users/${org.user('liu.yang')}` })).json() as { version: number };
    const patched = await admin({
      method: 'PATCH',
      url: `/api/v1/users/${org.user('liu.yang')}`,
      headers: { 'if-match': String(me.version) },
      body: { roles: ['sales_rep', exporter.key] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    rep = await loginDemo(t, 'liu.yang');
    plainRep = await loginDemo(t, 'chen.jing');
    manager = await loginDemo(t, 'li.ming');
    const definitions = (await admin({ url: '/api/v1/metrics' })).json().data as {
      id: string;
      unit: string;
      ratio: unknown;
    }[];
    for (const d of definitions) {
      units.set(d.id, d.unit);
      if (d.ratio) ratios.add(d.id);
    }
  });
  afterAll(() => t.close());

  it('writes each metric’s figures by rep, as the metric query gives them', async () => {
    const metrics = ['won_amount', 'won_deals', 'win_rate'];
    const sheet = await expectSheet(admin, metrics, { period: 'this_year' });
    expect(sheet[0]).toEqual(['销售', '赢单金额（元）', '赢单数', '赢率 (%)']);
    // Worked out by hand from the fixture.
    const byName = new Map(sheet.slice(1).map((r) => [r[0], r.slice(1)]));
    expect(byName.get('刘洋')).toEqual(['200000', '2', '66.67']);
    expect(byName.get('陈静')).toEqual(['50000', '1', '50']);
    expect(byName.get('张伟')).toEqual(['210000', '1', '100']);
    expect(byName.get('吴芳')).toEqual(['340000', '2', '66.67']);
    // Lost all he closed: nothing won is 0, not a blank.
    expect(byName.get('赵磊')).toEqual(['0', '0', '0']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['吴芳', '张伟', '刘洋', '陈静', '赵磊']);

    // A rate first, beside the open deals (a snapshot) and the average deal, which a rep who won
    // nothing has none of (a blank).
    const open = await expectSheet(admin, ['win_rate', 'open_deals', 'avg_deal_size'], {
      period: 'this_year',
    });
    expect(open.slice(1).at(-1)).toEqual(['赵磊', '0', '1', '']);
    expect(open.find((r) => r[0] === '刘洋')).toEqual(['刘洋', '66.67', '0', '100000']);
    // Sorted by a ratio some reps have none of: those last.
    const average = await expectSheet(admin, ['avg_deal_size', 'closed_deals'], { period: 'this_year' });
    expect(average.slice(1).map((r) => r[0])).toEqual(['张伟', '吴芳', '刘洋', '陈静', '赵磊']);
    expect(average.slice(1).map((r) => r[1])).toEqual(['210000', '170000', '100000', '50000', '']);
  });

  it('writes a trend by month in the order of the months', async () => {
    const metrics = ['won_amount', 'won_deals', 'lost_deals'];
    const body = { period: 'this_year', groupBy: ['period'], granularity: 'month' };
    const sheet = await csvOf(admin, { metrics, ...body });
    const results = await Promise.all(metrics.map((metric) => query(admin, { metric, ...body })));
    const order = results[0]!.buckets!.map((b) => b.key);
    const months = [...new Set(results.flatMap((r) => r.rows.map((row) => row.keys.period!)))].sort(
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
    expect(months).toEqual(['2026-02', '2026-03', '2026-05', '2026-06', '2026-09', '2026-10', '2026-11']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(months);
    for (const r of sheet.slice(1))
      metrics.forEach((m, i) => {
        const found = results[i]!.rows.find((row) => row.keys.period === r[0]);
        expectCell(r[i + 1]!, found ? cell(m, found.value) : 0, `${m} in ${r[0]}`);
      });
    expect(sheet.find((r) => r[0] === '2026-02')!.slice(1)).toEqual(['420000', '2', '0']);

    // No breakdown: one row of the totals.
    const totals = await csvOf(admin, { metrics: ['won_amount', 'win_rate'], period: 'this_year' });
    expect(totals).toHaveLength(2);
    expect(totals[1]).toEqual(['800000', '60']); // 6 of 10 closed were won
  });

  it('writes only what the reader may see: a rep her own rows, a manager his region’s', async () => {
    const metrics = ['won_amount', 'won_deals', 'win_rate'];
    const mine = await expectSheet(rep, metrics, { period: 'this_year' });
    expect(mine.slice(1)).toEqual([['刘洋', '200000', '2', '66.67']]);
    const trend = await csvOf(rep, { metrics, period: 'this_year', groupBy: ['period'] });
    expect(trend.slice(1).map((r) => r[0])).toEqual(['2026-02', '2026-05', '2026-06']);

    const region = await expectSheet(manager, metrics, { period: 'this_year' });
    expect(
      region
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['刘洋', '张伟', '赵磊', '陈静'].sort());
    // His reps' figures are the administrator's for them.
    const all = new Map(
      (await csvOf(admin, { metrics, period: 'this_year', groupBy: ['rep'] })).map((r) => [r[0], r]),
    );
    for (const r of region.slice(1)) expect(r).toEqual(all.get(r[0]));

    // Without the export right: 403, and nothing written (not even the audit entry).
    expectProblem(
      await unchangedBy(t, () => exported(plainRep, { metrics, period: 'this_year', groupBy: ['rep'] })),
      403,
      'forbidden',
    );
    // The right on deals does not cover follow-ups (logged on leads and customers too).
    expectProblem(
      await unchangedBy(t, () =>
        exported(rep, { metrics: ['won_deals', 'follow_ups'], period: 'this_year' }),
      ),
      403,
      'forbidden',
    );
  });

  it('names the columns in the reader’s language and sends .xlsx by default', async () => {
    const en = await csvOf(
      admin,
      { metrics: ['won_amount', 'win_rate'], period: 'this_year', groupBy: ['rep'] },
      'en',
    );
    expect(en[0]).toEqual(['Rep', 'Won amount (CNY)', 'Win rate (%)']);
    const xlsx = await exported(admin, {
      metrics: ['won_amount'],
      period: 'this_year',
      groupBy: ['rep'],
      format: undefined,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses what it cannot write with a 400 that says why, changing nothing', async () => {
    const bad = (body: Record<string, unknown>) => unchangedBy(t, () => exported(admin, body));
    const unknown = await bad({ metrics: ['won_amount', 'no_such_metric'], groupBy: ['rep'] });
    expectProblem(unknown, 400, 'validation_failed');
    expect(fieldErrors(unknown)).toEqual(['body.metrics.1 metric_unknown']);
    const twice = await bad({ metrics: ['won_amount', 'won_deals', 'won_amount'] });
    expectProblem(twice, 400, 'validation_failed');
    expect(fieldErrors(twice)).toEqual(['body.metrics metric_duplicate']);
    const metrics = [
      'won_amount',
      'won_deals',
      'win_rate',
      'lost_deals',
      'closed_deals',
      'closed_amount',
      'deals_created',
      'avg_deal_size',
      'win_rate_amount',
      'open_deals',
      'pipeline_value',
    ];
    expectProblem(await bad({ metrics }), 400, 'validation_failed');
    // Ten is allowed.
    expect(
      (await csvOf(admin, { metrics: metrics.slice(0, 10), groupBy: ['rep'], period: 'this_year' }))[0],
    ).toHaveLength(11);
    expectProblem(await bad({ metrics: [] }), 400, 'validation_failed');
    const lacking = await bad({ metrics: ['follow_ups', 'won_amount'], groupBy: ['method'] });
    expectProblem(lacking, 400, 'validation_failed');
    expect(fieldErrors(lacking)).toEqual(['body.groupBy metric_dimension_unsupported']);
    const snapshotTrend = await bad({ metrics: ['won_amount', 'open_deals'], groupBy: ['period'] });
    expectProblem(snapshotTrend, 400, 'validation_failed');
    expectProblem(await bad({ metrics: ['won_amount'], format: 'pdf' }), 400, 'validation_failed');
    expectProblem(await bad({ metrics: ['won_amount'], title: '' }), 400, 'validation_failed');
    expectProblem(await bad({ metrics: ['won_amount'], metric: 'won_amount' }), 400, 'validation_failed');
  });

  it('applies a filter to the metrics that have its dimension, and refuses one that fits none', async () => {
    const pipelines = (await admin({ url: '/api/v1/pipelines' })).json().data as { id: string }[];
    const pipeline = pipelines[0]!.id;
    const body = { groupBy: ['rep'], period: 'this_year', filters: { pipeline: [pipeline] } };
    // Leads have no pipeline: their column is unfiltered; deals' is the pipeline's.
    const sheet = await csvOf(admin, { metrics: ['won_deals', 'new_leads'], ...body });
    const deals = await expectedByRep(admin, ['won_deals'], body);
    const leads = await expectedByRep(admin, ['new_leads'], { groupBy: ['rep'], period: 'this_year' });
    for (const r of sheet.slice(1)) {
      expectCell(r[1]!, deals.get(r[0]!)?.[0] ?? 0, `won_deals of ${r[0]}`);
      expectCell(r[2]!, leads.get(r[0]!)?.[0] ?? 0, `new_leads of ${r[0]}`);
    }
    const none = await unchangedBy(t, () =>
      exported(admin, { metrics: ['new_leads', 'follow_ups'], ...body }),
    );
    expectProblem(none, 400, 'validation_failed');
    expect(fieldErrors(none)).toEqual(['body.filters.pipeline metric_filter_unsupported']);
  });

  it('records each export in the audit log', async () => {
    await csvOf(manager, {
      metrics: ['won_amount', 'won_deals'],
      period: 'this_year',
      groupBy: ['rep'],
      title: '华东业绩',
    });
    const entry = await t.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('object', '=', 'dashboard')
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actorId).toBe(manager.userId);
    expect(JSON.parse(entry.after!)).toMatchObject({
      title: '华东业绩',
      metrics: ['won_amount', 'won_deals'],
      groupBy: ['rep'],
      period: 'this_year',
      format: 'csv',
    });
  });
});
