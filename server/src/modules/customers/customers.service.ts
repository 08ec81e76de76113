import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import { AppError, invalid } from '../../platform/errors.js';
import { pinyinKeys } from '../../platform/normalize/index.js';
import type { customerFields } from './customers.schema.js';
import { type DedupKeys, dedupKeysOf, findDuplicates, outsideCustomer } from './dedup.js';
import { presentMatches } from './matches.js';

type Fields = Partial<{ [K in keyof typeof customerFields]: z.infer<(typeof customerFields)[K]> }>;

/**
 * Refuses a customer that collides with an existing record: exact matches on phone, e-mail or company
 * key always (409 duplicate_customer); similar names unless the user gives a reason (409
 * near_duplicate_customer). Returns the keys to index.
 */
export async function assertNoDuplicate(
  db: Kysely<DB>,
  actor: Actor,
  input: { name?: string | null; phone?: string | null; email?: string | null },
  o: { nearDuplicateReason?: string; exceptId?: string },
): Promise<DedupKeys> {
  const keys = dedupKeysOf(input);
  if (input.phone && !keys.phone) throw invalid([{ path: 'body.phone', code: 'invalid_phone' }]);
  if (input.email && !keys.email) throw invalid([{ path: 'body.email', code: 'invalid_email' }]);
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

/** The owner of a customer must be an active user of the org whose customers the actor may reach. */
export async function assertOwnerAssignable(db: Kysely<DB>, actor: Actor, ownerId: string): Promise<void> {
  const owner = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.active'])
    .where('u.orgId', '=', actor.orgId)
    .where('u.id', '=', ownerId)
    .where(scopeFilter(actor, 'customer', 'u.id'))
    .executeTakeFirst();
  if (!owner) throw invalid([{ path: 'body.ownerId', code: 'not_found' }]);
  if (!owner.active) throw invalid([{ path: 'body.ownerId', code: 'account_inactive' }]);
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
  return cols;
}
