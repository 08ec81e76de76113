import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../src/db/dialect.js';
import { customerListQuery } from '../src/modules/customers/list.js';
import { parseSearch, searchByRows } from '../src/modules/customers/search.js';
import { nameBigrams, phoneGrams, searchTokens } from '../src/modules/customers/search-tokens.js';
import { loadActor } from '../src/platform/auth/actor-loader.js';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp, withDemoOrg } from '../src/testing/harness.js';
import { loginAdmin, loginDemo } from './helpers.js';

describe('search input shapes and tokens', () => {
  it('routes digits to the phone, an @ to the e-mail, letters to pinyin and the rest to the name', () => {
    expect(parseSearch('8000')).toMatchObject({ shape: 'phone', digits: '8000' });
    expect(parseSearch('１３８ ００１３')).toMatchObject({ shape: 'phone', digits: '1380013' });
    expect(parseSearch('+86 138-0013-8000')).toMatchObject({ shape: 'phone', digits: '8613800138000' });
    expect(parseSearch('Sales@Huarui')).toMatchObject({ shape: 'email', lower: 'sales@huarui' });
    expect(parseSearch('HZHR')).toMatchObject({ shape: 'latin', letters: 'hzhr' });
    expect(parseSearch('hang zhou')).toMatchObject({ shape: 'latin', letters: 'hangzhou' });
    expect(parseSearch('华瑞')).toMatchObject({ shape: 'text', lower: '华瑞' });
    expect(parseSearch('华瑞hz')).toMatchObject({ shape: 'text' });
    expect(parseSearch('800')).toMatchObject({ shape: 'text' }); // too short for a phone fragment
  });

  it('indexes every bigram of the folded name and every 4-digit run of the phone', () => {
    expect(nameBigrams('华瑞（北京）ＡＢ')).toEqual(['华瑞', '瑞北', '北京', '京a', 'ab']);
    expect(phoneGrams('8613800')).toEqual(['p8613', 'p6138', 'p1380', 'p3800']);
    expect(searchTokens({ name: '华瑞', phoneE164: '+86138001' })).toBe('华瑞 p8613 p6138 p1380 p3800 p8001');
  });
});

type Customer = { id: string; name: string; ownerId: string | null };

