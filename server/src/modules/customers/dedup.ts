import type { Kysely } from 'kysely';
import type { DB, DedupKind } from '../../db/schema.js';
import {
  companyCore,
  companyKey,
  companySimilarity,
  isNearDuplicate,
  normalizeEmail,
  normalizePhone,
} from '../../platform/normalize/index.js';
import { searchTokens } from './search-tokens.js';

export type DedupInput = { name?: string | null; phone?: string | null; email?: string | null };
export type DedupKeys = { company: string | null; phone: string | null; email: string | null };
export type Kind = keyof DedupKeys;

/** The normalized keys a record is matched on (one normalizer for every object). */
export function dedupKeysOf(input: DedupInput): DedupKeys {
  const company = input.name ? companyKey(input.name) : '';
  return {
    company: company.length > 0 ? company : null,
    phone: input.phone ? (normalizePhone(input.phone)?.e164 ?? null) : null,
    email: input.email ? normalizeEmail(input.email) : null,
  };
}

/**
 * Where near-duplicate candidates meet: the first two characters of the name's core, so 上海华为技术 and
 * 华为技术 share 华为 (the key's own first characters are mostly a city name).
 */
function prefixOf(companyKeyValue: string): string {
  const core = companyCore(companyKeyValue);
  return (core.length >= 2 ? core : companyKeyValue).slice(0, 2);
}

/** The objects a customer or contact collides with. */
export const customerWorld = ['customer', 'contact'] as const;

export type Hit = {
  object: string;
  recordId: string;
  matchedOn: Kind[];
  exact: boolean;
  similarity?: number;
};

/**
 * Records of the org that collide with the keys: exact hits on phone, e-mail or company key (one
 * query, an indexed lookup per key); and near hits on the company name (same first two characters
 * of the key, similarity at or above the near-duplicate threshold) as warnings.
 */
export async function findDuplicates(
  db: Kysely<DB>,
  orgId: string,
  keys: DedupKeys,
  o: { objects?: readonly string[]; near?: boolean } = {},
): Promise<Hit[]> {
  // Customers and contacts collide with each other; a lead also with leads (a customer may be
  // created from a lead, so leads never block one).
  const objects = [...(o.objects ?? customerWorld)];
  const hits = new Map<string, Hit>();
  // Near-duplicate candidates share the first two characters of the name's core (their own kind).
  // `near: false`: exact hits only (the caller decided about similar names already).
  const prefix = o.near !== false && keys.company && keys.company.length >= 2 ? prefixOf(keys.company) : null;
  const probes: { kind: DedupKind; key: string; limit: number }[] = [
    ...(['phone', 'email', 'company'] as const).flatMap((kind) =>
      keys[kind] ? [{ kind, key: keys[kind]!, limit: 50 }] : [],
    ),
    ...(prefix ? [{ kind: 'company_prefix' as const, key: prefix, limit: 200 }] : []),
  ];
  if (!probes.length) return [];
  // One indexed lookup per key kind, sent as one UNION ALL (one round trip): an OR across kinds made
  // SQLite read the org's keys instead.
  const lookups = probes.map((p) =>
    db
      .selectFrom(
        db
          .selectFrom('dedupKeys')
          .select(['kind', 'object', 'recordId'])
          .where('orgId', '=', orgId)
          .where('kind', '=', p.kind)
          .where('key', '=', p.key)
          .where('object', 'in', objects)
          .limit(p.limit)
          .as(`k_${p.kind}`),
      )
      .selectAll(),
  );
  const rows = await lookups
    .slice(1)
    .reduce((all, lookup) => all.unionAll(lookup), lookups[0]!)
    .execute();
  for (const kind of ['phone', 'email', 'company'] as const) {
    for (const r of rows) {
      if (r.kind !== kind) continue;
      const id = `${r.object}:${r.recordId}`;
      const hit = hits.get(id) ?? { object: r.object, recordId: r.recordId, matchedOn: [], exact: true };
      hit.matchedOn.push(kind);
      hits.set(id, hit);
    }
  }
  if (keys.company && prefix) {
    // Then those candidates' company keys (on the record index). As one join with the prefix lookup
    // SQLite without statistics may start from every company key of the org (a scan per check).
    const candidates = rows.filter((r) => r.kind === 'company_prefix');
    const sharing: { object: string; recordId: string; key: string }[] = [];
    for (const object of new Set(candidates.map((c) => c.object))) {
      const ids = candidates.filter((c) => c.object === object).map((c) => c.recordId);
      sharing.push(
        ...(await db
          .selectFrom('dedupKeys')
          .select(['object', 'recordId', 'key'])
          .where('orgId', '=', orgId)
          .where('object', '=', object)
          .where('recordId', 'in', ids)
          .where('kind', '=', 'company')
          .execute()),
      );
    }
    for (const c of sharing) {
      const id = `${c.object}:${c.recordId}`;
      if (hits.has(id)) continue;
      if (c.key === keys.company || !isNearDuplicate(keys.company, c.key)) continue;
      const similarity = companySimilarity(keys.company, c.key);
      hits.set(id, {
        object: c.object,
        recordId: c.recordId,
        matchedOn: ['company'],
        exact: false,
        similarity,
      });
    }
  }
  return [...hits.values()];
}

