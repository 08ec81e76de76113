import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertClosure } from '../modules/org/departments.repo.js';
import { createUser } from '../modules/org/users.service.js';
import { newId } from '../platform/ids.js';

/** The password every demo user signs in with (demo orgs only; never in production mode). */
export const demoPassword = 'Cadence@2026';

type Dept = { key: string; name: string; parent: string | null };
type Person = {
  name: string;
  email: string;
  mobile: string;
  title: string;
  dept: string;
  roles: string[];
  manages?: boolean;
};

// A mid-sized Chinese sales org: a sales centre with three regions and their teams, plus the
// finance, after-sales and marketing departments that share the same customers.
const departments: Dept[] = [
  { key: 'sales', name: '销售中心', parent: null },
  { key: 'east', name: '华东大区', parent: 'sales' },
  { key: 'sh', name: '上海一组', parent: 'east' },
  { key: 'hz', name: '杭州组', parent: 'east' },
  { key: 'south', name: '华南大区', parent: 'sales' },
  { key: 'gz', name: '广州组', parent: 'south' },
  { key: 'sz', name: '深圳组', parent: 'south' },
  { key: 'north', name: '华北大区', parent: 'sales' },
  { key: 'finance', name: '财务部', parent: null },
  { key: 'service', name: '售后服务部', parent: null },
  { key: 'marketing', name: '市场部', parent: null },
];

const people: Person[] = [
  {
    name: '王建国',
    email: 'wang.jianguo@demo.cadence',
    mobile: '13800000001',
    title: '销售总监',
    dept: 'sales',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '李明',
    email: 'li.ming@demo.cadence',
    mobile: '13800000002',
    title: '华东大区经理',
    dept: 'east',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '张伟',
    email: 'zhang.wei@demo.cadence',
    mobile: '13800000003',
    title: '上海一组组长',
    dept: 'sh',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '刘洋',
    email: 'liu.yang@demo.cadence',
    mobile: '13800000004',
    title: '高级销售',
    dept: 'sh',
    roles: ['sales_rep'],
  },
  {
    name: '陈静',
    email: 'chen.jing@demo.cadence',
    mobile: '13800000005',
    title: '销售',
    dept: 'sh',
    roles: ['sales_rep'],
  },
  {
    name: '杨帆',
    email: 'yang.fan@demo.cadence',
    mobile: '13800000006',
    title: '杭州组组长',
    dept: 'hz',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '赵磊',
    email: 'zhao.lei@demo.cadence',
    mobile: '13800000007',
    title: '销售',
    dept: 'hz',
    roles: ['sales_rep'],
  },
  {
    name: '黄丽',
    email: 'huang.li@demo.cadence',
    mobile: '13800000008',
    title: '华南大区经理',
    dept: 'south',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '周杰',
    email: 'zhou.jie@demo.cadence',
    mobile: '13800000009',
    title: '广州组组长',
    dept: 'gz',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '吴芳',
    email: 'wu.fang@demo.cadence',
    mobile: '13800000010',
    title: '高级销售',
    dept: 'gz',
    roles: ['sales_rep'],
  },
  {
    name: '徐强',
    email: 'xu.qiang@demo.cadence',
    mobile: '13800000011',
    title: '销售',
    dept: 'gz',
    roles: ['sales_rep'],
  },
  {
    name: '孙悦',
    email: 'sun.yue@demo.cadence',
    mobile: '13800000012',
    title: '深圳组组长',
    dept: 'sz',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '马超',
    email: 'ma.chao@demo.cadence',
    mobile: '13800000013',
    title: '销售',
    dept: 'sz',
    roles: ['sales_rep'],
  },
  {
    name: '朱婷',
    email: 'zhu.ting@demo.cadence',
    mobile: '13800000014',
    title: '华北大区经理',
    dept: 'north',
    roles: ['sales_manager'],
    manages: true,
  },
  {
    name: '胡斌',
    email: 'hu.bin@demo.cadence',
    mobile: '13800000015',
    title: '销售',
    dept: 'north',
    roles: ['sales_rep'],
  },
  {
    name: '郭敏',
    email: 'guo.min@demo.cadence',
    mobile: '13800000016',
    title: '销售',
    dept: 'north',
    roles: ['sales_rep'],
  },
  {
    name: '林晓燕',
    email: 'lin.xiaoyan@demo.cadence',
    mobile: '13800000017',
    title: '财务经理',
    dept: 'finance',
    roles: ['finance'],
    manages: true,
  },
  {
    name: '何涛',
    email: 'he.tao@demo.cadence',
    mobile: '13800000018',
    title: '售后主管',
    dept: 'service',
    roles: ['after_sales'],
    manages: true,
  },
  {
    name: '高雪',
    email: 'gao.xue@demo.cadence',
    mobile: '13800000019',
    title: '市场经理',
    dept: 'marketing',
    roles: ['marketing'],
    manages: true,
  },
  {
    name: '罗刚',
    email: 'luo.gang@demo.cadence',
    mobile: '13800000020',
    title: '销售运营',
    dept: 'sales',
    roles: ['admin'],
  },
];

/** Adds the demo org chart and about 20 users under the org's root department. Call in a transaction. */
export async function seedDemoOrg(tx: Kysely<DB>, orgId: string, rootId: string, now: number) {
  const ids = new Map<string, string>();
  for (const [i, d] of departments.entries()) {
    const id = newId();
    const parentId = d.parent ? ids.get(d.parent)! : rootId;
    await tx
      .insertInto('departments')
      .values({
        id,
        orgId,
        parentId,
        name: d.name,
        sortOrder: i,
        managerId: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await insertClosure(tx, orgId, id, parentId);
    ids.set(d.key, id);
  }
  const users = new Map<string, string>();
  for (const p of people) {
    const departmentId = ids.get(p.dept)!;
    const { id } = await createUser(
      tx,
      { orgId, actorId: null, at: now },
      { ...p, departmentId, password: demoPassword },
    );
    users.set(p.email, id);
    if (p.manages)
      await tx.updateTable('departments').set({ managerId: id }).where('id', '=', departmentId).execute();
  }
  return { departments: ids, users };
}

export const demoPeople = people;
