import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { allObjects, type Permissions } from '../../platform/access/index.js';
import { newId } from '../../platform/ids.js';

/** The roles every org starts with. Their grants come from each object's registered defaults. */
export const builtinRoles = [
  { key: 'admin', name: '管理员', description: 'Administrator: everything, company-wide' },
  { key: 'sales_manager', name: '销售经理', description: 'Sales manager: own department and below' },
  { key: 'sales_rep', name: '销售', description: 'Sales rep: own records' },
  { key: 'finance', name: '财务', description: 'Finance' },
  { key: 'after_sales', name: '售后', description: 'After-sales service' },
  { key: 'marketing', name: '市场', description: 'Marketing' },
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
