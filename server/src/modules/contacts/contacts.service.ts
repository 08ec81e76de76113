import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { type DedupKeys, findDuplicates, outsideCustomer, writeDedupKeys } from '../customers/dedup.js';
import { presentMatches } from '../customers/matches.js';
import { columnsOf, keysOf } from './contacts.repo.js';
import type { ContactFields } from './contacts.schema.js';

/** A contact's phones and e-mail may not already belong to another contact or customer of the org. */
export async function assertNoContactDuplicate(
  tx: Kysely<DB>,
  actor: Actor,
  customerId: string,
  keys: DedupKeys[],
): Promise<void> {
  const hits = [];
  for (const k of keys) hits.push(...(await findDuplicates(tx, actor.orgId, k)));
  const exact = (await outsideCustomer(tx, actor.orgId, hits, customerId)).filter((h) => h.exact);
  if (exact.length)
    throw new AppError(
      409,
      'duplicate_contact',
      {},
      { body: { matches: await presentMatches(tx, actor, exact) } },
    );
}

/**
 * Adds a person to a customer inside the caller's transaction — the one path for the API and the
 * import: update rights on the customer, normalized phones, duplicate refusal, 查重 keys, audit and event.
 */
export async function createContact(
  tx: Kysely<DB>,
  actor: Actor,
  customerId: string,
  fields: ContactFields & { name: string },
  meta: ChangeContext & { source?: Record<string, unknown> },
): Promise<string> {
  // Adding a person to a customer is a change to that customer: it needs update rights on it.
  await assertRecordAccess(tx, actor, 'customer', 'update', customerId).catch(() => {
    throw new AppError(
      422,
      'validation_failed',
      {},
      { errors: [{ path: 'body.customerId', code: 'not_found' }] },
    );
  });
  const id = newId();
  const cols = columnsOf(fields);
  cols.custom = await customValues(tx, actor, 'contact', fields.custom, { partial: false });
  const row = {
    id,
    orgId: actor.orgId,
    customerId,
    createdBy: actor.userId,
    createdAt: meta.at,
    updatedAt: meta.at,
    ...cols,
  };
  const keys = keysOf({ mobileE164: null, phoneE164: null, email: null, ...cols } as never);
  await assertNoContactDuplicate(tx, actor, customerId, keys);
  await tx
    .insertInto('contacts')
    .values(row as never)
    .execute();
  await writeDedupKeys(tx, actor.orgId, 'contact', id, keys, { created: true });
  await recordChange(tx, {
    orgId: meta.orgId,
    actorId: meta.actorId,
    at: meta.at,
    requestId: meta.requestId,
    object: 'contact',
    recordId: id,
    action: 'create',
    after: row,
    payload: meta.source,
  });
  return id;
}
