import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notify/service.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import { assertOwnerAssignable, type ChangeContext } from '../customers/customers.service.js';
import { type DedupKeys, dedupKeysOf, findDuplicates, type Hit, writeDedupKeys } from '../customers/dedup.js';
import { presentMatches } from '../customers/matches.js';
import { recordOwnership } from '../customers/ownership.js';
import { movedNow, ownedNow } from '../pools/poolable.js';
import { type AssignmentReason, assignLead } from './assignment.js';
import { activeModel, type LeadFacts, learnedColumns } from './learned.js';
import { leadSettingsOf } from './settings.js';
// The SLA clock, the follow-up hooks and the move hook of leads (registered on import).
import './sla.js';
import './moved.js';
import { columnsOf, identityOf, type LeadFields, type LeadRow, present, selectLeads } from './leads.repo.js';
import { scoreColumns, scoredLead, scoreFields, scoreOf, scoreRules } from './scoring.js';

/** The scored fields of a new lead that its input leaves empty. */
const unscored = Object.fromEntries(scoreFields.map((f) => [f, null])) as Record<
  (typeof scoreFields)[number],
  null
>;

/** A lead collides with leads, customers and contacts of the org. */
export const leadWorld = ['lead', 'customer', 'contact'] as const;

/** How a lead reached us, recorded once at intake. */
export type Intake = { channel: 'manual' | 'import' | 'web_form' | 'api'; detail?: Record<string, unknown> };

/**
 * Refuses a lead whose phone, e-mail or company is already a lead, customer or contact of the org
 * (409 duplicate_lead with the matches, shown as far as the asker may see them — who to ask when not).
 * Similar company names are not duplicates for a lead. Returns the keys to index.
 */
export async function assertNoLeadDuplicate(
  db: Kysely<DB>,
  actor: Actor,
  input: { company?: string | null; phone?: string | null; email?: string | null },
  o: { exceptId?: string } = {},
): Promise<DedupKeys> {
  const keys = dedupKeysOf(identityOf(input));
  const hits = (await findDuplicates(db, actor.orgId, keys, { objects: leadWorld, near: false })).filter(
    (h) => h.exact && !(h.object === 'lead' && h.recordId === o.exceptId),
  );
  if (hits.length)
    throw new AppError(
      409,
      'duplicate_lead',
      {},
      { body: { matches: await presentMatches(db, actor, hits) } },
    );
  return keys;
}

/**
 * Creates one lead inside the caller's transaction — the one path for manual entry, the API, and (in
 * later slices) the import, web forms and inbound webhooks: owner check, duplicate refusal, 查重 keys,
 * score, audit and event. Owned by `ownerId`, else by the creator — or, with `assign: 'rules'`, routed
 * by the assignment rules (to a rep or a pool, with the reason recorded).
 */
export async function createLead(
  tx: Kysely<DB>,
  actor: Actor,
  b: LeadFields & { name: string; assign?: 'rules' },
  meta: ChangeContext & {
    intake: Intake;
    /** flag: keep a duplicate, marked with what it matches, and tell those records' owners (intake). */
    onDuplicate?: 'refuse' | 'flag';
  },
): Promise<string> {
  const id = newId();
  const { assign, ...input } = b;
  const routed = assign === 'rules' && !input.ownerId;
  const ownerId = routed ? null : (input.ownerId ?? actor.userId);
  if (ownerId && ownerId !== actor.userId)
    await assertOwnerAssignable(tx, actor, ownerId, 'body.ownerId', 'lead');
  const keys = dedupKeysOf(identityOf(input));
  const cols = columnsOf({ ...input, ...(ownerId ? { ownerId } : {}) }, keys);
  const hits = meta.onDuplicate === 'flag' ? await leadDuplicates(tx, actor.orgId, keys) : [];
  if (meta.onDuplicate !== 'flag') await assertNoLeadDuplicate(tx, actor, input);
  const fields = {
    ...cols,
    channel: meta.intake.channel,
    custom: await customValues(tx, actor, 'lead', input.custom, { partial: false }),
  };
  const score = scoreOf(await scoreRules(tx, actor.orgId), scoredLead({ ...unscored, ...fields }));
  const manual: AssignmentReason = { kind: 'manual', byUserId: actor.userId, byUserName: actor.name };
  const row = {
    id,
    orgId: actor.orgId,
    status: 'new',
    channelDetail: JSON.stringify(meta.intake.detail ?? {}),
    ownedSince: ownerId ? meta.at : null,
    assignment: ownerId ? JSON.stringify(manual) : null,
    assignedAt: ownerId ? meta.at : null,
    createdBy: actor.userId,
    createdAt: meta.at,
    updatedAt: meta.at,
    duplicateOf: hits.length ? JSON.stringify(hits) : null,
    ...fields,
    ...scoreColumns(score),
    ...learnedColumns(
      await activeModel(tx, actor.orgId),
      scoredLead({ ...unscored, ...fields }) as LeadFacts,
    ),
  };
  await tx
    .insertInto('leads')
    .values(row as never)
    .execute();
  await writeDedupKeys(tx, actor.orgId, 'lead', id, keys, { created: true });
  await recordChange(tx, { ...audit(meta), object: 'lead', recordId: id, action: 'create', after: row });
  if (ownerId) {
    await ownedNow(tx, 'lead', actor.orgId, [id], meta.at);
    await recordOwnership(tx, {
      ...meta,
      object: 'lead',
      recordId: id,
      kind: 'create',
      fromOwnerId: null,
      toOwnerId: ownerId,
    });
  } else
    await assignLead(
      tx,
      { ...scoredLead({ ...unscored, ...fields }), score: score.score, id, name: input.name, poolId: null },
      meta,
    );
  if (hits.length) {
    const owners = (await presentMatches(tx, actor, hits)).flatMap((m) => (m.owner ? [m.owner.id] : []));
    await notify(
      tx,
      actor.orgId,
      owners,
      {
        kind: 'lead_duplicate_in',
        params: { name: input.name, company: input.company ?? '' },
        link: `/leads/${id}`,
      },
      meta.at,
    );
  }
  return id;
}

