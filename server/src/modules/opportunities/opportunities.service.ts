import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB, OpportunitiesTable } from '../../db/schema.js';
import { type Actor, can, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notify/service.js';
import { pendingApproval, registerApprovalObject, requestApproval } from '../approvals/engine.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import { assertOwnerAssignable, type ChangeContext } from '../customers/customers.service.js';
import { managersAbove } from '../org/managers.js';
import { type OpportunityRow, present, selectOpportunities } from './opportunities.repo.js';
import type { createBody, moveBody, updateBody } from './opportunities.schema.js';
import { firstOpenStage, loadPipeline, type Pipeline, type PipelineStage } from './pipelines.repo.js';
import { enterStage } from './stage-history.js';
import { type GateFacts, gatedStages, type MissingItem, statusOf, unmetGates } from './stages.js';

const day = 86_400_000;

/** When a deal entering `stage` at `at` is next to be followed up (the stage's cadence), if open. */
const nextFollowUp = (stage: PipelineStage, at: number) =>
  statusOf(stage.category) === 'open' && stage.cadenceDays ? at + stage.cadenceDays * day : null;

/** A deal the actor may change (else 404), at the version they saw (else 412). */
export async function editable(tx: Kysely<DB>, actor: Actor, id: string, version?: number) {
  const before = await selectOpportunities(tx, actor.orgId)
    .where(scopeFilter(actor, 'opportunity', 'o.owner_id', 'update'))
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound();
  if (version !== undefined) assertVersion(before, version, (r) => present(r, Date.now()));
  return before;
}

/** The customer (visible to the actor) and, in order, contacts of it. */
async function assertCustomerAndContacts(
  tx: Kysely<DB>,
  actor: Actor,
  customerId: string,
  contactIds: string[] | undefined,
): Promise<void> {
  const customer = await tx
    .selectFrom('customers as c')
    .select('c.id')
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', '=', customerId)
    .where('c.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'customer', 'c.owner_id'))
    .executeTakeFirst();
  if (!customer) throw invalid([{ path: 'body.customerId', code: 'customer_not_found' }]);
  if (!contactIds?.length) return;
  const found = new Set(
    (
      await tx
        .selectFrom('contacts')
        .select('id')
        .where('orgId', '=', actor.orgId)
        .where('customerId', '=', customerId)
        .where('deletedAt', 'is', null)
        .where('id', 'in', contactIds)
        .execute()
    ).map((c) => c.id),
  );
  const errors = contactIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `body.contactIds.${i}`, code: 'not_found' }],
  );
  if (new Set(contactIds).size !== contactIds.length)
    errors.push({ path: 'body.contactIds', code: 'duplicate_entry' });
  if (errors.length) throw invalid(errors);
}

async function writeContacts(tx: Kysely<DB>, orgId: string, opportunityId: string, contactIds: string[]) {
  await tx.deleteFrom('opportunityContacts').where('opportunityId', '=', opportunityId).execute();
  if (contactIds.length)
    await tx
      .insertInto('opportunityContacts')
      .values(contactIds.map((contactId, position) => ({ orgId, opportunityId, contactId, position })))
      .execute();
}

/** What a deal shows the gates: its fields, contacts, files, ticked items and follow-ups in its stage. */
type GateRow = Pick<
  Selectable<OpportunitiesTable>,
  | 'id'
  | 'orgId'
  | 'amount'
  | 'expectedCloseDate'
  | 'products'
  | 'competitors'
  | 'source'
  | 'custom'
  | 'checklist'
  | 'stageEnteredAt'
>;

