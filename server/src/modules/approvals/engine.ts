import type { Kysely, Selectable } from 'kysely';
import type { ApprovalDefinitionsTable, ApprovalInstancesTable, DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { loadActor } from '../../platform/auth/actor-loader.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notify/service.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { managersAbove } from '../org/managers.js';
import { delegatesOf, delegatorsOf } from './delegations.js';
import {
  type ApprovalFacts,
  type Approvers,
  type Condition,
  conditionsHold,
  layOutSteps,
  type ResolvedStep,
  type StepDefinition,
} from './rules.js';

// The approval engine: one for every guarded change. An object asks `requestApproval` before making a
// change; when a definition applies, an instance is created (approvers resolved now, the first step's
// tasks opened) and the change waits. Approving the last step applies it through the object's
// `apply`; rejecting ends it (the submitter may resubmit); the submitter may withdraw it. Every state
// change is one conditional update on the instance's version, so two approvers deciding at once make
// one decision.

export type Trigger = { type: 'stage_enter'; stageIds: string[] };
export type TriggerEvent = { type: 'stage_enter'; stageId: string };

export type ApprovalObject = {
  /** Applies the approved change, in the caller's transaction, as the submitter. */
  apply(
    tx: Kysely<DB>,
    submitter: Actor,
    recordId: string,
    change: Record<string, unknown>,
    meta: ChangeContext,
  ): Promise<void>;
  /** Where the record is shown (for notifications). */
  link(recordId: string): string;
};

const objects = new Map<string, ApprovalObject>();
export function registerApprovalObject(object: string, o: ApprovalObject): void {
  objects.set(object, o);
}

type Definition = Selectable<ApprovalDefinitionsTable>;
export type Instance = Selectable<ApprovalInstancesTable>;

const triggerMatches = (t: Trigger, e: TriggerEvent) => t.type === e.type && t.stageIds.includes(e.stageId);

/** The submitter's place in the org: their department and those above, and their roles. */
async function submitterFacts(db: Kysely<DB>, actor: Actor) {
  const [departments, roles] = await Promise.all([
    db
      .selectFrom('departmentClosure')
      .select('ancestorId')
      .where('orgId', '=', actor.orgId)
      .where('descendantId', '=', actor.departmentId)
      .execute(),
    db
      .selectFrom('userRoles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.roleId')
      .select('r.key')
      .where('ur.userId', '=', actor.userId)
      .execute(),
  ]);
  return { departmentIds: departments.map((d) => d.ancestorId), roleKeys: roles.map((r) => r.key) };
}

/** The first active definition (in the admins' order) whose trigger and conditions the change meets. */
export async function applicableDefinition(
  db: Kysely<DB>,
  actor: Actor,
  object: string,
  event: TriggerEvent,
  values: Record<string, unknown>,
): Promise<Definition | undefined> {
  const defs = await db
    .selectFrom('approvalDefinitions')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('object', '=', object)
    .where('active', '=', 1)
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .execute();
  const candidates = defs.filter((d) => triggerMatches(JSON.parse(d.trigger) as Trigger, event));
  if (!candidates.length) return undefined;
  const facts: ApprovalFacts = { values, ...(await submitterFacts(db, actor)) };
  return candidates.find((d) => conditionsHold(JSON.parse(d.conditions) as Condition[], facts));
}

/** The instance a record waits on, if any (the record is locked against guarded changes meanwhile). */
export async function pendingApproval(db: Kysely<DB>, orgId: string, object: string, recordId: string) {
  return db
    .selectFrom('approvalInstances')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('object', '=', object)
    .where('recordId', '=', recordId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/**
 * The definition's steps with their approvers, and whom it is copied to (抄送) — people resolved the same
 * way (a role's members, the submitter's managers), the submitter left out, nobody standing in for none.
 */
async function resolvePeople(
  tx: Kysely<DB>,
  def: Definition,
  submitter: Actor,
): Promise<{ steps: ResolvedStep[]; ccIds: string[] }> {
  const steps = JSON.parse(def.steps) as StepDefinition[];
  const cc = JSON.parse(def.cc) as Approvers[];
  const active = await tx
    .selectFrom('users as u')
    .leftJoin('userRoles as ur', 'ur.userId', 'u.id')
    .leftJoin('roles as r', 'r.id', 'ur.roleId')
    .select(['u.id', 'r.key'])
    .where('u.orgId', '=', submitter.orgId)
    .where('u.active', '=', 1)
    .execute();
  const activeIds = new Set(active.map((u) => u.id));
  const withRole = (key: string) => [...new Set(active.filter((u) => u.key === key).map((u) => u.id))];
  const managers = (await managersAbove(tx, submitter.orgId, submitter.userId)).filter((id) =>
    activeIds.has(id),
  );
  const people = {
    submitterId: submitter.userId,
    managers,
    users: (ids: string[]) => ids.filter((id) => activeIds.has(id)),
    role: withRole,
    admins: withRole('admin'),
  };
  const ccSteps = cc.map((approvers) => ({ name: 'cc', approvers, mode: 'any' as const }));
  return {
    steps: layOutSteps(steps, {
      ...people,
      allowSelf: def.allowSelf === 1,
      noApprover: def.noApprover as 'auto_pass' | 'admin',
    }),
    ccIds: [
      ...new Set(
        layOutSteps(ccSteps, { ...people, allowSelf: false, noApprover: 'auto_pass' }).flatMap(
          (x) => x.approverIds,
        ),
      ),
    ],
  };
}

async function logAction(
  tx: Kysely<DB>,
  i: Pick<Instance, 'id' | 'orgId' | 'round'>,
  step: number,
  actorId: string | null,
  action: string,
  comment: string | null,
  at: number,
  onBehalfOf: string | null = null,
) {
  await tx
    .insertInto('approvalActions')
    .values({
      id: newId(),
      orgId: i.orgId,
      instanceId: i.id,
      round: i.round,
      step,
      actorId,
      action,
      comment,
      at,
      onBehalfOf,
    })
    .execute();
}

/**
 * Requests approval for a change when a definition applies: returns the new instance (`approved` when
 * every step passed by itself and the change is applied), or null when the change needs none.
 */
export async function requestApproval(
  tx: Kysely<DB>,
  actor: Actor,
  r: {
    object: string;
    recordId: string;
    recordName: string;
    event: TriggerEvent;
    values: Record<string, unknown>;
    change: Record<string, unknown>;
    summary: string;
  },
  meta: ChangeContext,
): Promise<{ id: string; status: string } | null> {
  const def = await applicableDefinition(tx, actor, r.object, r.event, r.values);
  if (!def) return null;
  const { steps, ccIds } = await resolvePeople(tx, def, actor);
  const instance = {
    id: newId(),
    orgId: actor.orgId,
    definitionId: def.id,
    name: def.name,
    object: r.object,
    recordId: r.recordId,
    recordName: r.recordName,
    change: JSON.stringify(r.change),
    summary: r.summary,
    steps: JSON.stringify(steps),
    ccIds: JSON.stringify(ccIds),
    status: 'pending',
    currentStep: 0,
    round: 1,
    submittedBy: actor.userId,
    submittedAt: meta.at,
    decidedAt: null,
    version: 1,
  };
  await tx.insertInto('approvalInstances').values(instance).execute();
  await logAction(tx, instance, 0, actor.userId, 'submit', null, meta.at);
  await recordChange(tx, {
    ...meta,
    object: r.object,
    recordId: r.recordId,
    action: 'approval_requested',
    payload: { approvalId: instance.id, definition: def.name, change: r.change },
  });
  await enterStep(tx, instance, 0, meta);
  // Every step may have passed by itself (no approvers): then the change is already applied.
  return loadInstance(tx, actor.orgId, instance.id);
}

/**
 * Makes `step` the current one: opens its approvers' tasks and tells them — or, with no approvers,
 * passes it and goes on. Past the last step the instance is approved and its change applied.
 */
async function enterStep(tx: Kysely<DB>, i: Instance, step: number, meta: ChangeContext): Promise<void> {
  const steps = JSON.parse(i.steps) as ResolvedStep[];
  let at = step;
  while (at < steps.length && steps[at]!.approverIds.length === 0) {
    await logAction(tx, i, at, null, 'auto_pass', null, meta.at);
    at++;
  }
  if (at >= steps.length) {
    await finish(tx, i, 'approved', meta);
    return;
  }
  await tx.updateTable('approvalInstances').set({ currentStep: at }).where('id', '=', i.id).execute();
  const approvers = steps[at]!.approverIds;
  await tx
    .insertInto('approvalTasks')
    .values(
      approvers.map((userId) => ({
        id: newId(),
        orgId: i.orgId,
        instanceId: i.id,
        round: i.round,
        step: at,
        userId,
        status: 'open',
        createdAt: meta.at,
        decidedAt: null,
      })),
    )
    .execute();
  // An approver away has named a delegate: they hear of it too (and may decide it).
  const delegates = await delegatesOf(tx, i.orgId, approvers, meta.at);
  await notify(
    tx,
    i.orgId,
    [...approvers, ...delegates.values()],
    {
      kind: 'approval_requested',
      params: { name: i.name, record: i.recordName, summary: i.summary },
      link: `/approvals/${i.id}`,
      eventId: `approval:${i.id}:${i.round}:${at}`,
    },
    meta.at,
  );
}

async function finish(tx: Kysely<DB>, i: Instance, status: 'approved' | 'rejected', meta: ChangeContext) {
  await tx
    .updateTable('approvalInstances')
    .set({ status, decidedAt: meta.at })
    .where('id', '=', i.id)
    .execute();
  await tx
    .updateTable('approvalTasks')
    .set({ status: 'closed', decidedAt: meta.at })
    .where('instanceId', '=', i.id)
    .where('status', '=', 'open')
    .execute();
  if (status === 'approved') {
    const o = objects.get(i.object);
    const submitter = await loadActor(tx, i.submittedBy, 'session');
    if (!o || !submitter) throw new AppError(409, 'approval_cannot_apply');
    await o.apply(tx, submitter, i.recordId, JSON.parse(i.change) as Record<string, unknown>, meta);
  }
  await notify(
    tx,
    i.orgId,
    [i.submittedBy],
    {
      kind: status === 'approved' ? 'approval_approved' : 'approval_rejected',
      params: { name: i.name, record: i.recordName, summary: i.summary },
      link: `/approvals/${i.id}`,
      eventId: `approval:${i.id}:${i.round}:${status}`,
    },
    meta.at,
  );
  // 抄送: those the flow copies are told how it ended.
  await notify(
    tx,
    i.orgId,
    (JSON.parse(i.ccIds) as string[]).filter((id) => id !== i.submittedBy),
    {
      kind: status === 'approved' ? 'approval_cc_approved' : 'approval_cc_rejected',
      params: { name: i.name, record: i.recordName, summary: i.summary },
      link: `/approvals/${i.id}`,
      eventId: `approval:${i.id}:${i.round}:${status}:cc`,
    },
    meta.at,
  );
}

/** The instance at the version the caller saw, else 409 (someone decided meanwhile). */
async function claim(tx: Kysely<DB>, i: Instance, set: Partial<Instance> = {}) {
  const res = await tx
    .updateTable('approvalInstances')
    .set({ ...set, version: i.version + 1 })
    .where('id', '=', i.id)
    .where('version', '=', i.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'approval_changed');
  return { ...i, ...set, version: i.version + 1 };
}

export async function loadInstance(tx: Kysely<DB>, orgId: string, id: string): Promise<Instance> {
  const i = await tx
    .selectFrom('approvalInstances')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!i) throw notFound();
  return i;
}

/** 同意 / 驳回 by an approver of the current step (once each). Reject ends the request. */
export async function decide(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  comment: string | null,
  meta: ChangeContext,
): Promise<void> {
  const found = await loadInstance(tx, actor.orgId, id);
  // Their own task first; else one of an approver away who named them (委托).
  const forWhom = [actor.userId, ...(await delegatorsOf(tx, actor.orgId, actor.userId, meta.at))];
  const tasks = await tx
    .selectFrom('approvalTasks')
    .selectAll()
    .where('instanceId', '=', found.id)
    .where('round', '=', found.round)
    .where('step', '=', found.currentStep)
    .where('userId', 'in', forWhom)
    .execute();
  const task =
    tasks.find((t) => t.userId === actor.userId) ?? tasks.find((t) => t.status === 'open') ?? tasks[0];
  if (found.status !== 'pending') throw new AppError(409, 'approval_not_pending');
  if (!task) {
    const decided = await tx
      .selectFrom('approvalActions')
      .select('id')
      .where('instanceId', '=', found.id)
      .where('round', '=', found.round)
      .where('actorId', '=', actor.userId)
      .where('action', 'in', ['approve', 'reject'])
      .executeTakeFirst();
    if (decided) throw new AppError(409, 'approval_already_decided');
    if (found.submittedBy === actor.userId) throw new AppError(403, 'approval_self');
    throw new AppError(403, 'approval_not_yours');
  }
  if (task.status === 'approved' || task.status === 'rejected')
    throw new AppError(409, 'approval_already_decided');
  // Another approver of an any-of step decided a moment before.
  if (task.status !== 'open') throw new AppError(409, 'approval_changed');
  const onBehalfOf = task.userId === actor.userId ? null : task.userId;
  // A submitter who is someone's delegate decides their own request only where the definition allows it.
  if (onBehalfOf && found.submittedBy === actor.userId) {
    const def = await tx
      .selectFrom('approvalDefinitions')
      .select('allowSelf')
      .where('id', '=', found.definitionId)
      .executeTakeFirst();
    if (def?.allowSelf !== 1) throw new AppError(403, 'approval_self');
  }
  const i = await claim(tx, found);
  await tx
    .updateTable('approvalTasks')
    .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedAt: meta.at })
    .where('id', '=', task.id)
    .execute();
  await logAction(tx, i, i.currentStep, actor.userId, decision, comment, meta.at, onBehalfOf);
  await recordChange(tx, {
    ...meta,
    object: i.object,
    recordId: i.recordId,
    action: decision === 'approve' ? 'approval_approved' : 'approval_rejected',
    payload: { approvalId: i.id, step: i.currentStep, comment, ...(onBehalfOf && { onBehalfOf }) },
  });
  if (decision === 'reject') return finish(tx, i, 'rejected', meta);
  const steps = JSON.parse(i.steps) as ResolvedStep[];
  const step = steps[i.currentStep]!;
  if (step.mode === 'all') {
    const open = await tx
      .selectFrom('approvalTasks')
      .select('id')
      .where('instanceId', '=', i.id)
      .where('round', '=', i.round)
      .where('step', '=', i.currentStep)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) return;
  }
  await tx
    .updateTable('approvalTasks')
    .set({ status: 'closed', decidedAt: meta.at })
    .where('instanceId', '=', i.id)
    .where('status', '=', 'open')
    .execute();
  await enterStep(tx, i, i.currentStep + 1, meta);
}