/** Exact matches of a lead's keys among leads, customers and contacts (for the flag policy). */
export async function leadDuplicates(db: Kysely<DB>, orgId: string, keys: DedupKeys): Promise<Hit[]> {
  return (await findDuplicates(db, orgId, keys, { objects: leadWorld, near: false })).filter((h) => h.exact);
}

const audit = (meta: ChangeContext) => ({
  orgId: meta.orgId,
  actorId: meta.actorId,
  at: meta.at,
  requestId: meta.requestId,
});

/** The lead as the actor may update it, at the version they saw; converted leads are read-only. */
export async function editable(tx: Kysely<DB>, actor: Actor, id: string, version?: number): Promise<LeadRow> {
  const before = await selectLeads(tx, actor.orgId)
    .where(scopeFilter(actor, 'lead', 'l.owner_id', 'update'))
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound();
  if (version !== undefined) assertVersion(before, version, (r) => present(r));
  if (before.status === 'converted') throw new AppError(409, 'lead_converted');
  return before;
}

/** Updates one lead: version check, owner check, duplicate refusal on identity changes, keys, audit. */
export async function updateLead(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: LeadFields,
  meta: ChangeContext & { version?: number },
): Promise<void> {
  const before = await editable(tx, actor, id, meta.version);
  if (b.ownerId !== undefined && b.ownerId !== before.ownerId)
    await assertOwnerAssignable(tx, actor, b.ownerId, 'body.ownerId', 'lead');
  const identity = {
    company: b.company !== undefined ? b.company : before.company,
    phone: b.phone !== undefined ? b.phone : before.phone,
    email: b.email !== undefined ? b.email : before.email,
  };
  const changesIdentity = b.company !== undefined || b.phone !== undefined || b.email !== undefined;
  const keys = dedupKeysOf(identityOf(identity));
  const cols = columnsOf(b, keys);
  if (changesIdentity) await assertNoLeadDuplicate(tx, actor, identity, { exceptId: before.id });
  const transfer = b.ownerId !== undefined && b.ownerId !== before.ownerId;
  await writeLead(
    tx,
    before,
    {
      ...cols,
      ...(transfer ? { ownedSince: meta.at, poolId: null } : {}),
      ...(b.custom !== undefined && {
        custom: await customValues(tx, actor, 'lead', b.custom, { partial: true, before: before.custom }),
      }),
      // A disqualified lead someone works on again is open again.
      ...(b.status !== undefined && { disqualifyReason: null }),
    },
    meta,
  );
  if (changesIdentity) await writeDedupKeys(tx, actor.orgId, 'lead', before.id, keys);
  if (!transfer) return;
  await ownedNow(tx, 'lead', actor.orgId, [before.id], meta.at);
  // The reason a 转移 from the list records too (moved.ts).
  await movedNow(tx, 'lead', {
    orgId: actor.orgId,
    records: [{ id: before.id, fromOwnerId: before.ownerId, poolId: null }],
    kind: 'transfer',
    to: { ownerId: b.ownerId as string },
    actorId: meta.actorId,
    at: meta.at,
    reason: null,
    payload: {},
  });
  await recordOwnership(tx, {
    ...meta,
    object: 'lead',
    recordId: before.id,
    kind: 'transfer',
    fromOwnerId: before.ownerId,
    toOwnerId: b.ownerId ?? null,
    poolId: before.poolId,
  });
}

/** 无效: closes a lead with a reason; it keeps its keys (a later enquiry from it is still a duplicate). */
export async function disqualifyLead(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  reason: string,
  meta: ChangeContext & { version?: number },
): Promise<void> {
  const before = await editable(tx, actor, id, meta.version);
  if (before.status === 'disqualified') throw new AppError(409, 'lead_already_disqualified');
  const { disqualifyReasons } = await leadSettingsOf(tx, actor.orgId);
  if (disqualifyReasons.length && !disqualifyReasons.includes(reason))
    throw new AppError(
      422,
      'validation_failed',
      {},
      {
        errors: [
          {
            path: 'body.reason',
            code: 'lead_disqualify_reason',
            params: { reasons: disqualifyReasons.join('、') },
          },
        ],
      },
    );
  await writeLead(tx, before, { status: 'disqualified', disqualifyReason: reason }, meta);
}

/** Writes a change to a lead at the version it was read: rescored, versioned, audited. */
export async function writeLead(
  tx: Kysely<DB>,
  before: LeadRow,
  set: Record<string, unknown>,
  meta: ChangeContext,
): Promise<void> {
  const rules = await scoreRules(tx, before.orgId);
  const after = scoredLead({ ...before, ...set } as LeadRow);
  const values = {
    ...set,
    ...scoreColumns(scoreOf(rules, after)),
    ...learnedColumns(await activeModel(tx, before.orgId), after as LeadFacts),
    updatedAt: meta.at,
    version: before.version + 1,
  };
  const res = await tx
    .updateTable('leads')
    .set(values)
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  const { ownerName: _o, ...beforeRow } = before;
  await recordChange(tx, {
    ...audit(meta),
    object: 'lead',
    recordId: before.id,
    action: 'update',
    before: beforeRow,
    after: { ...beforeRow, ...values },
  });
}
