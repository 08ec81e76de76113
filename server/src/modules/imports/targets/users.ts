import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { type Actor, can, canOnRecord } from '../../../platform/access/index.js';
import { recordChange } from '../../../platform/audit/record.js';
import { AppError } from '../../../platform/errors.js';
import { normalizeEmail, normalizePhone, toHalfWidth } from '../../../platform/normalize/index.js';
import { createDepartment, updateDepartment } from '../../org/departments.service.js';
import {
  assertAdminRemains,
  assertMayGrantRoles,
  assertMayTouchAdmin,
  createUser,
  roleIdsOf,
  rolesOfUsers,
} from '../../org/users.service.js';
import {
  type ImportField,
  type ImportTarget,
  type RowIssue,
  registerImportTarget,
  type Tally,
  type WriteMeta,
  type WriteOutcome,
} from '../target.js';
import { cellReader, phoneText } from './cells.js';

// Users and the departments they sit in (an org moving in brings its org chart). A row with only
// 部门 builds that department path; a row with a person creates them there (no password: the admin
// issues invitation links from the users page) or, by the duplicate policy, skips or updates the
// user who already has that e-mail or mobile.

const fields: ImportField[] = [
  {
    key: 'name',
    label: { 'zh-CN': '姓名', en: 'Name' },
    group: 'record',
    required: true,
    synonyms: ['姓名', '名字', '员工姓名', '用户名', '成员', 'name', 'full name', 'user', 'employee'],
  },
  {
    key: 'email',
    label: { 'zh-CN': '邮箱', en: 'E-mail' },
    group: 'record',
    required: true,
    synonyms: ['邮箱', '电子邮件', '电子邮箱', '邮件', '工作邮箱', '企业邮箱', 'email', 'e-mail', 'mail'],
  },
  {
    key: 'mobile',
    label: { 'zh-CN': '手机', en: 'Mobile' },
    group: 'record',
    synonyms: ['手机', '手机号', '手机号码', '电话', '联系电话', 'mobile', 'phone', 'cell'],
  },
  {
    key: 'department',
    label: { 'zh-CN': '部门', en: 'Department' },
    group: 'record',
    standalone: true,
    synonyms: ['部门', '所属部门', '部门路径', '部门名称', '组织', 'department', 'dept', 'team'],
  },
  {
    key: 'title',
    label: { 'zh-CN': '职位', en: 'Job title' },
    group: 'record',
    synonyms: ['职位', '职务', '岗位', '职称', 'title', 'job title', 'position'],
  },
  {
    key: 'roles',
    label: { 'zh-CN': '角色', en: 'Roles' },
    group: 'record',
    synonyms: ['角色', '权限角色', '系统角色', 'roles', 'role'],
  },
  {
    key: 'manager',
    label: { 'zh-CN': '上级', en: 'Manager' },
    group: 'record',
    synonyms: ['上级', '直属上级', '部门负责人', '负责人邮箱', '上级邮箱', 'manager', 'manager e-mail'],
  },
];

/** Users without a 角色 get this role, when the importer may grant it. */
const DEFAULT_ROLE = 'sales_rep';

type Role = { key: string; grantable: boolean };

type Prepared = {
  /** Folded role key or name → role, and whether this importer may grant it. */
  roles: Map<string, Role>;
  rootName: string;
  mayUpdateDepartments: boolean;
};

export type UserRecord = {
  /** Department path below the root ([] = the root department); null: no 部门 on a user's row. */
  path: string[] | null;
  user: {
    name: string;
    email: string;
    mobile: string | null;
    mobileE164: string | null;
    title: string | null;
    /** null: no 角色 in the row (created users get DEFAULT_ROLE, merged users keep theirs). */
    roles: string[] | null;
    manager: string | null;
  } | null;
};

const fold = (s: string) => toHalfWidth(s).trim().toLowerCase();