describe.each(testDialects)('customer search on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let rep: Client; // 刘洋, 上海一组
  let otherRep: Client; // 吴芳, 广州组
  let manager: Client; // 李明, 华东大区
  let defaultPoolId: string;
  const ids: Record<string, string> = {};

  const created = async (c: Client, body: Record<string, unknown>) => {
    const res = await c({
      method: 'POST',
      url: '/api/v1/customers',
      body: { nearDuplicateReason: '测试：名字相近的不同客户', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Customer;
  };
  const search = async (c: Client, q: string) => {
    const res = await c({ url: `/api/v1/customers?q=${encodeURIComponent(q)}&limit=200` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().data as Customer[]).map((x) => x.name).sort();
  };
  /** The same search checked row by row (the path a common term takes): must agree with the index. */
  const byRows = async (c: Client, q: string) => {
    const actor = await loadActor(t.ctx.db, c.userId, 'session');
    const rows = await customerListQuery(t.ctx.db, actor!, { q }, [], searchByRows(q, isPostgres(t.ctx.db)))
      .limit(200)
      .execute();
    return rows.map((r) => r.name).sort();
  };
  const expectFound = async (c: Client, q: string, names: string[]) => {
    expect(await search(c, q), `q=${q}`).toEqual([...names].sort());
    expect(await byRows(c, q), `q=${q} checked row by row`).toEqual([...names].sort());
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await withDemoOrg(t);
    admin = await loginAdmin(t);
    rep = await loginDemo(t, 'liu.yang');
    otherRep = await loginDemo(t, 'wu.fang');
    manager = await loginDemo(t, 'li.ming');
    defaultPoolId = (await admin({ url: '/api/v1/pools' }))
      .json()
      .data.find((p: { isDefault: boolean }) => p.isDefault).id;
    const mine = {
      huarui: { name: '杭州华瑞精密机械有限公司', phone: '13800138000', email: 'sales@huarui-hz.com' },
      beijing: { name: '华瑞（北京）科技有限公司', phone: '010-62345678' },
      ruihua: { name: '上海瑞华贸易有限公司', phone: '13912340000', email: 'info@ruihua.cn' },
      abc: { name: 'ABC供应链管理有限公司', phone: '13700001111' },
    };
    for (const [key, b] of Object.entries(mine)) ids[key] = (await created(rep, b)).id;
    ids.theirs = (await created(otherRep, { name: '广州华瑞物流有限公司', phone: '13800008000' })).id;
  });
  afterAll(() => t.close());

  it('finds a 2-character Chinese name substring, and a longer one, through the index', async () => {
    await expectFound(rep, '华瑞', ['杭州华瑞精密机械有限公司', '华瑞（北京）科技有限公司']);
    await expectFound(rep, '华瑞精密', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, '瑞华', ['上海瑞华贸易有限公司']);
    // Every bigram present, not contiguous: not a match.
    await expectFound(rep, '华瑞机械', []);
  });

  it('finds pinyin and pinyin initials by prefix, and Latin names by substring, in any case', async () => {
    await expectFound(rep, 'hangzhouhua', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, 'HZHR', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, 'shrh', ['上海瑞华贸易有限公司']);
    await expectFound(rep, 'abc', ['ABC供应链管理有限公司']);
    await expectFound(rep, 'ｂｃ供应', ['ABC供应链管理有限公司']);
  });

  it('finds a phone fragment of 4+ digits from the middle or the end, typed in full-width or with spaces', async () => {
    await expectFound(rep, '8000', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, '0013', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, '１２３４', ['上海瑞华贸易有限公司']);
    await expectFound(rep, '6234 5678', ['华瑞（北京）科技有限公司']);
    await expectFound(rep, '+86 138 0013 8000', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, '99999', []);
  });

  it('finds an e-mail by prefix, and mixed input by name substring only', async () => {
    await expectFound(rep, 'sales@huarui', ['杭州华瑞精密机械有限公司']);
    await expectFound(rep, 'info', ['上海瑞华贸易有限公司']);
    await expectFound(rep, 'abc供应', ['ABC供应链管理有限公司']);
    await expectFound(rep, '华瑞hz', []);
    await expectFound(rep, '%', []);
    await expectFound(rep, '华', [
      '杭州华瑞精密机械有限公司',
      '华瑞（北京）科技有限公司',
      '上海瑞华贸易有限公司',
    ]);
  });

  it('respects access: a rep never finds another team’s customer; the admin and the manager do within scope', async () => {
    await expectFound(otherRep, '华瑞', ['广州华瑞物流有限公司']);
    await expectFound(otherRep, '8000', ['广州华瑞物流有限公司']);
    await expectFound(rep, 'gzhr', []);
    await expectFound(admin, '华瑞', [
      '杭州华瑞精密机械有限公司',
      '华瑞（北京）科技有限公司',
      '广州华瑞物流有限公司',
    ]);
    // 华东大区 holds 上海一组 (刘洋) but not 广州组 (吴芳).
    await expectFound(manager, '华瑞', ['杭州华瑞精密机械有限公司', '华瑞（北京）科技有限公司']);
  });

  it('lets a collaborator and pool members find the customers they may read, and only those', async () => {
    const shared = ids.ruihua!;
    const res = await rep({
      method: 'PUT',
      url: `/api/v1/customers/${shared}/collaborators`,
      body: { collaborators: [{ userId: otherRep.userId, level: 'read' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    await expectFound(otherRep, 'shrh', ['上海瑞华贸易有限公司']);
    await expectFound(otherRep, '瑞华', ['上海瑞华贸易有限公司']);

    const released = await rep({
      method: 'POST',
      url: '/api/v1/customers/release',
      body: { ids: [ids.abc], reason: '客户暂无采购需求' },
    });
    expect(released.statusCode, released.body).toBe(200);
    const inPool = async (c: Client, q: string) =>
      (await c({ url: `/api/v1/customers?poolId=${defaultPoolId}&q=${encodeURIComponent(q)}` }))
        .json()
        .data.map((x: Customer) => x.name);
    expect(await inPool(otherRep, '1111')).toEqual(['ABC供应链管理有限公司']);
    expect(await inPool(otherRep, '供应链')).toEqual(['ABC供应链管理有限公司']);
    // The owned-customers list no longer holds it.
    expect(await search(rep, '供应链')).toEqual([]);
  });

  it('follows renames, new phones and deletion', async () => {
    const id = ids.huarui!;
    const current = (await rep({ url: `/api/v1/customers/${id}` })).json();
    const res = await rep({
      method: 'PATCH',
      url: `/api/v1/customers/${id}`,
      headers: { 'if-match': String(current.version) },
      body: { name: '杭州启明精密机械有限公司', phone: '13655556666' },
    });
    expect(res.statusCode, res.body).toBe(200);
    await expectFound(rep, '华瑞精密', []);
    await expectFound(rep, '启明', ['杭州启明精密机械有限公司']);
    await expectFound(rep, '5566', ['杭州启明精密机械有限公司']);
    await expectFound(rep, '0013', []);
    const del = await admin({
      method: 'DELETE',
      url: `/api/v1/customers/${id}`,
      headers: { 'if-match': String(current.version + 1) },
    });
    expect(del.statusCode, del.body).toBe(204);
    await expectFound(rep, '启明', []);
    const docs = await t.ctx.db
      .selectFrom('searchDocs')
      .select('recordId')
      .where('recordId', '=', id)
      .execute();
    expect(docs, 'a deleted customer leaves the search index').toEqual([]);
  });

  it('reports the total exactly below the cap', async () => {
    const res = (await admin({ url: '/api/v1/customers?limit=1' })).json();
    expect(res.totalCapped).toBe(false);
    const all = await sql<{ n: number }>`select count(*) as n from customers
      where org_id = ${t.orgId} and deleted_at is null and owner_id is not null`.execute(t.ctx.db);
    expect(res.totalCount).toBe(Number(all.rows[0]!.n));
  });
});
