import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { allObjects, type Permissions } from '../../platform/access/index.js';
import { newId } from '../../platform/ids.js';

/** The roles every org starts with. Their grants come from each object's registered defaults. */
export const builtinRoles = [
  { key: 'admin', name: '管理员', description: '全部功能，全公司数据' },
  { key: 'sales_manager', name: '销售经理', description: '管理本部门及下级的客户、商机与团队' },
  { key: 'sales_rep', name: '销售', description: '跟进本人负责的线索、客户与商机' },
  { key: 'finance', name: '财务', description: '合同、回款与开票' },
  { key: 'after_sales', name: '售后', description: '工单与客户满意度' },
  { key: 'marketing', name: '市场', description: '市场活动与线索来源' },
] as const;

export function defaultPermissions(roleKey: string): Permissions {
  const out: Permissions = {};
  for (const o of allObjects()) {
    const grant = o.defaults[roleKey];
    if (grant) out[o.key] = { actions: [...grant.actions], scope: grant.scope };
  }
  return out;
}

/**
 * Creates missing built-in roles, and gives existing built-in roles the defaults of objects they have
 * no entry for yet (objects added by a newer version). An admin's edits are never overwritten: the
 * role editor saves every known object, with an empty action list for the ones switched off.
 */
export async function syncBuiltinRoles(db: Kysely<DB>, orgId: string, now: number): Promise<void> {
  const existing = await db
    .selectFrom('roles')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('builtin', '=', 1)
    .execute();
  for (const r of builtinRoles) {
    const defaults = r.key === 'admin' ? {} : defaultPermissions(r.key);
    const found = existing.find((e) => e.key === r.key);
    if (!found) {
      await db
        .insertInto('roles')
        .values({
          id: newId(),
          orgId,
          key: r.key,
          name: r.name,
          description: r.description,
          builtin: 1,
          permissions: JSON.stringify(defaults),
          maskedFields: JSON.stringify([]),
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      continue;
    }
    const current = JSON.parse(found.permissions) as Permissions;
    let changed = false;
    for (const [object, grant] of Object.entries(defaults)) {
      if (!(object in current)) {
        current[object] = grant;
        changed = true;
      }
    }
    if (changed) {
      await db
        .updateTable('roles')
        .set({ permissions: JSON.stringify(current), updatedAt: now })
        .where('id', '=', found.id)
        .execute();
    }
  }
}