/** 撤回: the submitter takes back a pending request; the record is free again. */
export async function withdraw(tx: Kysely<DB>, actor: Actor, id: string, meta: ChangeContext): Promise<void> {
  const found = await loadInstance(tx, actor.orgId, id);
  if (found.submittedBy !== actor.userId) throw new AppError(403, 'forbidden');
  if (found.status !== 'pending') throw new AppError(409, 'approval_not_pending');
  const i = await claim(tx, found, { status: 'withdrawn', decidedAt: meta.at });
  await tx
    .updateTable('approvalTasks')
    .set({ status: 'closed', decidedAt: meta.at })
    .where('instanceId', '=', i.id)
    .where('status', '=', 'open')
    .execute();
  await logAction(tx, i, i.currentStep, actor.userId, 'withdraw', null, meta.at);
}

/**
 * 重新提交 a rejected request: a new round from the first step, or from the step that rejected it, as
 * the definition says. Refused while another request of the record is pending.
 */
export async function resubmit(
  tx: Kysely<DB>,
  actor: Actor,
  id: string,
  comment: string | null,
  meta: ChangeContext,
): Promise<void> {
  const found = await loadInstance(tx, actor.orgId, id);
  if (found.submittedBy !== actor.userId) throw new AppError(403, 'forbidden');
  if (found.status !== 'rejected') throw new AppError(409, 'approval_not_rejected');
  if (await pendingApproval(tx, actor.orgId, found.object, found.recordId))
    throw new AppError(409, 'approval_pending');
  const def = await tx
    .selectFrom('approvalDefinitions')
    .select('resubmitFrom')
    .where('id', '=', found.definitionId)
    .executeTakeFirstOrThrow();
  const from = def.resubmitFrom === 'rejected_step' ? found.currentStep : 0;
  const i = await claim(tx, found, {
    status: 'pending',
    decidedAt: null,
    round: found.round + 1,
    currentStep: from,
  });
  await logAction(tx, i, from, actor.userId, 'resubmit', comment, meta.at);
  await enterStep(tx, i, from, meta);
}