async function gateFacts(tx: Kysely<DB>, row: GateRow, contactCount?: number): Promise<GateFacts> {
  const [contacts, files, followUp] = await Promise.all([
    contactCount ??
      tx
        .selectFrom('opportunityContacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('opportunityId', '=', row.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    tx
      .selectFrom('attachments')
      .select('kind')
      .distinct()
      .where('orgId', '=', row.orgId)
      .where('object', '=', 'opportunity')
      .where('recordId', '=', row.id)
      .where('deletedAt', 'is', null)
      .where('kind', 'is not', null)
      .execute(),
    tx
      .selectFrom('followUps')
      .select('id')
      .where('orgId', '=', row.orgId)
      .where('object', '=', 'opportunity')
      .where('recordId', '=', row.id)
      .where('deletedAt', 'is', null)
      .where('createdAt', '>=', row.stageEnteredAt)
      .executeTakeFirst(),
  ]);
  const custom = JSON.parse(row.custom) as Record<string, unknown>;
  return {
    values: {
      amount: row.amount,
      expectedCloseDate: row.expectedCloseDate,
      contacts,
      products: row.products,
      competitors: row.competitors,
      source: row.source,
      ...Object.fromEntries(Object.entries(custom).map(([k, v]) => [`custom.${k}`, v])),
    },
    attachmentKinds: new Set(files.map((f) => f.kind as string)),
    ticked: JSON.parse(row.checklist) as Record<string, string[]>,
    followedUpInStage: !!followUp,
  };
}

function gateProblem(target: PipelineStage, missing: MissingItem[]) {
  return new AppError(
    422,
    'stage_gate_unmet',
    { stage: target.name, count: missing.length },
    { body: { missing } },
  );
}

async function pipelineOf(tx: Kysely<DB>, orgId: string, id: string | undefined): Promise<Pipeline> {
  const chosen = id
    ? await loadPipeline(tx, orgId, id)
    : await tx
        .selectFrom('pipelines')
        .select('id')
        .where('orgId', '=', orgId)
        .where('isDefault', '=', 1)
        .where('deletedAt', 'is', null)
        .executeTakeFirst()
        .then((p) => p && loadPipeline(tx, orgId, p.id));
  if (!chosen) throw invalid([{ path: 'body.pipelineId', code: 'not_found' }]);
  return chosen;
}

/**
 * A deal's past, as an import of historical deals gives it: when it was made, when it entered each
 * stage (in pipeline order; the last is its stage now, and a closed stage is when it was won or lost).
 */
export type DealHistory = {
  createdAt: number;
  entered: { stageId: string; at: number }[];
  externalId?: string | null;
  lostReason?: string | null;
  importId: string;
};

/**
 * Creates one deal in the caller's transaction — the one path for the API, lead conversion and the
 * import: customer and contacts in reach, owner check, stage and its gates, stage history, follow-up
 * cadence, audit and event. With `history` (the import) the deal keeps its own dates and may be closed
 * already; a closed deal's owner may have left, and its gates are history, not checked; an open deal's
 * gates are, unless the importer has the override right (then the audit lists what was skipped).
 */
export async function createOpportunity(
  tx: Kysely<DB>,
  actor: Actor,
  b: z.infer<typeof createBody>,
  meta: ChangeContext,
  history?: DealHistory,
): Promise<string> {
  await assertCustomerAndContacts(tx, actor, b.customerId, b.contactIds);
  const pipeline = await pipelineOf(tx, actor.orgId, b.pipelineId);
  const stage = b.stageId ? pipeline.stages.find((s) => s.id === b.stageId) : firstOpenStage(pipeline);
  if (!stage) throw invalid([{ path: 'body.stageId', code: 'stage_not_in_pipeline' }]);
  const status = statusOf(stage.category);
  if (status !== 'open' && !history) throw invalid([{ path: 'body.stageId', code: 'invalid_format' }]);
  const ownerId = b.ownerId ?? actor.userId;
  if (b.ownerId && b.ownerId !== actor.userId)
    await assertOwnerAssignable(tx, actor, b.ownerId, 'body.ownerId', 'opportunity', status !== 'open');
  if (b.leadId) {
    const lead = await tx
      .selectFrom('leads as l')
      .select('l.id')
      .where('l.orgId', '=', actor.orgId)
      .where('l.id', '=', b.leadId)
      .where('l.deletedAt', 'is', null)
      .where(scopeFilter(actor, 'lead', 'l.owner_id'))
      .executeTakeFirst();
    if (!lead) throw invalid([{ path: 'body.leadId', code: 'not_found' }]);
  }
  const id = newId();
  const at = meta.at;
  const entered = history?.entered ?? [{ stageId: stage.id, at }];
  const since = entered.at(-1)!.at;
  const row = {
    id,
    orgId: actor.orgId,
    name: b.name,
    customerId: b.customerId,
    pipelineId: pipeline.id,
    stageId: stage.id,
    status,
    amount: b.amount,
    currency: b.currency ?? 'CNY',
    expectedCloseDate: b.expectedCloseDate ?? null,
    ownerId,
    source: b.source ?? null,
    leadId: b.leadId ?? null,
    externalId: history?.externalId ?? null,
    products: b.products ?? null,
    competitors: b.competitors ?? null,
    lostReason: status === 'lost' ? (history?.lostReason ?? null) : null,
    stageEnteredAt: since,
    checklist: '{}',
    closedAt: status === 'open' ? null : since,
    lastFollowUpAt: null,
    // An imported open deal is next followed up a cadence from now: when it was last is not known.
    nextFollowUpAt: nextFollowUp(stage, at),
    custom: await customValues(tx, actor, 'opportunity', b.custom, { partial: false }),
    createdBy: actor.userId,
    createdAt: history?.createdAt ?? at,
    updatedAt: at,
    version: 1,
    deletedAt: null,
  };
  // Starting past the first stage passes the gates on the way, as a move would. An import by someone
  // with the override right brings an open deal where it already is, and the audit says what it skipped.
  const first = firstOpenStage(pipeline);
  let overriddenGates: MissingItem[] = [];
  if (first && stage.id !== first.id && status === 'open') {
    const on = gatedStages(pipeline.stages, first.id, stage.id);
    const missing = unmetGates(on, await gateFacts(tx, row, b.contactIds?.length ?? 0));
    if (missing.length && !(history && can(actor, 'opportunity', 'override_gate')))
      throw gateProblem(stage, missing);
    overriddenGates = missing;
  }
  await tx.insertInto('opportunities').values(row).execute();
  await writeContacts(tx, actor.orgId, id, b.contactIds ?? []);
  // Stays of an imported past are by nobody known; a new deal's first stay is its creator's.
  const by = history ? null : actor.userId;
  for (const e of entered)
    await enterStage(tx, {
      orgId: actor.orgId,
      opportunityId: id,
      stageId: e.stageId,
      at: e.at,
      actorId: by,
    });
  await recordChange(tx, {
    ...meta,
    object: 'opportunity',
    recordId: id,
    action: 'create',
    after: row,
    ...(history && {
      payload: { importId: history.importId, ...(overriddenGates.length && { overriddenGates }) },
    }),
  });
  return id;
}

/** Changes a deal's fields (not its stage: that is a move). */
export async function updateOpportunity(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: z.infer<typeof updateBody>,
  meta: ChangeContext & { version: number },
): Promise<void> {
  const before = await editable(tx, actor, id, meta.version);
  if (b.ownerId !== undefined && b.ownerId !== before.ownerId)
    await assertOwnerAssignable(tx, actor, b.ownerId, 'body.ownerId', 'opportunity');
  const movesCustomer = b.customerId !== undefined && b.customerId !== before.customerId;
  const customerId = b.customerId ?? before.customerId;
  if (b.contactIds || movesCustomer) await assertCustomerAndContacts(tx, actor, customerId, b.contactIds);
  // Under another customer the old customer's contacts are no longer the deal's, unless named again.
  const contactIds = b.contactIds ?? (movesCustomer ? [] : undefined);
  const { contactIds: _given, custom, ...fields } = b;
  const set = {
    ...fields,
    ...(custom !== undefined && {
      custom: await customValues(tx, actor, 'opportunity', custom, { partial: true, before: before.custom }),
    }),
    updatedAt: meta.at,
    version: before.version + 1,
  };
  await writeOpportunity(tx, before, set, meta, 'update');
  if (contactIds) await writeContacts(tx, actor.orgId, id, contactIds);
}

async function writeOpportunity(
  tx: Kysely<DB>,
  before: OpportunityRow,
  set: Record<string, unknown>,
  meta: ChangeContext,
  action: string,
  payload?: Record<string, unknown>,
): Promise<void> {
  const res = await tx
    .updateTable('opportunities')
    .set(set)
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
  const {
    customerName: _c,
    ownerName: _o,
    stageName: _s,
    stageCategory: _g,
    probability: _p,
    stalledDays: _d,
    awaitingApproval: _w,
    ...row
  } = before;
  await recordChange(tx, {
    ...meta,
    object: 'opportunity',
    recordId: before.id,
    action,
    before: row,
    after: { ...row, ...set },
    ...(payload && { payload }),
  });
}

/**
 * Moves a deal to another stage of its pipeline: forward, the gates of every stage on the way must be
 * met (else 422 stage_gate_unmet with what is missing) unless someone with the override right skips
 * them with a reason (audited); into a lost stage, a lost reason is required. The stay in the old stage
 * closes, one in the new stage opens, and the stage's cadence sets the next follow-up.
 */
export async function moveOpportunity(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: z.infer<typeof moveBody>,
  meta: ChangeContext & { version: number; approved?: boolean },
): Promise<{ approval: { id: string; status: string } } | null> {
  const before = await editable(tx, actor, id, meta.version);
  if (b.stageId === before.stageId) return null;
  // A deal waiting on an approval keeps its stage until the approval ends.
  if (!meta.approved && (await pendingApproval(tx, actor.orgId, 'opportunity', id)))
    throw new AppError(409, 'approval_pending');
  const pipeline = (await loadPipeline(tx, actor.orgId, before.pipelineId))!;
  const target = pipeline.stages.find((s) => s.id === b.stageId);
  if (!target) throw invalid([{ path: 'body.stageId', code: 'stage_not_in_pipeline' }]);
  const status = statusOf(target.category);
  const lostReason = b.lostReason ?? before.lostReason;
  if (status === 'lost' && !lostReason)
    throw invalid([{ path: 'body.lostReason', code: 'lost_reason_required' }]);
  const missing = unmetGates(
    gatedStages(pipeline.stages, before.stageId, target.id),
    await gateFacts(tx, before),
  );
  if (missing.length) {
    if (!b.overrideGates) throw gateProblem(target, missing);
    if (!can(actor, 'opportunity', 'override_gate')) throw new AppError(403, 'forbidden');
    if (!b.reason) throw invalid([{ path: 'body.reason', code: 'gate_override_reason' }]);
  }
  if (!meta.approved) {
    const approval = await requestApproval(
      tx,
      actor,
      {
        object: 'opportunity',
        recordId: id,
        recordName: before.name,
        event: { type: 'stage_enter', stageId: target.id },
        values: {
          amount: before.amount,
          probability: target.probability,
          ownerId: before.ownerId,
          ...customOf(before),
        },
        change: { type: 'move', ...b },
        summary: `${before.stageName} → ${target.name}`,
      },
      meta,
    );
    // Sent for approval: the move happens when it is approved (at once if every step passed by itself).
    if (approval) return { approval: { id: approval.id, status: approval.status } };
  }
  const at = meta.at;
  const wasOpen = before.status === 'open';
  await writeOpportunity(
    tx,
    before,
    {
      stageId: target.id,
      status,
      stageEnteredAt: at,
      closedAt: status === 'open' ? null : wasOpen ? at : before.closedAt,
      lostReason: status === 'lost' ? lostReason : before.lostReason,
      nextFollowUpAt: nextFollowUp(target, at),
      updatedAt: at,
      version: before.version + 1,
    },
    meta,
    'stage_changed',
    {
      fromStageId: before.stageId,
      toStageId: target.id,
      ...(missing.length && { overriddenGates: missing, reason: b.reason }),
    },
  );
  await enterStage(tx, {
    orgId: actor.orgId,
    opportunityId: id,
    stageId: target.id,
    at,
    actorId: actor.userId,
  });
  // The owner's manager hears of every stage change (D3) — unless they made it.
  const [manager] = await managersAbove(tx, actor.orgId, before.ownerId);
  if (manager && manager !== actor.userId)
    await notify(
      tx,
      actor.orgId,
      [manager],
      {
        kind: 'opportunity_stage_changed',
        params: { deal: before.name, from: before.stageName, to: target.name, by: actor.name },
        link: `/opportunities/${id}`,
        eventId: `stage:${id}:${target.id}:${at}`,
      },
      at,
    );
  return null;
}

const customOf = (row: { custom: string }) =>
  Object.fromEntries(
    Object.entries(JSON.parse(row.custom) as Record<string, unknown>).map(([k, v]) => [`custom.${k}`, v]),
  );

// An approved move is made as the rep who asked for it (its gates are checked again then).
registerApprovalObject('opportunity', {
  async apply(tx, submitter, id, change, meta) {
    const current = await tx
      .selectFrom('opportunities')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw new AppError(409, 'approval_cannot_apply');
    const { type: _t, ...move } = change as { type: 'move' } & z.infer<typeof moveBody>;
    await moveOpportunity(tx, submitter, id, move, { ...meta, version: current.version, approved: true });
  },
  link: (id) => `/opportunities/${id}`,
});

/** Ticks or unticks one checklist item of a stage's gate. */
export async function tickChecklist(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  b: { stageId: string; itemId: string; done: boolean },
  meta: ChangeContext & { version: number },
): Promise<void> {
  const before = await editable(tx, actor, id, meta.version);
  const pipeline = (await loadPipeline(tx, actor.orgId, before.pipelineId))!;
  const stage = pipeline.stages.find((s) => s.id === b.stageId);
  if (!stage) throw invalid([{ path: 'body.stageId', code: 'stage_not_in_pipeline' }]);
  if (!stage.gates.checklist.some((i) => i.id === b.itemId))
    throw invalid([{ path: 'body.itemId', code: 'not_found' }]);
  const ticked = JSON.parse(before.checklist) as Record<string, string[]>;
  const items = new Set(ticked[b.stageId] ?? []);
  if (b.done) items.add(b.itemId);
  else items.delete(b.itemId);
  ticked[b.stageId] = [...items];
  await writeOpportunity(
    tx,
    before,
    { checklist: JSON.stringify(ticked), updatedAt: meta.at, version: before.version + 1 },
    meta,
    'update',
  );
}
