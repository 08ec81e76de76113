import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
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
import { customerNames, importer, xlsx } from './import-helpers.js';

describe.each(testDialects)('customer import on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client; // 李明, 华东大区 (has import)
  let rep: Client; // 刘洋 (no import right)
  let people: Awaited<ReturnType<typeof demoOrg>>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    people = await demoOrg(t);
    admin = await loginAdmin(t);
    manager = await loginDemo(t, 'li.ming');
    rep = await loginDemo(t, 'liu.yang');
  });
  afterAll(() => t.close());

  it('imports a typical Chinese list: title row, merged company cell, formulas, empty rows, contact on the row', async () => {
    const file = await xlsx(
      [
        ['2026 年展会客户清单'],
        ['公司名称', '联系人', '手机', '行业', '客户等级', '负责人', '标签'],
        ['杭州云栖数据科技有限公司', '张伟', '13800001111', '软件', 'A', '刘洋', '展会，重点'],
        [null, '王芳', '13800002222', null, null, null, null],
        [],
        [
          '苏州工业园精密制造有限公司',
          '陈静',
          { formula: '"1390000"&"3333"', result: '13900003333' },
          '制造',
          'b级',
          'li.ming@demo.cadence',
          null,
        ],
        ['   ', null, null, null, null, null, null],
        ['南京紫金山医疗器械有限公司', '赵磊', '13700004444', '医疗', 'C', null, null],
      ],
      { merges: ['A1:G1', 'A3:A4'] },
    );
    const im = importer(t, manager);
    const v = await im.uploaded('展会客户.xlsx', file);
    expect(v.status).toBe('uploaded');
    expect(v.headers).toEqual(['公司名称', '联系人', '手机', '行业', '客户等级', '负责人', '标签']);
    // 手机 next to 联系人 is the contact's mobile.
    expect(v.mapping).toEqual({
      '0': 'name',
      '1': 'contact.name',
      '2': 'contact.mobile',
      '3': 'industry',
      '4': 'level',
      '5': 'owner',
      '6': 'tags',
    });
    expect(v.sample[0]).toEqual([
      '杭州云栖数据科技有限公司',
      '张伟',
      '13800001111',
      '软件',
      'A',
      '刘洋',
      '展会，重点',
    ]);

    const checked = await im.check(v);
    expect(checked.status).toBe('checked');
    // Row 4 repeats the merged company name of row 3: a duplicate inside the file.
    expect(checked.summary).toEqual({
      rows: 4,
      empty: 1, // the row of spaces (Excel does not even store a row with nothing in it)
      valid: 3,
      errors: 0,
      fileDuplicates: 1,
      dbDuplicates: 0,
      similar: 0,
    });
    const [dup] = await im.issues(v.id);
    expect(dup).toMatchObject({ rowNo: 4, kind: 'file_duplicate', message: '与文件第 3 行重复（名称相同）' });
    expect(dup!.cells[0]).toBe('杭州云栖数据科技有限公司');

    const done = await im.run(v.id, 'skip');
    expect(done.status, JSON.stringify(done)).toBe('done');
    expect(done.result).toEqual({ created: 3, merged: 0, skipped: 0, failed: 1 });
    const yunqi = await t.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('name', '=', '杭州云栖数据科技有限公司')
      .executeTakeFirstOrThrow();
    expect(yunqi).toMatchObject({ ownerId: people.user('liu.yang'), level: 'A', industry: '软件' });
    expect(JSON.parse(yunqi.tags)).toEqual(['展会', '重点']);
    const suzhou = await t.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('name', '=', '苏州工业园精密制造有限公司')
      .executeTakeFirstOrThrow();
    expect(suzhou).toMatchObject({ ownerId: people.user('li.ming'), level: 'B' });
    const contact = await t.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('customerId', '=', suzhou.id)
      .executeTakeFirstOrThrow();
    // The formula's cached result, never evaluated here.
    expect(contact).toMatchObject({ name: '陈静', mobile: '13900003333', mobileE164: '+8613900003333' });
    // Imported records carry the import id in their event payload, and the file is gone.
    const event = await t.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('recordId', '=', yunqi.id)
      .where('type', '=', 'customer.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ importId: v.id });
    const row = await t.ctx.db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(row.fileKey).toBeNull();
    expect(
      await t.ctx.db.selectFrom('importKeys').select('key').where('importId', '=', v.id).execute(),
    ).toEqual([]);
  });

  it('reports wrong types and formulas without values per row, with the column and a localized message', async () => {
    const file = await xlsx([
      ['客户名称', '电话', '邮箱', '客户等级', '负责人', '客户状态'],
      ['宁波港口物流有限公司', 'not a phone', 'ok@nbport.cn', 'A', null, '成交客户'],
      ['温州鞋业有限公司', '0577-88886666', 42, 'D', '不存在的人', 'x'],
      [{ formula: 'A2&"分公司"' }, '13600001111', null, null, null, null],
      ['绍兴纺织有限公司', new Date('2024-03-01'), null, null, null, null],
      [{ error: '#REF!' }, null, null, null, null, null],
      ['x'.repeat(201), null, null, null, null, null],
    ]);
    const im = importer(t, admin);
    const v = await im.check(await im.uploaded('bad.xlsx', file));
    expect(v.summary).toMatchObject({ rows: 6, errors: 6, valid: 0 });
    const zh = await im.issues(v.id);
    const msg = (rowNo: number) => zh.filter((i) => i.rowNo === rowNo).map((i) => i.message);
    expect(msg(2)).toEqual(['电话：电话号码无效']);
    expect(msg(3)).toEqual(
      expect.arrayContaining([
        '邮箱：邮箱地址无效',
        '客户等级的值“D”无法识别',
        '负责人：找不到用户“不存在的人”（按姓名或邮箱匹配启用的用户）',
        '客户状态的值“x”无法识别',
      ]),
    );
    expect(msg(4)[0]).toContain('客户名称是没有计算结果的公式');
    expect(msg(5)).toEqual(['电话：电话号码无效']);
    expect(msg(6)[0]).toBe('客户名称单元格是错误值 #REF!');
    expect(msg(7)[0]).toBe('客户名称不能超过 200 个字符');
    const en = await im.issues(v.id, 'en');
    expect(en.find((i) => i.rowNo === 3 && i.field === 'level')?.message).toBe(
      'Level: “D” is not a known value',
    );
    const before = await customerNames(t);
    const done = await im.run(v.id, 'skip');
    expect(done.result).toEqual({ created: 0, merged: 0, skipped: 0, failed: 6 });
    expect(await customerNames(t)).toEqual(before);
  });

  it('reads a GBK (GB18030) CSV as Chinese Excel writes it, and a UTF-8 one with BOM', async () => {
    const text =
      '客户名称,电话,行业\r\n厦门鼓浪屿茶业有限公司,0592-2345678,茶叶\r\n福州马尾船舶有限公司,0591-87654321,船舶\r\n';
    const im = importer(t, admin);
    const gbk = await im.uploaded('客户.csv', iconv.encode(text, 'gbk'));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.headers).toEqual(['客户名称', '电话', '行业']);
    expect(gbk.sample[0]).toEqual(['厦门鼓浪屿茶业有限公司', '0592-2345678', '茶叶']);
    const done = await im.run((await im.check(gbk)).id, 'skip');
    expect(done.result.created).toBe(2);
    expect(await customerNames(t)).toContain('厦门鼓浪屿茶业有限公司');
    const utf8 = await im.uploaded(
      'u.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称;邮箱\n泉州石材;a@qz.cn\n')]),
    );
    expect(utf8).toMatchObject({
      encoding: 'utf-8',
      headers: ['名称', '邮箱'],
      mapping: { '0': 'name', '1': 'email' },
    });
  });

  it('finds duplicates against the database with who owns them, and applies skip, merge or create', async () => {
    const im = importer(t, manager);
    const file = await xlsx([
      ['客户名称', '电话', '行业', '标签'],
      ['杭州云栖数据科技有限公司（杭州）', null, '云计算', '老客户'],
      ['全新客户甲有限公司', '13500005555', null, null],
    ]);
    const v = await im.check(await im.uploaded('dups.xlsx', file));
    expect(v.summary).toMatchObject({ dbDuplicates: 1, valid: 1 });
    const [issue] = await im.issues(v.id);
    expect(issue).toMatchObject({ rowNo: 2, kind: 'db_duplicate' });
    expect(issue!.message).toBe('客户已存在：杭州云栖数据科技有限公司 · 刘洋');

    // Skip: the existing customer is untouched, the new one created, the report says why.
    const skipped = await im.run(v.id, 'skip');
    expect(skipped.result).toEqual({ created: 1, merged: 0, skipped: 1, failed: 0 });
    const report = await manager({ url: `/api/v1/imports/${v.id}/report?format=csv` });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('客户已存在，按“跳过”处理：杭州云栖数据科技有限公司 · 刘洋');

    // Merge: the manager may update 刘洋's customer: industry set, tags added.
    const m = await im.check(await im.uploaded('merge.xlsx', file));
    const merged = await im.run(m.id, 'merge');
    // Both rows exist now (全新客户甲 since the first run): both merge.
    expect(merged.result).toEqual({ created: 0, merged: 2, skipped: 0, failed: 0 });
    const yunqi = await t.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('name', '=', '杭州云栖数据科技有限公司')
      .executeTakeFirstOrThrow();
    expect(yunqi.industry).toBe('云计算');
    expect(JSON.parse(yunqi.tags)).toEqual(['展会', '重点', '老客户']);
  });

  it('merges only into customers the importer may update; otherwise a row error naming the owner', async () => {
    const south = await loginDemo(t, 'huang.li'); // 华南大区经理: may import, may not touch 华东's customers
    await admin({
      method: 'POST',
      url: '/api/v1/customers',
      body: { name: '北京只读客户有限公司', ownerId: people.user('liu.yang') },
    });
    const im = importer(t, south);
    const v = await im.check(
      await im.uploaded(
        'm.xlsx',
        await xlsx([
          ['客户名称', '行业'],
          ['北京只读客户有限公司', '金融'],
        ]),
      ),
    );
    const done = await im.run(v.id, 'merge');
    expect(done.result).toEqual({ created: 0, merged: 0, skipped: 0, failed: 1 });
    const [issue] = await im.issues(v.id);
    expect(issue?.message).toContain('刘洋');
  });

  it('creates a duplicate anyway only with the create_duplicate right', async () => {
    const file = await xlsx([['客户名称'], ['杭州云栖数据科技有限公司']]);
    const im = importer(t, manager);
    const v = await im.check(await im.uploaded('again.xlsx', file));
    expect(v.summary?.dbDuplicates).toBe(1);
    expectProblem(
      await manager({ method: 'POST', url: `/api/v1/imports/${v.id}/run`, body: { policy: 'create' } }),
      403,
      'forbidden',
    );
    const role = await makeRole(admin, {
      permissions: { customer: { actions: ['read', 'create', 'import', 'create_duplicate'], scope: 'own' } },
    });
    const u = await makeUser(admin, {
      departmentId: people.dept('sh'),
      roles: [role.key],
      password: demoPassword,
    });
    const allowed = importer(t, await t.login(u.email, demoPassword));
    const w = await allowed.check(await allowed.uploaded('again.xlsx', file));
    const done = await allowed.run(w.id, 'create');
    expect(done.result).toEqual({ created: 1, merged: 0, skipped: 0, failed: 0 });
    expect((await customerNames(t)).filter((n) => n === '杭州云栖数据科技有限公司')).toHaveLength(2);
  });

  it('refuses a rep without the import right, other users’ imports, and steps out of order', async () => {
    const im = importer(t, rep);
    expectProblem(await im.upload('a.xlsx', await xlsx([['客户名称'], ['甲']])), 403, 'forbidden');
    const mine = await importer(t, manager).uploaded('b.xlsx', await xlsx([['客户名称'], ['乙方公司']]));
    expectProblem(await admin({ url: `/api/v1/imports/${mine.id}` }), 404, 'not_found');
    expectProblem(
      await manager({ method: 'POST', url: `/api/v1/imports/${mine.id}/run`, body: { policy: 'skip' } }),
      409,
      'import_state',
    );
    expectProblem(
      await manager({
        method: 'POST',
        url: `/api/v1/imports/${mine.id}/check`,
        body: { mapping: { '0': 'phone' } },
      }),
      422,
      'validation_failed',
    );
    expectProblem(
      await manager({
        method: 'POST',
        url: `/api/v1/imports/${mine.id}/check`,
        body: { mapping: { '0': 'name', '1': 'name' } },
      }),
      422,
      'validation_failed',
    );
  });

  it('refuses files that are not .xlsx/.csv by their bytes, old .xls, and empty files', async () => {
    const im = importer(t, admin);
    expectProblem(
      await im.upload('evil.xlsx', Buffer.from('<html>not a workbook</html>')),
      422,
      'import_file_type',
    );
    expectProblem(await im.upload('list.csv', await xlsx([['客户名称'], ['甲']])), 422, 'import_file_type');
    expectProblem(await im.upload('run.exe', Buffer.from('MZ\x90\x00')), 422, 'import_file_type');
    const ole = Buffer.alloc(512);
    ole.writeUInt32BE(0xd0cf11e0, 0);
    ole.writeUInt32BE(0xa1b11ae1, 4);
    expectProblem(await im.upload('old.xls', ole), 422, 'import_legacy_xls');
    expectProblem(await im.upload('empty.csv', Buffer.alloc(0)), 422, 'import_no_rows');
    expectProblem(await im.upload('header-only.csv', Buffer.from('客户名称\n')), 422, 'import_no_rows');
    const res = await admin({ method: 'POST', url: '/api/v1/imports/customer', body: { x: 1 } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('reads a workbook exported by Cadence back with every column mapped automatically', async () => {
    const exp = await admin({
      url: '/api/v1/customers/export?format=xlsx&columns=name,level,industry,phone,owner,tags',
    });
    const v = await importer(t, admin).uploaded('客户_2026-11-27.xlsx', exp.rawPayload);
    expect(Object.values(v.mapping)).toEqual(['name', 'level', 'industry', 'phone', 'owner', 'tags']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as never);
    expect(v.totalRows).toBe(wb.worksheets[0]!.rowCount - 1);
  });
});