/**
 * Drops hits that belong to the same customer: its own record and its contacts (a contact may share
 * the company's switchboard number, and a customer its contact's mobile).
 */
export async function outsideCustomer(
  db: Kysely<DB>,
  orgId: string,
  hits: Hit[],
  customerId: string,
): Promise<Hit[]> {
  const contactIds = hits.filter((h) => h.object === 'contact').map((h) => h.recordId);
  const ofCustomer = contactIds.length
    ? new Set(
        (
          await db
            .selectFrom('contacts')
            .select('id')
            .where('orgId', '=', orgId)
            .where('customerId', '=', customerId)
            .where('id', 'in', contactIds)
            .execute()
        ).map((r) => r.id),
      )
    : new Set<string>();
  return hits.filter(
    (h) =>
      !(h.object === 'customer' && h.recordId === customerId) &&
      !(h.object === 'contact' && ofCustomer.has(h.recordId)),
  );
}

export type DedupRow = { orgId: string; kind: DedupKind; key: string; object: string; recordId: string };

/** The 查重 index rows of a record: one per distinct key, plus the near-duplicate prefix of its name. */
export function dedupRows(
  orgId: string,
  object: string,
  recordId: string,
  keySets: DedupKeys | DedupKeys[],
): DedupRow[] {
  const rows = new Map<string, DedupRow>();
  const add = (kind: DedupKind, key: string) =>
    rows.set(`${kind}\u0000${key}`, { orgId, kind, key, object, recordId });
  for (const keys of [keySets].flat()) {
    for (const kind of ['phone', 'email', 'company'] as const) if (keys[kind]) add(kind, keys[kind]!);
    if (keys.company && keys.company.length >= 2) add('company_prefix', prefixOf(keys.company));
  }
  return [...rows.values()];
}

/**
 * Replaces the record's keys in the 查重 index (call in the transaction that writes the record, after
 * writing it). A record with several phones (a contact's mobile and landline) passes one key set per
 * phone. For a customer it also rewrites its search document (search_docs) from the stored row; no
 * keys at all (a deleted or merged-away record) removes it from search too. `created`: the record was
 * inserted in this transaction, so there is nothing to replace.
 */
export async function writeDedupKeys(
  tx: Kysely<DB>,
  orgId: string,
  object: string,
  recordId: string,
  keySets: DedupKeys | DedupKeys[],
  o: { created?: boolean } = {},
) {
  // A record created in this transaction has nothing to replace (two round trips fewer per imported row).
  if (!o.created)
    await tx
      .deleteFrom('dedupKeys')
      .where('orgId', '=', orgId)
      .where('object', '=', object)
      .where('recordId', '=', recordId)
      .execute();
  const rows = dedupRows(orgId, object, recordId, keySets);
  if (rows.length) await tx.insertInto('dedupKeys').values(rows).execute();
  if (object === 'customer') await writeSearchDoc(tx, orgId, recordId, rows.length > 0, o);
}

async function writeSearchDoc(
  tx: Kysely<DB>,
  orgId: string,
  recordId: string,
  searchable: boolean,
  o: { created?: boolean },
) {
  if (!o.created)
    await tx
      .deleteFrom('searchDocs')
      .where('orgId', '=', orgId)
      .where('object', '=', 'customer')
      .where('recordId', '=', recordId)
      .execute();
  if (!searchable) return;
  const row = await tx
    .selectFrom('customers')
    .select(['name', 'phoneE164'])
    .where('orgId', '=', orgId)
    .where('id', '=', recordId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (row)
    await tx
      .insertInto('searchDocs')
      .values({ orgId, object: 'customer', recordId, tokens: searchTokens(row) })
      .execute();
}
