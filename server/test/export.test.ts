import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  demoPassword,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeRole,
  makeUser,
} from './helpers.js';
import { parseCsv } from './import-helpers.js';

type Customer = { id: string; name: string; ownerId: string | null; phone: string | null };

async function parseXlsx(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const sheet = wb.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const values = r.values as unknown[];
    rows.push(
      Array.from({ length: sheet.columnCount }, (_, i) =>
        values[i + 1] == null ? '' : String(values[i + 1]),
      ),
    );
  });
  return rows;
}

describe.each(testDialects)('customer export on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组, no export right
  let manager: Client; // 李明, 华东大区
  let people: Awaited<ReturnType<typeof demoOrg>>;

  const exportAs = (c: Client, query: string, lang = 'zh-CN') =>
    c({ url: `/api/v1/customers/export?${query}`, headers: { 'accept-language': lang } });
  const listIds = async (c: Client, query: string) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await c({
        url: `/api/v1/customers?limit=200&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { data: Customer[]; nextCursor: string | null };
      ids.push(...body.data.map((c) => c.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };
  const create = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({ method: 'POST', url: '/api/v1/customers', body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Customer;
  };
  const rowsOf = (res: LightMyRequestResponse) => parseCsv(res.body);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    people = await demoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    manager = await loginDemo(t, 'li.ming');
    await create(rep, { name: '上海星辰电子科技有限公司', phone: '13800138001', level: 'A', tags: ['展会'] });
    await create(rep, { name: '=HYPERLINK("http://evil.example","点我")', phone: '13800138002', level: 'B' });
    await create(rep, { name: '@SUM(1+1)', industry: '-2+3', address: '+上海' });
    await create(await loginDemo(t, 'wu.fang'), {
      name: '广州白云制药有限公司',
      phone: '13912345678',
      level: 'A',
    });
    await create(admin, { name: '北京总部客户有限公司', email: 'boss@hq.cn', level: 'A' });
  });
  afterAll(() => t.close());

  it('exports exactly the customers the list shows for the same filter, in the list’s order', async () => {
    for (const query of ['', 'level=A', 'sort=name', `departmentId=${people.dept('sh')}`, 'q=xingchen']) {
      const res = await exportAs(admin, `format=csv&columns=name,level,owner&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const [header, ...rows] = rowsOf(res);
      expect(header).toEqual(['客户名称', '客户等级', '负责人']);
      const names = new Map<string, string>();
      for (const id of await listIds(admin, query)) {
        const c = (await admin({ url: `/api/v1/customers/${id}` })).json() as Customer;
        names.set(id, c.name);
      }
      expect(
        rows.map((r) => r[0]!.replace(/^'/, '')),
        `export of "${query}" lists the same customers as the list`,
      ).toEqual([...names.values()]);
    }
  });

  it('sends a download with a Chinese file name and English headers when asked in English', async () => {
    const zh = await exportAs(admin, 'format=csv');
    expect(zh.headers['content-type']).toMatch(/^text\/csv/);
    expect(zh.headers['content-disposition']).toMatch(
      /^attachment; filename="customers_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(zh.headers['x-content-type-options']).toBe('nosniff');
    const en = await exportAs(admin, 'format=csv&columns=name,status,phone', 'en');
    expect(rowsOf(en)[0]).toEqual(['Customer name', 'Status', 'Phone']);
    expect(en.headers['content-disposition']).toContain("filename*=UTF-8''customers_");
    expect(
      rowsOf(en)
        .slice(1)
        .every((r) => r[1] === 'Prospect'),
    ).toBe(true);
  });

  it('neutralises every text cell a spreadsheet would run as a formula, in CSV and in xlsx', async () => {
    const cols = 'columns=name,industry,address';
    const csv = rowsOf(await exportAs(admin, `format=csv&${cols}&sort=name`));
    const xlsx = await parseXlsx((await exportAs(admin, `format=xlsx&${cols}&sort=name`)).rawPayload);
    for (const rows of [csv, xlsx]) {
      const cells = rows.slice(1).flat();
      for (const cell of cells) expect(cell, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      expect(cells).toContain('\'=HYPERLINK("http://evil.example","点我")');
      expect(cells).toContain("'@SUM(1+1)");
      expect(cells).toContain("'-2+3");
      expect(cells).toContain("'+上海");
    }
  });

  it('writes an xlsx that reads back with the same rows as the CSV', async () => {
    const q = 'columns=name,level,status,tags,owner,createdAt&sort=name';
    const csv = rowsOf(await exportAs(admin, `format=csv&${q}`));
    const res = await exportAs(admin, `format=xlsx&${q}`);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('.xlsx');
    expect(await parseXlsx(res.rawPayload)).toEqual(csv);
    expect(csv.find((r) => r[0] === '上海星辰电子科技有限公司')).toEqual([
      '上海星辰电子科技有限公司',
      'A',
      '潜在客户',
      '展会',
      '刘洋',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    ]);
  });

  it('masks the fields the role masks on customers the user does not own', async () => {
    const role = await makeRole(admin, {
      permissions: { customer: { actions: ['read', 'export'], scope: 'all' } },
      maskedFields: ['customer.phone', 'customer.email'],
    });
    const u = await makeUser(admin, {
      departmentId: people.dept('sh'),
      roles: [role.key],
      password: demoPassword,
    });
    const masked = await t.login(u.email, demoPassword);
    const rows = rowsOf(await exportAs(masked, 'format=csv&columns=name,phone,email&sort=name'));
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byName.get('上海星辰电子科技有限公司')?.[1]).toBe('138****8001');
    expect(byName.get('北京总部客户有限公司')?.[2]).toBe('b***@hq.cn');
    expect(rows.flat().join(' ')).not.toContain('13800138001');
  });

  it('refuses a rep without the export right (403) and keeps a manager to their region', async () => {
    expectProblem(await exportAs(rep, 'format=csv'), 403, 'forbidden');
    const rows = rowsOf(await exportAs(manager, 'format=csv&columns=name,owner'));
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain('上海星辰电子科技有限公司');
    expect(names).not.toContain('广州白云制药有限公司');
    expect(names.length).toBe((await listIds(manager, '')).length);
  });

  it('answers 400 for an unknown column or format and records each export in the audit log', async () => {
    expectProblem(await exportAs(admin, 'format=pdf'), 400, 'validation_failed');
    expectProblem(await exportAs(admin, 'columns=name,passwordHash'), 400, 'validation_failed');
    expectProblem(await exportAs(admin, 'sort=phone'), 400, 'invalid_sort');
    await exportAs(admin, 'format=csv&level=A');
    const entry = await t.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .where('object', '=', 'customer')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actorId).toBe(admin.userId);
    expect(JSON.parse(entry.after!)).toMatchObject({ format: 'csv', rows: 3, filters: { level: 'A' } });
  });

  it('refuses more than 100,000 rows with 422 asking to narrow the filter', async () => {
    const now = t.clock.now();
    const gen =
      dialect === 'sqlite'
        ? sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 100001)`
        : sql`with n(i) as (select generate_series(1, 100001))`;
    await sql`${gen} insert into customers (id, org_id, name, name_key, name_pinyin, name_initials, tags,
        owner_id, status, custom, created_at, updated_at)
      select ${'00000000-0000-7000-8000-'} || ${dialect === 'sqlite' ? sql`substr('000000000000' || i, -12, 12)` : sql`lpad(i::text, 12, '0')`}, ${t.orgId},
        'bulk ' || i, 'bulk' || i, 'bulk', 'b', '[]', ${admin.userId}, 'prospect', '{}', ${now}, ${now} from n`.execute(
      t.ctx.db,
    );
    const res = await exportAs(admin, 'format=xlsx');
    const body = expectProblem(res, 422, 'export_too_large');
    expect(body.title).toContain('100000');
    // A narrower filter still exports.
    expect((await exportAs(admin, 'format=csv&level=A')).statusCode).toBe(200);
  });
  it('exports custom fields as readable columns, filters by them like the list, and exports only selected rows', async () => {
    const def = await admin({
      method: 'POST',
      url: '/api/v1/custom-fields',
      body: {
        object: 'customer',
        key: 'size',
        labelZh: '员工规模',
        labelEn: 'Employees',
        type: 'select',
        options: { choices: [{ key: 'big', labelZh: '500 人以上', labelEn: '500+' }] },
      },
    });
    expect(def.statusCode, def.body).toBe(201);
    const budget = await admin({
      method: 'POST',
      url: '/api/v1/custom-fields',
      body: { object: 'customer', key: 'budget', labelZh: '年采购预算', labelEn: 'Budget', type: 'money' },
    });
    expect(budget.statusCode, budget.body).toBe(201);
    const big = await create(admin, {
      name: '深圳大型制造集团有限公司',
      custom: { size: 'big', budget: 12345600 },
    });
    const res = await exportAs(admin, 'format=csv&columns=name,cf.size,cf.budget&cf.size=big');
    expect(res.statusCode, res.body).toBe(200);
    expect(rowsOf(res)).toEqual([
      ['客户名称', '员工规模', '年采购预算'],
      [big.name, '500 人以上', '123456'],
    ]);
    const en = rowsOf(await exportAs(admin, 'format=csv&columns=name,cf.size&cf.size=big', 'en'));
    expect(en[0]).toEqual(['Customer name', 'Employees']);
    expect(en[1]).toEqual([big.name, '500+']);
    // Without a column list the file has the list's columns and every active custom field.
    const all = rowsOf(await exportAs(admin, 'format=csv&cf.size=big'));
    expect(all[0]).toEqual(expect.arrayContaining(['员工规模', '年采购预算']));
    expectProblem(await exportAs(admin, 'format=csv&columns=name,cf.nope'), 400, 'validation_failed');

    // Selected rows only, and never beyond the caller's reach.
    const ids = await listIds(admin, 'level=A');
    const two = rowsOf(await exportAs(admin, `format=csv&columns=name&ids=${ids.slice(0, 2).join(',')}`));
    expect(two).toHaveLength(3);
    const southOnly = await listIds(admin, `departmentId=${people.dept('gz')}`);
    const mine = rowsOf(await exportAs(manager, `format=csv&columns=name&ids=${southOnly.join(',')}`));
    expect(mine).toHaveLength(1); // the header: none of them is in 李明's region
    expectProblem(await exportAs(admin, 'format=csv&ids=not-an-id'), 400, 'validation_failed');
  });
});