/** `销售中心/华东大区/上海一组` (also `>` or `\`), without the root's own name in front. */
export function departmentPath(raw: string, rootName: string): string[] {
  const parts = toHalfWidth(raw)
    .split(/[/>\\]/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  if (parts.length && fold(parts[0]!) === fold(rootName)) parts.shift();
  return parts;
}

const pathText = (path: string[] | null) => (path ?? []).join(' / ');

/** How users sign in with a mobile: a Chinese number as its 11 digits, any other in E.164. */
function storedMobile(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}

export const userTarget: ImportTarget<UserRecord, Prepared> = {
  object: 'user',
  tables: ['users', 'user_roles', 'departments', 'audit_log', 'events'],
  label: { 'zh-CN': '用户与部门', en: 'Users and departments' },

  async fields() {
    return fields;
  },

  async prepare(db, actor) {
    const rows = await db
      .selectFrom('roles')
      .select(['key', 'name'])
      .where('orgId', '=', actor.orgId)
      .execute();
    const roles = new Map<string, Role>();
    for (const r of rows) {
      // The one rule for granting roles, asked per role (an org has a handful).
      const grantable = await mayGrant(db, actor, r.key);
      for (const k of [fold(r.key), fold(r.name)]) if (!roles.has(k)) roles.set(k, { key: r.key, grantable });
    }
    const root = await db
      .selectFrom('departments')
      .select('name')
      .where('orgId', '=', actor.orgId)
      .where('parentId', 'is', null)
      .orderBy('createdAt')
      .executeTakeFirst();
    return {
      roles,
      rootName: root?.name ?? '',
      mayUpdateDepartments: can(actor, 'department', 'update'),
    };
  },

  parse(values, prepared) {
    const issues: RowIssue[] = [];
    const read = cellReader(values, issues);
    const tooLong = (key: string, s: string, max: number) => {
      if (s.length <= max) return false;
      issues.push({ field: key, code: 'import_too_long', params: { max } });
      return true;
    };

    const dept = read('department');
    const path = departmentPath(dept, prepared.rootName);
    if (path.some((p) => p.length > 100)) tooLong('department', 'x'.repeat(101), 100);
    if (path.length > 20)
      issues.push({ field: 'department', code: 'import_bad_value', params: { value: dept } });

    const name = read('name');
    const emailText = read('email');
    const mobileText = read('mobile', phoneText);
    const title = read('title');
    const rolesText = read('roles');
    const managerText = read('manager');
    const person = name || emailText || mobileText || title || rolesText || managerText;
    if (!person) {
      if (!dept) issues.push({ field: 'department', code: 'import_required' });
      return { record: issues.length ? null : { path, user: null }, issues };
    }

    if (!name) issues.push({ field: 'name', code: 'import_required' });
    else tooLong('name', name, 100);
    const email = normalizeEmail(emailText);
    if (!emailText) issues.push({ field: 'email', code: 'import_required' });
    else if (!email || email.length > 200)
      issues.push({ field: 'email', code: 'invalid_email', params: { value: emailText } });
    let mobileE164: string | null = null;
    if (mobileText) {
      mobileE164 = normalizePhone(mobileText)?.e164 ?? null;
      if (!mobileE164) issues.push({ field: 'mobile', code: 'invalid_phone', params: { value: mobileText } });
    }
    tooLong('title', title, 100);

    let roles: string[] | null = null;
    if (rolesText) {
      roles = [];
      for (const part of rolesText
        .split(/[,，、;；|\n]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const role = prepared.roles.get(fold(part));
        if (!role) issues.push({ field: 'roles', code: 'import_role_unknown', params: { value: part } });
        else if (!role.grantable)
          issues.push({ field: 'roles', code: 'import_role_beyond_rights', params: { value: part } });
        else if (!roles.includes(role.key)) roles.push(role.key);
      }
      if (roles.length > 20)
        issues.push({ field: 'roles', code: 'import_bad_value', params: { value: rolesText } });
    } else {
      const role = prepared.roles.get(DEFAULT_ROLE);
      if (role && !role.grantable)
        issues.push({ field: 'roles', code: 'import_role_beyond_rights', params: { value: DEFAULT_ROLE } });
    }

    let manager: string | null = null;
    if (managerText) {
      manager = normalizeEmail(managerText);
      if (!manager) issues.push({ field: 'manager', code: 'invalid_email', params: { value: managerText } });
      else if (!prepared.mayUpdateDepartments)
        issues.push({ field: 'manager', code: 'import_manager_not_allowed' });
    }

    if (issues.length || !email) return { record: null, issues };
    return {
      record: {
        path: dept ? path : null,
        user: {
          name,
          email,
          mobile: mobileE164 ? storedMobile(mobileE164) : null,
          mobileE164,
          title: title || null,
          roles,
          manager,
        },
      },
      issues,
    };
  },

  keys({ path, user }) {
    if (!user) return [{ kind: 'department', key: (path ?? []).map(fold).join('/') }];
    const out = [{ kind: 'email', key: user.email }];
    if (user.mobileE164) out.push({ kind: 'mobile', key: user.mobileE164 });
    return out;
  },

  async existing(db, actor, { path, user }) {
    if (!user) {
      const found = await resolvePath(db, actor.orgId, path ?? []);
      return found.missing.length
        ? null
        : { exact: true, similar: false, code: 'import_department_exists', params: { path: pathText(path) } };
    }
    const hits = await usersWithLogin(db, user);
    if (!hits.length) return null;
    const elsewhere = hits.find((h) => h.orgId !== actor.orgId);
    if (elsewhere)
      // Logins are unique on the server; another org's user is not described.
      return {
        exact: true,
        similar: false,
        code: elsewhere.email === user.email ? 'duplicate_email' : 'duplicate_mobile',
        params: {},
      };
    return {
      exact: true,
      similar: false,
      code: 'import_user_exists',
      params: { name: hits.map((h) => `${h.name} <${h.email}>`).join('、') },
    };
  },

  write(tx, actor, record, meta) {
    return writeRow(tx, actor, record, meta);
  },
};

async function mayGrant(db: Kysely<DB>, actor: Actor, key: string): Promise<boolean> {
  try {
    assertMayTouchAdmin(actor, key === 'admin');
    await assertMayGrantRoles(db, actor, [key]);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.status === 403) return false;
    throw err;
  }
}

/** Users (of any org: logins are unique on the server) with this e-mail or mobile. */
function usersWithLogin(db: Kysely<DB>, user: NonNullable<UserRecord['user']>) {
  const mobiles = user.mobileE164 ? [...new Set([user.mobileE164, storedMobile(user.mobileE164)])] : [];
  return db
    .selectFrom('users')
    .select(['id', 'orgId', 'name', 'email', 'mobile', 'version'])
    .where((eb) =>
      eb.or([eb('email', '=', user.email), ...(mobiles.length ? [eb('mobile', 'in', mobiles)] : [])]),
    )
    .execute();
}

/** Walks a department path from the root: the deepest existing department and the names still missing. */
async function resolvePath(db: Kysely<DB>, orgId: string, path: string[]) {
  const root = await db
    .selectFrom('departments')
    .select('id')
    .where('orgId', '=', orgId)
    .where('parentId', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirstOrThrow();
  let id = root.id;
  for (let i = 0; i < path.length; i++) {
    const child = await db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', orgId)
      .where('parentId', '=', id)
      .where('name', '=', path[i]!)
      .orderBy('createdAt')
      .executeTakeFirst();
    if (!child) return { id, missing: path.slice(i) };
    id = child.id;
  }
  return { id, missing: [] as string[] };
}

/** The department of a path, creating the missing ones in order (which needs the department create right). */
async function departmentOf(
  tx: Kysely<DB>,
  actor: Actor,
  path: string[],
  meta: WriteMeta,
  tally: Tally,
): Promise<string> {
  const found = await resolvePath(tx, actor.orgId, path);
  if (!found.missing.length) return found.id;
  if (!can(actor, 'department', 'create'))
    throw new AppError(403, 'import_department_not_allowed', { path: pathText(path) });
  let id = found.id;
  for (const name of found.missing) {
    id = await createDepartment(tx, change(meta), { name, parentId: id });
    tally.departments = (tally.departments ?? 0) + 1;
  }
  return id;
}

const change = (meta: WriteMeta) => ({
  orgId: meta.orgId,
  actorId: meta.actorId,
  at: meta.at,
  payload: { importId: meta.importId },
});

async function writeRow(
  tx: Kysely<DB>,
  actor: Actor,
  { path, user }: UserRecord,
  meta: WriteMeta,
): Promise<WriteOutcome> {
  const tally: Tally = {};
  if (!user) {
    await departmentOf(tx, actor, path ?? [], meta, tally);
    return tally.departments
      ? { outcome: 'created', tally }
      : { outcome: 'skipped', issue: { code: 'import_department_exists', params: { path: pathText(path) } } };
  }

  const hits = await usersWithLogin(tx, user);
  const elsewhere = hits.find((h) => h.orgId !== actor.orgId);
  if (elsewhere)
    throw new AppError(409, elsewhere.email === user.email ? 'duplicate_email' : 'duplicate_mobile');
  const names = hits.map((h) => `${h.name} <${h.email}>`).join('、');
  if (hits.length) {
    if (meta.policy !== 'merge')
      return {
        outcome: 'skipped',
        issue: { code: 'import_user_duplicate_skipped', params: { name: names } },
      };
    if (hits.length > 1) throw new AppError(422, 'import_user_merge_ambiguous', { name: names });
    const before = hits[0]!;
    if (!(await canOnRecord(tx, actor, 'user', 'update', before.id)))
      throw new AppError(403, 'import_user_merge_not_allowed', { name: names });
    // Without 部门 the user stays where they are.
    const departmentId = path
      ? await departmentOf(tx, actor, path, meta, tally)
      : (
          await tx
            .selectFrom('users')
            .select('departmentId')
            .where('id', '=', before.id)
            .executeTakeFirstOrThrow()
        ).departmentId;
    await mergeUser(tx, actor, before.id, { ...user, departmentId }, meta);
    await setManagers(tx, actor, user, departmentId, meta);
    return { outcome: 'merged', tally };
  }

  const roles = user.roles ?? [DEFAULT_ROLE];
  assertMayTouchAdmin(actor, roles.includes('admin'));
  await assertMayGrantRoles(tx, actor, roles);
  const departmentId = await departmentOf(tx, actor, path ?? [], meta, tally);
  // No password and nothing mailed: the admin issues invitation links from the users page.
  await createUser(tx, change(meta), {
    name: user.name,
    email: user.email,
    mobile: user.mobile,
    title: user.title,
    departmentId,
    roles,
  });
  await setManagers(tx, actor, user, departmentId, meta);
  return { outcome: 'created', tally: { ...tally, invitations: 1 } };
}

/** Name, title, department and (when the row has them) roles of an existing user, by the users' rules. */
async function mergeUser(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  u: NonNullable<UserRecord['user']> & { departmentId: string },
  meta: WriteMeta,
) {
  const before = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const beforeRoles = (await rolesOfUsers(tx, actor.orgId, [id])).get(id) ?? [];
  assertMayTouchAdmin(actor, beforeRoles.includes('admin') || !!u.roles?.includes('admin'));
  if (u.roles) {
    await assertMayGrantRoles(tx, actor, u.roles);
    if (beforeRoles.includes('admin') && !u.roles.includes('admin'))
      await assertAdminRemains(tx, actor.orgId, id);
  }
  const set = {
    name: u.name,
    ...(u.title ? { title: u.title } : {}),
    departmentId: u.departmentId,
    updatedAt: meta.at,
    version: before.version + 1,
  };
  const res = await tx
    .updateTable('users')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  if (u.roles) {
    const roleIds = await roleIdsOf(tx, actor.orgId, u.roles);
    await tx.deleteFrom('userRoles').where('orgId', '=', actor.orgId).where('userId', '=', id).execute();
    if (roleIds.length)
      await tx
        .insertInto('userRoles')
        .values(roleIds.map((roleId) => ({ orgId: actor.orgId, userId: id, roleId })))
        .execute();
  }
  await recordChange(tx, {
    ...change(meta),
    object: 'user',
    recordId: id,
    action: 'update',
    before: { ...before, roles: beforeRoles },
    after: { ...before, ...set, roles: u.roles ? [...u.roles].sort() : beforeRoles },
  });
}

/**
 * 上级 names the manager of the row's department by e-mail. Someone further down the file may not
 * exist yet: the wish waits (in this import's key table, committed with the batch) until that user's
 * row is written. And this row's user may be the manager other rows were waiting for.
 */
async function setManagers(
  tx: Kysely<DB>,
  actor: Actor,
  user: NonNullable<UserRecord['user']>,
  departmentId: string,
  meta: WriteMeta,
) {
  const wanted = async (email: string) =>
    tx
      .selectFrom('users')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('email', '=', email)
      .executeTakeFirst();
  if (user.manager) {
    const manager = await wanted(user.manager);
    if (manager) await setManager(tx, actor, departmentId, manager.id, meta);
    else
      await tx
        .insertInto('importKeys')
        .values({
          orgId: actor.orgId,
          importId: meta.importId,
          kind: `manager:${user.manager}`,
          key: departmentId,
          rowNo: 0,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
  const waiting = await tx
    .selectFrom('importKeys')
    .select('key')
    .where('orgId', '=', actor.orgId)
    .where('importId', '=', meta.importId)
    .where('kind', '=', `manager:${user.email}`)
    .execute();
  if (!waiting.length) return;
  const me = await wanted(user.email);
  for (const w of waiting) if (me) await setManager(tx, actor, w.key, me.id, meta);
  await tx
    .deleteFrom('importKeys')
    .where('orgId', '=', actor.orgId)
    .where('importId', '=', meta.importId)
    .where('kind', '=', `manager:${user.email}`)
    .execute();
}

async function setManager(
  tx: Kysely<DB>,
  actor: Actor,
  departmentId: string,
  managerId: string,
  meta: WriteMeta,
) {
  if (!can(actor, 'department', 'update')) throw new AppError(403, 'import_manager_not_allowed');
  const before = await tx
    .selectFrom('departments')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('id', '=', departmentId)
    .executeTakeFirstOrThrow();
  if (before.managerId !== managerId) await updateDepartment(tx, change(meta), before, { managerId });
}

registerImportTarget(userTarget);
