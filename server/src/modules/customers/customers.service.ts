import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, ownerScopeFilter, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { pinyinKeys } from '../../platform/normalize/index.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import { present, selectCustomers } from './customers.repo.js';
import type { customerFields } from './customers.schema.js';
import { type DedupKeys, dedupKeysOf, findDuplicates, outsideCustomer, writeDedupKeys } from './dedup.js';
import { presentMatches } from './matches.js';
import { recordOwnership } from './ownership.js';

export type Fields = Partial<{ [K in keyof typeof customerFields]: z.infer<(typeof customerFields)[K]> }>;

/**
 * Refuses a customer that collides with an existing record: exact matches on phone, e-mail or company
 * key always (409 duplicate_customer); similar names unless the user gives a reason (409
 * near_duplicate_customer). Returns the keys to index.
 */
export async function assertNoDuplicate(
  db: Kysely<DB>,
  actor: Actor,
  input: { name?: string | null; phone?: string | null; email?: string | null },
  o: { nearDuplicateReason?: string; exceptId?: string; allowDuplicate?: boolean },
): Promise<DedupKeys> {
  const keys = dedupKeysOf(input);
  if (input.phone && !keys.phone) throw invalid([{ path: 'body.phone', code: 'invalid_phone' }]);
  if (input.email && !keys.email) throw invalid([{ path: 'body.email', code: 'invalid_email' }]);
  // An import run with the 仍然新建 policy, by someone allowed to create duplicates.
  if (o.allowDuplicate) return keys;
  const found = await findDuplicates(db, actor.orgId, keys);
  const hits = o.exceptId ? await outsideCustomer(db, actor.orgId, found, o.exceptId) : found;
  const exact = hits.filter((h) => h.exact);
  if (exact.length) {
    throw new AppError(
      409,
      'duplicate_customer',
      {},
      { body: { matches: await presentMatches(db, actor, exact) } },
    );
  }
  if (hits.length && !o.nearDuplicateReason) {
    throw new AppError(
      409,
      'near_duplicate_customer',
      {},
      { body: { matches: await presentMatches(db, actor, hits) } },
    );
  }
  return keys;
}

/**
 * The owner of a customer (or lead) must be an active user of the org whose customers (leads) the
 * actor may reach.
 */
export async function assertOwnerAssignable(
  db: Kysely<DB>,
  actor: Actor,
  ownerId: string,
  path = 'body.ownerId',
  object: 'customer' | 'lead' | 'opportunity' = 'customer',
  /** A closed deal of the past may keep an owner who has left. */
  mayHaveLeft = false,
): Promise<void> {
  const owner = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.active'])
    .where('u.orgId', '=', actor.orgId)
    .where('u.id', '=', ownerId)
    .where(ownerScopeFilter(actor, object, 'u.id'))
    .executeTakeFirst();
  if (!owner) throw invalid([{ path, code: 'not_found' }]);
  if (!owner.active && !mayHaveLeft) throw invalid([{ path, code: 'account_inactive' }]);
}

/** Column values from API fields (only the fields present). */
export function columnsOf(f: Fields, keys: DedupKeys | null) {
  const cols: Record<string, unknown> = {};
  if (f.name !== undefined) {
    const py = pinyinKeys(f.name);
    Object.assign(cols, {
      name: f.name,
      nameKey: keys?.company ?? '',
      namePinyin: py.full,
      nameInitials: py.initials,
    });
  }
  for (const k of ['shortName', 'level', 'status', 'industry', 'address', 'website', 'source'] as const) {
    if (f[k] !== undefined) cols[k] = f[k] || null;
  }
  if (f.status !== undefined) cols.status = f.status;
  if (f.region !== undefined)
    Object.assign(cols, { province: f.region.province || null, city: f.region.city || null });
  if (f.phone !== undefined) Object.assign(cols, { phone: f.phone || null, phoneE164: keys?.phone ?? null });
  if (f.email !== undefined) cols.email = keys?.email ?? null;
  if (f.tags !== undefined) cols.tags = JSON.stringify([...new Set(f.tags)]);
  if (f.ownerId !== undefined) cols.ownerId = f.ownerId;
  if (f.location !== undefined) {
    cols.lat = f.location?.lat ?? null;
    cols.lng = f.location?.lng ?? null;
  }
  return cols;
}

export type ChangeContext = { orgId: string; actorId: string | null; at: number; requestId?: string | null };

/**
 * Creates one customer inside the caller's transaction — the single path for the API, the import
 * and (later) lead conversion: owner check, duplicate refusal, 查重 keys, audit and event.
 */
