import { z } from 'zod';
import { approvers, condition, stepDefinition } from './rules.js';

// Request and response shapes of /api/v1/approval-definitions and /api/v1/approvals.

/** The changes a definition can guard (more with later issues: discounts, contracts, payments). */
export const trigger = z.discriminatedUnion('type', [
  /** A deal entering one of these stages (e.g. 报价). */
  z.strictObject({ type: z.literal('stage_enter'), stageIds: z.array(z.uuid()).min(1).max(20) }),
]);

const definitionFields = {
  name: z.string().trim().min(1).max(50),
  object: z.enum(['opportunity']),
  trigger,
  /** All must hold (e.g. amount > 50,000,000 分); none = always. */
  conditions: z.array(condition).max(20).default([]),
  steps: z.array(stepDefinition).min(1).max(10),
  /** 抄送: who is told how a request ended (and may read it) — named people, a role, the submitter's managers. */
  cc: z.array(approvers).max(5).default([]),
  /** A step nobody can approve: passes by itself, or goes to the admins. */
  noApprover: z.enum(['auto_pass', 'admin']).default('admin'),
  /** A resubmitted request starts again at the first step, or at the one that rejected it. */
  resubmitFrom: z.enum(['start', 'rejected_step']).default('start'),
  /** May a submitter who is also an approver approve their own request? */
  allowSelf: z.boolean().default(false),
  active: z.boolean().default(true),
};

export const createDefinitionBody = z.strictObject(definitionFields);
export const updateDefinitionBody = z
  .strictObject(definitionFields)
  .omit({ object: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const definition = z.object({
  id: z.string(),
  name: z.string(),
  object: z.string(),
  trigger: z.object({ type: z.string(), stageIds: z.array(z.string()) }),
  conditions: z.array(z.object({ field: z.string().optional(), op: z.string(), value: z.unknown() })),
  steps: z.array(
    z.object({
      name: z.string(),
      approvers: z.record(z.string(), z.unknown()),
      mode: z.enum(['all', 'any']),
    }),
  ),
  cc: z.array(z.record(z.string(), z.unknown())),
  noApprover: z.enum(['auto_pass', 'admin']),
  resubmitFrom: z.enum(['start', 'rejected_step']),
  allowSelf: z.boolean(),
  active: z.boolean(),
  position: z.number(),
  version: z.number(),
});

const person = z.object({ id: z.string(), name: z.string() });
export const approval = z.object({
  id: z.string(),
  name: z.string(),
  object: z.string(),
  recordId: z.string(),
  recordName: z.string(),
  summary: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  currentStep: z.number(),
  round: z.number(),
  submittedBy: person,
  submittedAt: z.number(),
  decidedAt: z.number().nullable(),
  steps: z.array(
    z.object({
      name: z.string(),
      mode: z.enum(['all', 'any']),
      approvers: z.array(
        person.extend({
          decision: z.enum(['approve', 'reject']).nullable(),
          /** A delegate who decided for this approver while away (委托). */
          decidedBy: person.nullable(),
        }),
      ),
    }),
  ),
  /** 抄送: told how it ended, and may read it. */
  cc: z.array(person),
  /** What the caller may do now. */
  mine: z.object({ decide: z.boolean(), withdraw: z.boolean(), resubmit: z.boolean() }),
  version: z.number(),
});

export const approvalAction = z.object({
  round: z.number(),
  step: z.number(),
  actor: person.nullable(),
  /** The approver away whom the actor decided for (委托). */
  onBehalfOf: person.nullable(),
  action: z.enum(['submit', 'approve', 'reject', 'withdraw', 'resubmit', 'auto_pass']),
  comment: z.string().nullable(),
  at: z.number(),
});

export const decideBody = z.strictObject({ comment: z.string().trim().max(500).optional() });
export const rejectBody = z.strictObject({ comment: z.string().trim().min(2).max(500) });
export const inboxQuery = z.strictObject({
  /** todo: 待我审批 · submitted: 我发起的 · done: 我已处理 · cc: 抄送我的 */
  box: z.enum(['todo', 'submitted', 'done', 'cc']).default('todo'),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const delegationBody = z.strictObject({
  delegateId: z.uuid(),
  startsAt: z.number().int().positive(),
  endsAt: z.number().int().positive(),
  reason: z.string().trim().max(200).optional(),
});

export const delegation = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  delegate: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.number(),
  endsAt: z.number(),
  reason: z.string().nullable(),
  /** Now between its start and end (and not revoked). */
  active: z.boolean(),
});
