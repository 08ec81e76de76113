import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import {
  demoOrg,
  expectProblem,
  loginAdmin,
  loginDemo,
  makeOrg,
  makeRole,
  makeUser,
  strongPassword,
} from './helpers.js';
import { type Cell, type ImportView, importer, multipart, xlsx } from './import-helpers.js';

type UsersImport = ImportView & {
  object: string;
  result: ImportView['result'] & { departments?: number; invitations?: number };
  fields: { key: string; label: string; required: boolean; standalone: boolean }[];
};

const header = ['姓名', '邮箱', '手机', '部门', '职位', '角色', '上级'];

/** 远航科技's org chart as HR keeps it: a title row, paths with three kinds of separator, a manager listed later. */
const orgChart: Cell[][] = [
  ['远航科技 员工花名册'],
  header,
  [
    '周海',
    'zhou.hai@yuanhang.cn',
    '13911110001',
    '远航科技/销售中心',
    '销售总监',
    '销售经理',
    'zhou.hai@yuanhang.cn',
  ],
  [
    '吴敏',
    'Wu.Min@YuanHang.cn',
    '139 1111 0002',
    '销售中心/华东大区',
    '大区经理',
    'sales_manager',
    'wu.min@yuanhang.cn',
  ],
  [
    '郑凯',
    'zheng.kai@yuanhang.cn',
    13911110003,
    '销售中心>华东大区>上海一组',
    '销售',
    '销售',
    'sun.li@yuanhang.cn',
  ],
  ['孙丽', 'sun.li@yuanhang.cn', null, '销售中心\\华东大区\\上海一组', '组长', 'sales_manager、销售', null],
  ['钱进', 'qian.jin@yuanhang.cn', null, '财务部', '会计', '财务', null],
  ['冯雪', 'feng.xue@yuanhang.cn', null, null, null, null, null],
];

