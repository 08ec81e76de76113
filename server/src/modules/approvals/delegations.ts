import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ChangeContext } from '../customers/customers.service.js';

// 委托: an approver going away names a colleague who decides their approvals for them from one time to
// another — those waiting already and those that arrive meanwhile. The approver may still decide too;
// every decision says on whose behalf it was made.

const day = 86_400_000;
/** The longest away period one delegation covers. */
export const maxDelegationDays = 90;

const live = (db: Kysely<DB>, orgId: string, at: number) =>
  db
    .selectFrom('approvalDelegations')
    .where('orgId', '=', orgId)
    .where('startsAt', '<=', at)
    .where('endsAt', '>', at)
    .where('revokedAt', 'is', null);

/** Whom `userId` decides for at `at` (those away who named them). */
export async function delegatorsOf(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  at: number,
): Promise<string[]> {
  const rows = await live(db, orgId, at).select('userId').where('delegateId', '=', userId).execute();
  return rows.map((r) => r.userId);
}

/** Who decides for each of `userIds` at `at`, for those away. */
export async function delegatesOf(
  db: Kysely<DB>,
  orgId: string,
  userIds: string[],
  at: number,
): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await live(db, orgId, at)
    .select(['userId', 'delegateId'])
    .where('userId', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.userId, r.delegateId]));
}

/** The caller and those away who named them: whose approval tasks they may decide at `at`. */
export async function decidingFor(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  at: number,
): Promise<string[]> {
  return [userId, ...(await delegatorsOf(db, orgId, userId, at))];
}

/**
 * 待我审批 as a condition on `approvalInstances as i`: pending, with an open task of its current step
 * for one of `deciding` (see decidingFor).
 */
export const waitingOn =
  (deciding: string[]) => (eb: ExpressionBuilder<DB & { i: DB['approvalInstances'] }, 'i'>) =>
    eb.and([
      eb('i.status', '=', 'pending'),
      eb.exists(
        eb
          .selectFrom('approvalTasks as t')
          .select('t.id')
          .whereRef('t.instanceId', '=', 'i.id')
          .whereRef('t.round', '=', 'i.round')
          .whereRef('t.step', '=', 'i.currentStep')
          .where('t.userId', 'in', deciding)
          .where('t.status', '=', 'open'),
      ),
    ]);

export type NewDelegation = { delegateId: string; startsAt: number; endsAt: number; reason?: string };

/** Names a delegate for an away period of the actor's own (one period at a time). */
export async function createDelegation(
  tx: Kysely<DB>,
  actor: Actor,
  b: NewDelegation,
  meta: ChangeContext,
): Promise<string> {
  const errors = [];
  if (b.delegateId === actor.userId) errors.push({ path: 'body.delegateId', code: 'delegate_self' });
  if (b.endsAt <= b.startsAt) errors.push({ path: 'body.endsAt', code: 'delegation_period' });
  else if (b.endsAt - b.startsAt > maxDelegationDays * day)
    errors.push({ path: 'body.endsAt', code: 'delegation_too_long', params: { days: maxDelegationDays } });
  if (b.endsAt <= meta.at) errors.push({ path: 'body.endsAt', code: 'delegation_past' });
  if (errors.length) throw invalid(errors);
  const delegate = await tx
    .selectFrom('users')
    .select(['id', 'active'])
    .where('orgId', '=', actor.orgId)
    .where('id', '=', b.delegateId)
    .executeTakeFirst();
  if (!delegate) throw invalid([{ path: 'body.delegateId', code: 'not_found' }]);
  if (!delegate.active) throw invalid([{ path: 'body.delegateId', code: 'account_inactive' }]);
  const overlapping = await tx
    .selectFrom('approvalDelegations')
    .select('id')
    .where('orgId', '=', actor.orgId)
    .where('userId', '=', actor.userId)
    .where('revokedAt', 'is', null)
    .where('startsAt', '<', b.endsAt)
    .where('endsAt', '>', b.startsAt)
    .executeTakeFirst();
  if (overlapping) throw new AppError(409, 'delegation_overlap');
  const row = {
    id: newId(),
    orgId: actor.orgId,
    userId: actor.userId,
    delegateId: b.delegateId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    reason: b.reason || null,
    createdAt: meta.at,
    revokedAt: null,
  };
  await tx.insertInto('approvalDelegations').values(row).execute();
  await recordChange(tx, {
    ...meta,
    object: 'approval_delegation',
    recordId: row.id,
    action: 'create',
    after: row,
  });
  return row.id;
}

/** Ends one of the actor's own delegations now (back early, or changed plans). */
export async function revokeDelegation(tx: Kysely<DB>, actor: Actor, id: string, meta: ChangeContext) {
  const d = await tx
    .selectFrom('approvalDelegations')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('id', '=', id)
    .where('userId', '=', actor.userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!d) throw notFound();
  await tx.updateTable('approvalDelegations').set({ revokedAt: meta.at }).where('id', '=', id).execute();
  await recordChange(tx, {
    ...meta,
    object: 'approval_delegation',
    recordId: id,
    action: 'revoke',
    before: d,
  });
}
