import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { approval, approvalAction, decideBody, inboxQuery, rejectBody } from './approvals.schema.js';
import { decidingFor, waitingOn } from './delegations.js';
import { decide, type Instance, loadInstance, resubmit, withdraw } from './engine.js';
import type { ResolvedStep } from './rules.js';

type Approval = z.infer<typeof approval>;

const ccOf = (i: Instance) => JSON.parse(i.ccIds) as string[];

/** Who took part: the submitter, every approver of any step and those copied (admins see every request). */
const participants = (i: Instance) => [
  i.submittedBy,
  ...(JSON.parse(i.steps) as ResolvedStep[]).flatMap((s) => s.approverIds),
  ...ccOf(i),
];

// 审批: 待我审批 / 我发起的 / 我已处理, one request with its steps and history, and the decisions on it.
// A request is visible to those who take part in it (and admins), not through the record's scope: an
// approver sees what they are asked to approve.
export function registerApprovalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const names = async (q: Kysely<DB>, orgId: string, ids: string[]) => {
    const rows = ids.length
      ? await q
          .selectFrom('users')
          .select(['id', 'name'])
          .where('orgId', '=', orgId)
          .where('id', 'in', [...new Set(ids)])
          .execute()
      : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  };

  /** The caller, and the approvers away who named them (委托) — whose tasks they may decide now. */
  const forWhom = (actor: Actor) => decidingFor(db, actor.orgId, actor.userId, clock.now());

  const present = async (actor: Actor, list: Instance[]): Promise<Approval[]> => {
    if (!list.length) return [];
    const deciding = await forWhom(actor);
    const ids = list.map((i) => i.id);
    const [tasks, delegated] = await Promise.all([
      db
        .selectFrom('approvalTasks')
        .selectAll()
        .where('orgId', '=', actor.orgId)
        .where('instanceId', 'in', ids)
        .execute(),
      // Decisions a delegate made for an approver away (委托): the steps say who decided.
      db
        .selectFrom('approvalActions')
        .select(['instanceId', 'round', 'step', 'actorId', 'onBehalfOf'])
        .where('orgId', '=', actor.orgId)
        .where('instanceId', 'in', ids)
        .where('onBehalfOf', 'is not', null)
        .execute(),
    ]);
    const who = await names(db, actor.orgId, [
      ...list.flatMap(participants),
      ...delegated.flatMap((d) => (d.actorId ? [d.actorId] : [])),
    ]);
    return list.map((i) => {
      const steps = JSON.parse(i.steps) as ResolvedStep[];
      const mine = tasks.find(
        (t) =>
          t.instanceId === i.id &&
          t.round === i.round &&
          t.step === i.currentStep &&
          deciding.includes(t.userId) &&
          t.status === 'open',
      );
      return {
        id: i.id,
        name: i.name,
        object: i.object,
        recordId: i.recordId,
        recordName: i.recordName,
        summary: i.summary,
        status: i.status as Approval['status'],
        currentStep: i.currentStep,
        round: i.round,
        submittedBy: { id: i.submittedBy, name: who.get(i.submittedBy) ?? '' },
        submittedAt: i.submittedAt,
        decidedAt: i.decidedAt,
        steps: steps.map((s, n) => ({
          name: s.name,
          mode: s.mode,
          approvers: s.approverIds.map((id) => {
            const t = tasks.find(
              (x) => x.instanceId === i.id && x.round === i.round && x.step === n && x.userId === id,
            );
            const decision =
              t?.status === 'approved' ? 'approve' : t?.status === 'rejected' ? 'reject' : null;
            const by = decision
              ? delegated.find(
                  (d) => d.instanceId === i.id && d.round === i.round && d.step === n && d.onBehalfOf === id,
                )?.actorId
              : undefined;
            return {
              id,
              name: who.get(id) ?? '',
              decision,
              decidedBy: by ? { id: by, name: who.get(by) ?? '' } : null,
            };
          }),
        })),
        cc: ccOf(i).map((id) => ({ id, name: who.get(id) ?? '' })),
        mine: {
          decide: i.status === 'pending' && mine?.status === 'open',
          withdraw: i.status === 'pending' && i.submittedBy === actor.userId,
          resubmit: i.status === 'rejected' && i.submittedBy === actor.userId,
        },
        version: i.version,
      };
    });
  };

  /** Those who take part, admins, and the delegate of an approver away (they may decide it). */
  const visible = async (actor: Actor, id: string) => {
    const i = await loadInstance(db, actor.orgId, id);
    const who = participants(i);
    if (!actor.isAdmin && !(await forWhom(actor)).some((u) => who.includes(u))) throw notFound();
    return i;
  };

  api.get(
    '/approvals',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['approvals'],
        summary:
          '审批: requests waiting for the caller (todo), submitted by them, or decided by them, newest first',
        querystring: inboxQuery,
        response: { 200: z.object({ data: z.array(approval) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { box, status, limit } = req.query;
      const deciding = await forWhom(actor);
      let q = db.selectFrom('approvalInstances as i').selectAll('i').where('i.orgId', '=', actor.orgId);
      if (box === 'todo') q = q.where(waitingOn(deciding));
      if (box === 'submitted') q = q.where('i.submittedBy', '=', actor.userId);
      // 抄送我的: the ids are a JSON list of uuids, so the quoted id matches exactly one entry.
      if (box === 'cc') q = q.where('i.ccIds', 'like', `%"${actor.userId}"%`);
      if (box === 'done')
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('approvalActions as a')
              .select('a.id')
              .whereRef('a.instanceId', '=', 'i.id')
              .where('a.actorId', '=', actor.userId)
              .where('a.action', 'in', ['approve', 'reject']),
          ),
        );
      if (status) q = q.where('i.status', '=', status);
      const rows = await q.orderBy('i.submittedAt', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
      return { data: await present(actor, rows) };
    },
  );

  api.get(
    '/approvals/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['approvals'],
        summary: 'One request with its steps, approvers and their decisions, and its history',
        params: idParams,
        response: { 200: approval.extend({ history: z.array(approvalAction) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const i = await visible(actor, req.params.id);
      const [shown] = await present(actor, [i]);
      const actions = await db
        .selectFrom('approvalActions')
        .selectAll()
        .where('orgId', '=', actor.orgId)
        .where('instanceId', '=', i.id)
        .orderBy('at')
        .orderBy('id')
        .execute();
      const who = await names(
        db,
        actor.orgId,
        actions.flatMap((a) => [a.actorId, a.onBehalfOf].filter((x): x is string => !!x)),
      );
      return {
        ...shown!,
        history: actions.map((a) => ({
          round: a.round,
          step: a.step,
          actor: a.actorId ? { id: a.actorId, name: who.get(a.actorId) ?? '' } : null,
          onBehalfOf: a.onBehalfOf ? { id: a.onBehalfOf, name: who.get(a.onBehalfOf) ?? '' } : null,
          action: a.action as z.infer<typeof approvalAction>['action'],
          comment: a.comment,
          at: a.at,
        })),
      };
    },
  );

  const decision = (
    path: string,
    summary: string,
    body: z.ZodType,
    run: (
      tx: Kysely<DB>,
      actor: Actor,
      id: string,
      b: { comment?: string },
      meta: ReturnType<typeof changeMeta>,
    ) => Promise<void>,
  ) =>
    api.post(
      `/approvals/:id/${path}`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['approvals'],
          summary,
          params: idParams,
          body,
          response: { 200: approval, ...commonErrors, 409: problem },
        },
      },
      async (req) => {
        const actor = req.actor as Actor;
        await visible(actor, req.params.id);
        await db
          .transaction()
          .execute((tx) =>
            run(tx, actor, req.params.id, req.body as { comment?: string }, changeMeta(req, clock.now())),
          );
        const [shown] = await present(actor, [await loadInstance(db, actor.orgId, req.params.id)]);
        return shown!;
      },
    );

  decision(
    'approve',
    '同意: approve the current step (the last approval applies the change)',
    decideBody,
    (tx, actor, id, b, meta) => decide(tx, actor, id, 'approve', b.comment ?? null, meta),
  );
  decision('reject', '驳回: reject the request, with a comment', rejectBody, (tx, actor, id, b, meta) =>
    decide(tx, actor, id, 'reject', b.comment ?? null, meta),
  );
  decision(
    'withdraw',
    '撤回: the submitter takes back a pending request',
    z.strictObject({}).optional(),
    (tx, actor, id, _b, meta) => withdraw(tx, actor, id, meta),
  );
  decision(
    'resubmit',
    '重新提交: the submitter sends a rejected request again',
    decideBody,
    (tx, actor, id, b, meta) => resubmit(tx, actor, id, b.comment ?? null, meta),
  );
}
