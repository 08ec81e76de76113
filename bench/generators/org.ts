import { sql } from 'kysely';
import { hashPassword } from '../../server/src/platform/auth/password.js';
import { newId } from '../../server/src/platform/ids.js';
import { BatchWriter, type GenContext, type Generator, pick } from './context.js';

/** The password of every generated user (one scrypt hash, computed once, shared by all of them). */
export const generatedUserPassword = 'Bench@2026';

const regions = ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '华东二', '华南二', '华北二'];
const cities = [
  '上海',
  '杭州',
  '南京',
  '苏州',
  '宁波',
  '广州',
  '深圳',
  '东莞',
  '佛山',
  '厦门',
  '北京',
  '天津',
  '济南',
  '青岛',
  '石家庄',
  '武汉',
  '长沙',
  '郑州',
  '合肥',
  '南昌',
  '成都',
  '重庆',
  '昆明',
  '贵阳',
  '西安',
  '兰州',
  '沈阳',
  '大连',
  '长春',
  '哈尔滨',
];
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const givenChars = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉鹏飞宇浩凯晨思雨欣怡嘉琪子轩梓涵一诺博文佳颖俊杰',
];

function personName(random: () => number): string {
  const given = pick(random, givenChars) + (random() < 0.7 ? pick(random, givenChars) : '');
  return pick(random, surnames) + given;
}

function departmentName(level: number, index: number, sibling: number): string {
  if (level === 1) {
    const base = regions[index % regions.length]!;
    return index < regions.length ? `${base}大区` : `${base}${Math.floor(index / regions.length) + 1}大区`;
  }
  if (level === 2) {
    const city = cities[index % cities.length]!;
    return index < cities.length ? `${city}分公司` : `${city}${Math.floor(index / cities.length) + 1}分公司`;
  }
  const n = sibling < numerals.length ? numerals[sibling]! : String(sibling + 1);
  return `销售${n}组`;
}

/**
 * A large org chart: `--departments` departments in a tree under the org's root (regions → branches →
 * teams, breadth first), and `--users` users. The first user of each department manages it
 * (sales_manager); the others are spread over all departments, mostly sales reps, some in finance,
 * after-sales and marketing roles. Written straight to the tables in batches (no audit rows, no events:
 * it is bulk data, not user changes). Every generated user signs in with `generatedUserPassword`.
 */
export const orgGenerator: Generator = {
  name: 'org chart',
  options: {
    departments: { default: 50, help: 'departments under the root (a tree, breadth first)' },
    users: { default: 500, help: 'users spread over the departments' },
  },
  async run(ctx, counts) {
    const departmentCount = Math.max(0, counts.departments ?? 0);
    const userCount = Math.max(0, counts.users ?? 0);
    const { db, orgId, now, random } = ctx;

    const roles = await db.selectFrom('roles').select(['id', 'key']).where('orgId', '=', orgId).execute();
    const roleId = (key: string) => {
      const r = roles.find((x) => x.key === key);
      if (!r) throw new Error(`org ${orgId} has no role ${key}`);
      return r.id;
    };
    const runTag = newId().slice(-8);
    const mobilePrefix = await freeMobilePrefix(ctx);

    // Departments, breadth first; ancestors kept per department (depth is small) for the closure table.
    const branching = Math.max(2, Math.ceil(Math.cbrt(departmentCount)));
    const ancestors = new Map<string, string[]>([[ctx.rootDepartmentId, [ctx.rootDepartmentId]]]);
    const levelIndex = new Map<number, number>();
    const managers: { departmentId: string; userId: string; level: number }[] = [];
    const queue: { id: string; level: number }[] = [{ id: ctx.rootDepartmentId, level: 0 }];
    const deptWriter = new BatchWriter(ctx, 'departments', departmentCount);
    let made = 0;
    while (made < departmentCount && queue.length) {
      const parent = queue.shift()!;
      for (let s = 0; s < branching && made < departmentCount; s++) {
        const id = newId();
        const level = parent.level + 1;
        const index = levelIndex.get(level) ?? 0;
        levelIndex.set(level, index + 1);
        const managerId = userCount > made ? newId() : null;
        await deptWriter.add('departments', {
          id,
          orgId,
          parentId: parent.id,
          name: departmentName(level, index, s),
          sortOrder: s,
          managerId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        const path = [id, ...ancestors.get(parent.id)!];
        ancestors.set(id, path);
        for (const [depth, ancestorId] of path.entries())
          await deptWriter.add('departmentClosure', { orgId, ancestorId, descendantId: id, depth });
        if (managerId) managers.push({ departmentId: id, userId: managerId, level });
        ctx.departmentIds.push(id);
        queue.push({ id, level });
        made++;
        deptWriter.tick();
      }
    }
    await deptWriter.done();

    // Users: managers first (their ids are already on their departments), then everyone else.
    const passwordHash = await hashPassword(generatedUserPassword);
    const targets = ctx.departmentIds.length ? ctx.departmentIds : [ctx.rootDepartmentId];
    const userWriter = new BatchWriter(ctx, 'users', userCount);
    for (let i = 0; i < userCount; i++) {
      const manager = managers[i];
      const r = random();
      const [role, title] = manager
        ? [
            'sales_manager',
            manager.level === 1 ? '大区总监' : manager.level === 2 ? '分公司经理' : '销售组长',
          ]
        : r < 0.04
          ? ['finance', '财务专员']
          : r < 0.08
            ? ['after_sales', '售后工程师']
            : r < 0.12
              ? ['marketing', '市场专员']
              : ['sales_rep', r < 0.4 ? '高级销售' : '销售代表'];
      const id = manager?.userId ?? newId();
      await userWriter.add('users', {
        id,
        orgId,
        name: personName(random),
        email: `u${i}.${runTag}@bench.cadence`,
        mobile: mobilePrefix ? `${mobilePrefix}${String(i).padStart(7, '0')}` : null,
        title,
        departmentId: manager?.departmentId ?? pick(random, targets),
        passwordHash,
        active: random() < 0.97 ? 1 : 0,
        locale: 'zh-CN',
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await userWriter.add('userRoles', { orgId, userId: id, roleId: roleId(role) });
      ctx.userIds.push(id);
      userWriter.tick();
    }
    await userWriter.done();
  },
};

/** An unused 4-digit mobile prefix (19xx) for this run's 7-digit numbers, or null (then no mobiles). */
async function freeMobilePrefix(ctx: GenContext): Promise<string | null> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const prefix = `19${String(Math.floor(ctx.random() * 100)).padStart(2, '0')}`;
    const { rows } = await sql`select 1 from users where mobile like ${`${prefix}%`} limit 1`.execute(ctx.db);
    if (!rows.length) return prefix;
  }
  return null;
}
