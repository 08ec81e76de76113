import type { Kysely, Selectable } from 'kysely';
import type { CustomersTable, DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { moveAttachments } from '../attachments/attachments.service.js';
import { assertNoDuplicate, type ChangeContext, columnsOf, type Fields } from './customers.service.js';
import { dedupKeysOf, findDuplicates, writeDedupKeys } from './dedup.js';
import { recordOwnership } from './ownership.js';

/** Fields whose value the admin picks from one of the merged records. */
export const mergeFields = [
  'name',
  'shortName',
  'level',
  'status',
  'industry',
  'region',
  'address',
  'phone',
  'email',
  'website',
  'source',
  'ownerId',
] as const;
export type MergeField = (typeof mergeFields)[number];

type Row = Selectable<CustomersTable>;
type Share = { userId: string; level: 'read' | 'write'; createdBy: string | null; createdAt: number };
type Snapshot = {
  survivor: Row;
  survivorShares: Share[];
  versionAfter: number;
  merged: { row: Row; shares: Share[]; contactIds: string[]; attachmentIds: string[] }[];
};

/** A row's value of a merge field, in the API's shape. */
function fieldValue(r: Row, f: MergeField): unknown {
  if (f === 'region') return { province: r.province, city: r.city };
  return r[f];
}

/**
 * Folds duplicate customers into one survivor, atomically: the chosen field values, tags and custom
 * values (blanks filled), contacts, attachments and collaborators move to it; the others are deleted
 * pointing at it, so their timelines show on it. Everything needed to undo it is kept.
 */
export async function mergeCustomers(
  tx: Kysely<DB>,
  actor: Actor,
  o: { survivorId: string; mergedIds: string[]; values: Partial<Record<MergeField, string>>; reason: string },
  meta: ChangeContext,
): Promise<string> {
  const ids = [o.survivorId, ...o.mergedIds];
  if (new Set(ids).size !== ids.length) throw new AppError(422, 'merge_same_record');
  const rows = await tx
    .selectFrom('customers as c')
    .selectAll('c')
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', 'in', ids)
    .where('c.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'customer', 'c.owner_id', 'update'))
    .execute();
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError(404, 'not_found', {}, { body: { ids: ids.filter((id) => !found.has(id)) } });
  }
  const byId = new Map(rows.map((r) => [r.id, r as Row]));
  const survivor = byId.get(o.survivorId)!;
  const merged = o.mergedIds.map((id) => byId.get(id)!);
  for (const [f, from] of Object.entries(o.values))
    if (!byId.has(from))
      throw new AppError(
        422,
        'validation_failed',
        {},
        { errors: [{ path: `body.values.${f}`, code: 'not_found' }] },
      );

  // The survivor's new values: chosen per field, tags united, custom blanks filled.
  const picked: Record<string, unknown> = {};
  for (const f of mergeFields) {
    const from = o.values[f];
    if (from && from !== survivor.id) picked[f] = fieldValue(byId.get(from)!, f);
  }
  const tags = [...new Set(rows.flatMap((r) => JSON.parse(r.tags) as string[]))].slice(0, 20);
  const custom = {
    ...Object.assign({}, ...merged.map((r) => JSON.parse(r.custom))),
    ...stripEmpty(JSON.parse(survivor.custom)),
  };

  const snapshot: Snapshot = {
    survivor,
    survivorShares: await sharesOf(tx, actor.orgId, survivor.id),
    versionAfter: 0,
    merged: [],
  };
  for (const m of merged) {
    const contacts = await tx
      .selectFrom('contacts')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('customerId', '=', m.id)
      .where('deletedAt', 'is', null)
      .execute();
    const files = await tx
      .selectFrom('attachments')
      .select('id')
      .where('orgId', '=', actor.orgId)
      .where('object', '=', 'customer')
      .where('recordId', '=', m.id)
      .where('deletedAt', 'is', null)
      .execute();
    snapshot.merged.push({
      row: m,
      shares: await sharesOf(tx, actor.orgId, m.id),
      contactIds: contacts.map((c) => c.id),
      attachmentIds: files.map((f) => f.id),
    });
  }

  // The merged records leave first, so their keys no longer stand in the survivor's way.
  for (const m of merged) {
    await tx
      .updateTable('customers')
      .set({ deletedAt: meta.at, mergedIntoId: survivor.id, updatedAt: meta.at, version: m.version + 1 })
      .where('id', '=', m.id)
      .execute();
    await writeDedupKeys(tx, actor.orgId, 'customer', m.id, { company: null, phone: null, email: null });
  }
  const identity = {
    name: (picked.name as string | undefined) ?? survivor.name,
    phone: picked.phone !== undefined ? (picked.phone as string | null) : survivor.phone,
    email: picked.email !== undefined ? (picked.email as string | null) : survivor.email,
  };
  const keys = await assertNoDuplicate(tx, actor, identity, {
    exceptId: survivor.id,
    nearDuplicateReason: o.reason,
  });
  const newOwner = picked.ownerId as string | undefined;
  const set = {
    ...columnsOf({ ...(picked as Fields), tags }, keys),
    custom: JSON.stringify(custom),
    ...(newOwner !== undefined && newOwner !== survivor.ownerId
      ? { ownedSince: meta.at, poolId: survivor.poolId }
      : {}),
    updatedAt: meta.at,
    version: survivor.version + 1,
  };
  await tx.updateTable('customers').set(set).where('id', '=', survivor.id).execute();
  await writeDedupKeys(tx, actor.orgId, 'customer', survivor.id, keys);
  snapshot.versionAfter = survivor.version + 1;
  const owner = newOwner ?? survivor.ownerId;

  for (const m of snapshot.merged) {
    if (m.contactIds.length)
      await tx
        .updateTable('contacts')
        .set({ customerId: survivor.id, updatedAt: meta.at })
        .where('id', 'in', m.contactIds)
        .execute();
    await moveAttachments(tx, {
      orgId: actor.orgId,
      object: 'customer',
      fromId: m.row.id,
      toId: survivor.id,
      actorId: meta.actorId,
      at: meta.at,
      requestId: meta.requestId,
    });
    await recordOwnership(tx, {
      ...meta,
      recordId: m.row.id,
      kind: 'merge',
      fromOwnerId: m.row.ownerId,
      toOwnerId: owner,
      reason: o.reason,
    });
  }
  await uniteShares(tx, actor.orgId, survivor.id, owner, [
    snapshot.survivorShares,
    ...snapshot.merged.map((m) => m.shares),
  ]);
  for (const m of snapshot.merged)
    await tx
      .deleteFrom('recordShares')
      .where('orgId', '=', actor.orgId)
      .where('object', '=', 'customer')
      .where('recordId', '=', m.row.id)
      .execute();

  const mergeId = newId();
  await tx
    .insertInto('customerMerges')
    .values({
      id: mergeId,
      orgId: actor.orgId,
      survivorId: survivor.id,
      mergedIds: JSON.stringify(o.mergedIds),
      snapshot: JSON.stringify(snapshot),
      reason: o.reason,
      actorId: meta.actorId,
      at: meta.at,
      undoneAt: null,
      undoneBy: null,
    })
    .execute();
  await recordChange(tx, {
    ...meta,
    object: 'customer',
    recordId: survivor.id,
    action: 'merge',
    before: survivor,
    after: { ...survivor, ...set },
    payload: { mergeId, mergedIds: o.mergedIds, mergedNames: merged.map((m) => m.name), reason: o.reason },
  });
  for (const m of merged)
    await recordChange(tx, {
      ...meta,
      object: 'customer',
      recordId: m.id,
      action: 'merged_into',
      payload: { mergeId, survivorId: survivor.id, survivorName: identity.name, reason: o.reason },
    });
  return mergeId;
}

/**
 * Undoes a merge: the survivor gets its old values and links back, the merged customers come back
 * with their contacts, files and collaborators. Refused when the survivor changed since (someone's
 * later work would be lost) or a new customer has taken one of their keys meanwhile.
 */
export async function undoMerge(
  tx: Kysely<DB>,
  actor: Actor,
  mergeId: string,
  meta: ChangeContext,
): Promise<void> {
  const merge = await tx
    .selectFrom('customerMerges')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('id', '=', mergeId)
    .executeTakeFirst();
  if (!merge) throw notFound();
  const visible = await tx
    .selectFrom('customers as c')
    .select(['c.id', 'c.version'])
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', '=', merge.survivorId)
    .where('c.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'customer', 'c.owner_id', 'update'))
    .executeTakeFirst();
  if (!visible) throw notFound();
  if (merge.undoneAt) throw new AppError(409, 'merge_already_undone');
  const snap = JSON.parse(merge.snapshot) as Snapshot;
  if (visible.version !== snap.versionAfter) throw new AppError(409, 'merge_changed_since');

  const except = new Set([snap.survivor.id, ...snap.merged.map((m) => m.row.id)]);
  for (const r of [snap.survivor, ...snap.merged.map((m) => m.row)]) {
    const hits = await findDuplicates(tx, actor.orgId, dedupKeysOf(r));
    if (hits.some((h) => h.exact && !except.has(h.recordId))) throw new AppError(409, 'merge_undo_conflict');
  }

  const { id: _id, orgId: _o, ...survivorCols } = snap.survivor;
  await tx
    .updateTable('customers')
    .set({ ...survivorCols, updatedAt: meta.at, version: visible.version + 1 })
    .where('id', '=', snap.survivor.id)
    .execute();
  await writeDedupKeys(tx, actor.orgId, 'customer', snap.survivor.id, dedupKeysOf(snap.survivor));
  await tx
    .deleteFrom('recordShares')
    .where('orgId', '=', actor.orgId)
    .where('object', '=', 'customer')
    .where('recordId', '=', snap.survivor.id)
    .execute();
  await insertShares(tx, actor.orgId, snap.survivor.id, snap.survivorShares);
  for (const m of snap.merged) {
    const current = await tx
      .selectFrom('customers')
      .select('version')
      .where('id', '=', m.row.id)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('customers')
      .set({ deletedAt: null, mergedIntoId: null, updatedAt: meta.at, version: current.version + 1 })
      .where('id', '=', m.row.id)
      .execute();
    await writeDedupKeys(tx, actor.orgId, 'customer', m.row.id, dedupKeysOf(m.row));
    if (m.contactIds.length)
      await tx
        .updateTable('contacts')
        .set({ customerId: m.row.id, updatedAt: meta.at })
        .where('id', 'in', m.contactIds)
        .where('customerId', '=', snap.survivor.id)
        .execute();
    if (m.attachmentIds.length)
      await tx
        .updateTable('attachments')
        .set({ recordId: m.row.id })
        .where('id', 'in', m.attachmentIds)
        .where('recordId', '=', snap.survivor.id)
        .execute();
    await insertShares(tx, actor.orgId, m.row.id, m.shares);
    await recordOwnership(tx, {
      ...meta,
      recordId: m.row.id,
      kind: 'merge',
      fromOwnerId: null,
      toOwnerId: m.row.ownerId,
      reason: 'undo',
    });
    await recordChange(tx, {
      ...meta,
      object: 'customer',
      recordId: m.row.id,
      action: 'unmerge',
      payload: { mergeId },
    });
  }
  await tx
    .updateTable('customerMerges')
    .set({ undoneAt: meta.at, undoneBy: meta.actorId })
    .where('id', '=', mergeId)
    .execute();
  await recordChange(tx, {
    ...meta,
    object: 'customer',
    recordId: snap.survivor.id,
    action: 'unmerge',
    payload: { mergeId, restoredIds: snap.merged.map((m) => m.row.id) },
  });
}

async function sharesOf(tx: Kysely<DB>, orgId: string, id: string): Promise<Share[]> {
  return tx
    .selectFrom('recordShares')
    .select(['userId', 'level', 'createdBy', 'createdAt'])
    .where('orgId', '=', orgId)
    .where('object', '=', 'customer')
    .where('recordId', '=', id)
    .execute();
}

async function insertShares(tx: Kysely<DB>, orgId: string, recordId: string, shares: Share[]) {
  if (shares.length)
    await tx
      .insertInto('recordShares')
      .values(shares.map((s) => ({ ...s, orgId, object: 'customer', recordId })))
      .execute();
}

/** Everyone who followed any of the records follows the survivor, at the highest level they had. */
async function uniteShares(
  tx: Kysely<DB>,
  orgId: string,
  survivorId: string,
  ownerId: string | null,
  lists: Share[][],
) {
  const best = new Map<string, Share>();
  for (const s of lists.flat()) {
    if (s.userId === ownerId) continue;
    const prev = best.get(s.userId);
    if (!prev || (prev.level === 'read' && s.level === 'write')) best.set(s.userId, s);
  }
  await tx
    .deleteFrom('recordShares')
    .where('orgId', '=', orgId)
    .where('object', '=', 'customer')
    .where('recordId', '=', survivorId)
    .execute();
  await insertShares(tx, orgId, survivorId, [...best.values()]);
}

const stripEmpty = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));