describe.each(testDialects)('user and department import on %s', (dialect) => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof makeOrg>>; // 远航科技, moving in
  let demoAdmin: Client;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await demoOrg(t);
    demoAdmin = await loginAdmin(t);
    org = await makeOrg(t, '远航科技');
  });
  afterAll(() => t.close());

  const upload = async (c: Client, fileName: string, content: Buffer, lang = 'zh-CN') => {
    const m = multipart(fileName, content);
    return c({
      method: 'POST',
      url: '/api/v1/imports/user',
      body: m.body,
      headers: { ...m.headers, 'accept-language': lang },
    });
  };
  const uploaded = async (c: Client, content: Buffer) => {
    const res = await upload(c, '花名册.xlsx', content);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as UsersImport;
  };
  const departments = async (orgId: string) => {
    const rows = await t.ctx.db
      .selectFrom('departments as d')
      .leftJoin('departments as p', 'p.id', 'd.parentId')
      .leftJoin('users as m', 'm.id', 'd.managerId')
      .select(['d.name', 'p.name as parent', 'm.email as manager'])
      .where('d.orgId', '=', orgId)
      .orderBy('d.name')
      .execute();
    return rows;
  };
  const userRows = (orgId: string) =>
    t.ctx.db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select([
        'u.id',
        'u.name',
        'u.email',
        'u.mobile',
        'u.title',
        'u.passwordHash',
        'u.version',
        'd.name as dept',
      ])
      .where('u.orgId', '=', orgId)
      .orderBy('u.email')
      .execute();
  const rolesOf = async (email: string) => {
    const rows = await t.ctx.db
      .selectFrom('users as u')
      .innerJoin('userRoles as ur', 'ur.userId', 'u.id')
      .innerJoin('roles as r', 'r.id', 'ur.roleId')
      .select('r.key')
      .where('u.email', '=', email)
      .orderBy('r.key')
      .execute();
    return rows.map((r) => r.key);
  };

  it('moves an org chart in: creates the department tree once, the users without passwords, and the managers', async () => {
    const im = importer(t, org.admin);
    const v = await uploaded(org.admin, await xlsx(orgChart, { sheet: '花名册' }));
    expect(v.object).toBe('user');
    expect(v.headers).toEqual(header);
    expect(v.mapping).toEqual({
      '0': 'name',
      '1': 'email',
      '2': 'mobile',
      '3': 'department',
      '4': 'title',
      '5': 'roles',
      '6': 'manager',
    });
    expect(v.fields.find((f) => f.key === 'department')).toMatchObject({ standalone: true, required: false });

    const checked = (await im.check(v)) as UsersImport;
    expect(checked.summary).toEqual({
      rows: 6,
      empty: 0,
      valid: 6,
      errors: 0,
      fileDuplicates: 0,
      dbDuplicates: 0,
      similar: 0,
    });
    const done = (await im.run(v.id, 'skip')) as UsersImport;
    expect(done.status).toBe('done');
    expect(done.result).toEqual({
      created: 6,
      merged: 0,
      skipped: 0,
      failed: 0,
      departments: 4,
      invitations: 6,
    });

    expect(await departments(org.orgId)).toEqual([
      { name: '上海一组', parent: '华东大区', manager: 'sun.li@yuanhang.cn' }, // named by a row before 孙丽's
      { name: '华东大区', parent: '销售中心', manager: 'wu.min@yuanhang.cn' },
      { name: '财务部', parent: '远航科技', manager: null },
      { name: '远航科技', parent: null, manager: org.adminEmail },
      { name: '销售中心', parent: '远航科技', manager: 'zhou.hai@yuanhang.cn' },
    ]);
    const users = await userRows(org.orgId);
    const by = (email: string) => users.find((u) => u.email === email)!;
    expect(by('wu.min@yuanhang.cn')).toMatchObject({ name: '吴敏', mobile: '13911110002', dept: '华东大区' });
    expect(by('zheng.kai@yuanhang.cn')).toMatchObject({
      mobile: '13911110003',
      dept: '上海一组',
      title: '销售',
    });
    expect(by('feng.xue@yuanhang.cn')).toMatchObject({ dept: '远航科技', title: null });
    for (const u of users.filter((x) => x.email.endsWith('@yuanhang.cn')))
      expect(u.passwordHash, `${u.email} was imported without a password`).toBeNull();
    expect(await rolesOf('zhou.hai@yuanhang.cn')).toEqual(['sales_manager']);
    expect(await rolesOf('sun.li@yuanhang.cn')).toEqual(['sales_manager', 'sales_rep']);
    expect(await rolesOf('qian.jin@yuanhang.cn')).toEqual(['finance']);
    expect(await rolesOf('feng.xue@yuanhang.cn')).toEqual(['sales_rep']); // no 角色: 销售
    // Like a user created in the UI: audited, with an event that names the import; nobody was mailed.
    const events = (
      await t.ctx.db
        .selectFrom('events')
        .select(['type', 'payload'])
        .where('orgId', '=', org.orgId)
        .where('type', 'in', ['user.create', 'department.create', 'department.update'])
        .execute()
    ).filter((e) => JSON.parse(e.payload).importId === v.id);
    expect(events.filter((e) => e.type === 'user.create')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'department.create')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'department.update')).toHaveLength(3); // the three managers
    // The admin issues an invitation link from the users page as for any user.
    const link = await org.admin({
      method: 'POST',
      url: `/api/v1/users/${by('qian.jin@yuanhang.cn').id}/invitation`,
    });
    expect(link.statusCode, link.body).toBe(201);

    // The same file again with 跳过: every row is a known user and nothing changes.
    const before = { departments: await departments(org.orgId), users: await userRows(org.orgId) };
    const again = await uploaded(org.admin, await xlsx(orgChart));
    const rechecked = await im.check(again);
    expect(rechecked.summary).toMatchObject({ valid: 0, dbDuplicates: 6 });
    const [first] = await im.issues(again.id);
    expect(first).toMatchObject({ kind: 'db_duplicate', message: '用户已存在：周海 <zhou.hai@yuanhang.cn>' });
    // A login is unique: there is no "create anyway" for users.
    expectProblem(
      await org.admin({ method: 'POST', url: `/api/v1/imports/${again.id}/run`, body: { policy: 'create' } }),
      403,
      'forbidden',
    );
    const skipped = (await im.run(again.id, 'skip')) as UsersImport;
    expect(skipped.result).toEqual({ created: 0, merged: 0, skipped: 6, failed: 0 });
    expect({ departments: await departments(org.orgId), users: await userRows(org.orgId) }).toEqual(before);
  });

  it('builds the department tree from a file with only 部门; known paths are reported and skipped', async () => {
    const im = importer(t, org.admin);
    const file = await xlsx([
      ['部门'],
      ['销售中心/华南大区'],
      ['销售中心 / 华南大区 / 广州组'],
      ['研发中心>平台组'],
      ['财务部'],
      ['销售中心/华南大区'],
    ]);
    const v = await uploaded(org.admin, file);
    expect(v.mapping).toEqual({ '0': 'department' });
    const checked = await im.check(v);
    expect(checked.summary).toMatchObject({
      rows: 5,
      valid: 3,
      fileDuplicates: 1,
      dbDuplicates: 1,
      errors: 0,
    });
    const issues = await im.issues(v.id);
    expect(issues.map((i) => [i.rowNo, i.message])).toEqual([
      [5, '部门已存在：财务部'],
      [6, '与文件第 2 行重复（部门相同）'],
    ]);
    const done = (await im.run(v.id, 'skip')) as UsersImport;
    expect(done.result).toEqual({ created: 3, merged: 0, skipped: 1, failed: 1, departments: 4 });
    const tree = await departments(org.orgId);
    expect(tree.filter((d) => ['华南大区', '广州组', '研发中心', '平台组'].includes(d.name))).toEqual([
      { name: '华南大区', parent: '销售中心', manager: null },
      { name: '平台组', parent: '研发中心', manager: null },
      { name: '广州组', parent: '华南大区', manager: null },
      { name: '研发中心', parent: '远航科技', manager: null },
    ]);
  });

  it('needs 姓名 and 邮箱 once a person column is mapped', async () => {
    const v = await uploaded(
      org.admin,
      await xlsx([
        ['姓名', '部门'],
        ['蒋涛', '研发中心'],
      ]),
    );
    const res = await org.admin({
      method: 'POST',
      url: `/api/v1/imports/${v.id}/check`,
      body: { mapping: v.mapping },
    });
    const problem = expectProblem(res, 422, 'validation_failed');
    expect(problem.errors?.map((e) => e.message)).toEqual(['必须为“邮箱”选择一列']);
  });

  it('finds bad e-mails, unknown roles, roles beyond the importer, and duplicates in the file and in the database', async () => {
    // An HR clerk who manages users and departments but holds no sales rights.
    const hr = await makeRole(org.admin, {
      permissions: {
        user: { actions: ['read', 'create', 'update', 'import'], scope: 'all' },
        department: { actions: ['read', 'create', 'update'], scope: 'all' },
      },
    });
    const viewer = await makeRole(org.admin, {
      permissions: { user: { actions: ['read'], scope: 'department' } },
    });
    const root = await t.ctx.db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', org.orgId)
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    const clerk = await makeUser(org.admin, {
      departmentId: root.id,
      roles: [hr.key],
      password: strongPassword,
    });
    const c = await t.login(clerk.email, strongPassword);
    const im = importer(t, c);
    const file = await xlsx([
      header,
      ['蒋涛', 'jiang.tao@yuanhang', null, '研发中心', null, viewer.key, null], // 2: bad e-mail
      ['韩梅', 'han.mei@yuanhang.cn', null, '研发中心', null, '宇航员', null], // 3: unknown role
      ['杨帆', 'yang.fan@yuanhang.cn', null, '研发中心', null, '销售经理', null], // 4: beyond the clerk
      ['许诺', 'xu.nuo@yuanhang.cn', 'abc', '研发中心', null, 'admin', null], // 5: bad mobile, admin role
      ['曹阳', 'cao.yang@yuanhang.cn', '13922220001', '研发中心/平台组', null, viewer.key, null], // 6: fine
      ['曹阳', 'CAO.YANG@yuanhang.cn', null, '研发中心', null, viewer.key, null], // 7: same e-mail as 6
      ['彭程', 'peng.cheng@yuanhang.cn', '+86 139-2222-0001', '研发中心', null, viewer.key, null], // 8: mobile of 6
      ['周海', 'zhou.hai@yuanhang.cn', null, '研发中心', null, viewer.key, null], // 9: exists here
      ['李明', 'li.ming@demo.cadence', null, '研发中心', null, viewer.key, null], // 10: another org's login
    ]);
    const v = await uploaded(c, file);
    const checked = await im.check(v);
    expect(checked.summary).toEqual({
      rows: 9,
      empty: 0,
      valid: 1,
      errors: 4,
      fileDuplicates: 2,
      dbDuplicates: 2,
      similar: 0,
    });
    const issues = await im.issues(v.id);
    expect(issues.map((i) => [i.rowNo, i.kind, i.field, i.message])).toEqual([
      [2, 'error', 'email', '邮箱：邮箱地址无效'],
      [3, 'error', 'roles', '角色：没有角色“宇航员”（按角色标识或名称匹配）'],
      [4, 'error', 'roles', '角色：不能授予角色“销售经理”：它超出你自己的权限'],
      [5, 'error', 'mobile', '手机：电话号码无效'],
      [5, 'error', 'roles', '角色：不能授予角色“admin”：它超出你自己的权限'],
      [7, 'file_duplicate', null, '与文件第 6 行重复（邮箱相同）'],
      [8, 'file_duplicate', null, '与文件第 6 行重复（手机号相同）'],
      [9, 'db_duplicate', null, '用户已存在：周海 <zhou.hai@yuanhang.cn>'],
      // Another org's user is not described, only that the login is taken.
      [10, 'db_duplicate', null, '该邮箱已被使用'],
    ]);
    const en = await im.issues(v.id, 'en');
    expect(en[2]!.message).toBe(
      'Roles: You cannot grant the role “销售经理”: it has more rights than your own',
    );

    // 合并 updates what the clerk may change; another org's user stays untouched.
    const lm = await t.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'li.ming@demo.cadence')
      .executeTakeFirstOrThrow();
    const done = (await im.run(v.id, 'merge')) as UsersImport;
    expect(done.result).toMatchObject({ created: 1, merged: 1, skipped: 0, failed: 7 });
    expect(
      await t.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'li.ming@demo.cadence')
        .executeTakeFirst(),
    ).toEqual(lm);
    const users = await userRows(org.orgId);
    expect(users.find((u) => u.email === 'zhou.hai@yuanhang.cn')).toMatchObject({ dept: '研发中心' });
    expect(await rolesOf('zhou.hai@yuanhang.cn')).toEqual([viewer.key]);
    expect(users.find((u) => u.email === 'cao.yang@yuanhang.cn')).toMatchObject({ dept: '平台组' });
    const report = await c({ url: `/api/v1/imports/${v.id}/report?format=csv` });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('没有角色“宇航员”');
  });

  it('refuses users without the user import right, and keeps each org to itself', async () => {
    const file = await xlsx([header, ['韦东', 'wei.dong@demo.cadence', null, '销售中心', null, null, null]]);
    // 李明 may import customers but not users; 刘洋 may import nothing.
    for (const who of ['li.ming', 'liu.yang']) {
      const c = await loginDemo(t, who);
      expectProblem(await upload(c, 'users.xlsx', file), 403, 'forbidden');
    }
    // Another org's admin cannot see or drive this org's import.
    const v = await uploaded(org.admin, file);
    for (const req of [
      { url: `/api/v1/imports/${v.id}` },
      { method: 'POST' as const, url: `/api/v1/imports/${v.id}/check`, body: { mapping: v.mapping } },
    ])
      expectProblem(await demoAdmin(req), 404, 'not_found');
    // Paths are resolved in the importer's org: the demo org's 销售中心 is not reused.
    const im = importer(t, org.admin);
    await im.check(v);
    const done = (await im.run(v.id, 'skip')) as UsersImport;
    expect(done.result).toMatchObject({ created: 1 });
    const wei = await t.ctx.db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select(['u.orgId', 'd.orgId as deptOrg'])
      .where('u.email', '=', 'wei.dong@demo.cadence')
      .executeTakeFirstOrThrow();
    expect(wei).toEqual({ orgId: org.orgId, deptOrg: org.orgId });
  });
});