export async function createCustomer(
  tx: Kysely<DB>,
  actor: Actor,
  b: Fields & { name: string },
  meta: ChangeContext & {
    nearDuplicateReason?: string;
    source?: Record<string, unknown>;
    /** Create even when it duplicates an existing record (the caller checked create_duplicate). */
    allowDuplicate?: boolean;
  },
): Promise<string> {
  const id = newId();
  const ownerId = b.ownerId ?? actor.userId;
  if (ownerId !== actor.userId) await assertOwnerAssignable(tx, actor, ownerId);
  const keys = await assertNoDuplicate(tx, actor, b, {
    nearDuplicateReason: meta.nearDuplicateReason,
    allowDuplicate: meta.allowDuplicate,
  });
  const row = {
    id,
    orgId: actor.orgId,
    tags: '[]',
    status: 'prospect',
    custom: await customValues(tx, actor, 'customer', b.custom, { partial: false }),
    createdBy: actor.userId,
    createdAt: meta.at,
    updatedAt: meta.at,
    ...columnsOf({ ...b, ownerId }, keys),
    ownedSince: meta.at,
  };
  await tx
    .insertInto('customers')
    .values(row as never)
    .execute();
  await writeDedupKeys(tx, actor.orgId, 'customer', id, keys, { created: true });
  await recordOwnership(tx, { ...meta, recordId: id, kind: 'create', fromOwnerId: null, toOwnerId: ownerId });
  const payload = {
    ...meta.source,
    ...(meta.nearDuplicateReason ? { nearDuplicateReason: meta.nearDuplicateReason } : {}),
  };
  await recordChange(tx, {
    orgId: meta.orgId,
    actorId: meta.actorId,
    at: meta.at,
    requestId: meta.requestId,
    object: 'customer',
    recordId: id,
    action: 'create',
    after: row,
    payload: Object.keys(payload).length ? payload : undefined,
  });
  return id;
}

/**
 * Updates one customer the actor may update inside the caller's transaction: version check (when
 * given), owner check, duplicate refusal on identity changes, 查重 keys, audit and event.
 */
export async function updateCustomer(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: Fields,
  meta: ChangeContext & { version?: number; nearDuplicateReason?: string; source?: Record<string, unknown> },
): Promise<void> {
  const { nearDuplicateReason } = meta;
  const before = await selectCustomers(tx, actor.orgId)
    .where(scopeFilter(actor, 'customer', 'c.owner_id', 'update'))
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound();
  if (meta.version !== undefined) assertVersion(before, meta.version, (r) => present(r));
  if (b.ownerId !== undefined && b.ownerId !== before.ownerId)
    await assertOwnerAssignable(tx, actor, b.ownerId);
  const identity = {
    name: b.name ?? before.name,
    phone: b.phone !== undefined ? b.phone : before.phone,
    email: b.email !== undefined ? b.email : before.email,
  };
  const changesIdentity = b.name !== undefined || b.phone !== undefined || b.email !== undefined;
  const keys = changesIdentity
    ? await assertNoDuplicate(tx, actor, identity, { nearDuplicateReason, exceptId: before.id })
    : null;
  const transfer = b.ownerId !== undefined && b.ownerId !== before.ownerId;
  const set = {
    ...columnsOf(b, keys ?? dedupKeysOf(identity)),
    ...(transfer ? { ownedSince: meta.at } : {}),
    ...(b.custom !== undefined && {
      custom: await customValues(tx, actor, 'customer', b.custom, { partial: true, before: before.custom }),
    }),
    updatedAt: meta.at,
    version: before.version + 1,
  };
  const res = await tx
    .updateTable('customers')
    .set(set)
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  if (keys) await writeDedupKeys(tx, actor.orgId, 'customer', before.id, keys);
  if (transfer)
    await recordOwnership(tx, {
      ...meta,
      recordId: before.id,
      kind: 'transfer',
      fromOwnerId: before.ownerId,
      toOwnerId: b.ownerId ?? null,
      poolId: before.poolId,
    });
  const { ownerName: _o, poolName: _p, ...beforeRow } = before;
  const payload = { ...meta.source, ...(nearDuplicateReason ? { nearDuplicateReason } : {}) };
  await recordChange(tx, {
    orgId: meta.orgId,
    actorId: meta.actorId,
    at: meta.at,
    requestId: meta.requestId,
    object: 'customer',
    recordId: before.id,
    action: 'update',
    before: beforeRow,
    after: { ...beforeRow, ...set },
    payload: Object.keys(payload).length ? payload : undefined,
  });
}
