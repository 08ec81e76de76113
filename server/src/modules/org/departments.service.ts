import type { Kysely } from 'kysely';
import type { DB, Department } from '../../db/schema.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { insertClosure } from './departments.repo.js';

// Writing departments, shared by the department routes and the user import (an org chart moving in).

type Meta = {
  orgId: string;
  actorId: string | null;
  at: number;
  requestId?: string | null;
  payload?: Record<string, unknown>;
};

export type NewDepartment = { name: string; parentId: string; managerId?: string | null; sortOrder?: number };

/** Creates a department under a parent of the same org (checked by the caller), with its closure rows. */
export async function createDepartment(tx: Kysely<DB>, meta: Meta, d: NewDepartment): Promise<string> {
  const id = newId();
  const row = {
    id,
    orgId: meta.orgId,
    parentId: d.parentId,
    name: d.name,
    sortOrder: d.sortOrder ?? 0,
    managerId: d.managerId ?? null,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  await tx.insertInto('departments').values(row).execute();
  await insertClosure(tx, meta.orgId, id, d.parentId);
  await recordChange(tx, { ...meta, object: 'department', recordId: id, action: 'create', after: row });
  return id;
}

/** Writes checked changes to a department read at `before.version` (stale → 412), audited. */
export async function updateDepartment(
  tx: Kysely<DB>,
  meta: Meta,
  before: Department,
  changes: Partial<Pick<Department, 'name' | 'parentId' | 'managerId' | 'sortOrder'>>,
): Promise<void> {
  const after = { ...before, ...changes, updatedAt: meta.at, version: before.version + 1 };
  const res = await tx
    .updateTable('departments')
    .set({ ...changes, updatedAt: meta.at, version: after.version })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  await recordChange(tx, {
    ...meta,
    object: 'department',
    recordId: before.id,
    action: 'update',
    before,
    after,
  });
}
