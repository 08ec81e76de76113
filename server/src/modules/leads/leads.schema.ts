import { z } from 'zod';
import { listQuery, type SortColumn } from '../../platform/http/pagination.js';
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.js';
import { acceptingCustomFilters } from '../custom-fields/filters.js';
import { region } from '../customers/customers.schema.js';
import { assignMethods, expiryActions, targetTypes } from './assignment.js';
import { scoreFields, scoreOps } from './scoring.js';

// Request and response shapes of /api/v1/leads.

/** 新线索 · 跟进中 · 已确认 · 已转化 · 无效 */
export const leadStatuses = ['new', 'working', 'qualified', 'converted', 'disqualified'] as const;
/** What a person may set by editing; converting and disqualifying have their own actions. */
export const editableStatuses = ['new', 'working', 'qualified'] as const;
/** How a lead reached us. */
export const leadChannels = ['manual', 'import', 'web_form', 'api'] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const leadFields = {
  name: text(100).min(1),
  company: optionalText(200),
  title: optionalText(50),
  phone: optionalText(50),
  email: optionalText(254),
  wechat: optionalText(50),
  region: region.optional(),
  industry: optionalText(50),
  source: optionalText(50),
  inquiry: optionalText(2000),
  status: z.enum(editableStatuses).optional(),
  ownerId: z.uuid().optional(),
  custom: customInput.optional(),
};

export const createBody = z.strictObject({
  ...leadFields,
  /** Without an ownerId the creator owns the lead — unless `rules`: the assignment rules route it. */
  assign: z.enum(['rules']).optional(),
});

export const updateBody = z
  .strictObject(leadFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const disqualifyBody = z.strictObject({ reason: text(200).min(2) });

const candidate = z.object({
  userId: z.string(),
  name: z.string(),
  /** Counted when the method weighs it: open leads for least open, today's assignments for weighted or a cap. */
  openLeads: z.number().optional(),
  assignedToday: z.number().optional(),
  weight: z.number(),
});
const skipped = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  why: z.enum(['no_candidates', 'pool_missing']),
});
export const assignmentReason = z.object({
  /** rule / fallback: the assignment rules; manual: by hand at entry; the others: how it changed hands since (领取, 转移, 退回线索池, 回收, 离职交接). */
  kind: z.enum(['rule', 'fallback', 'manual', 'claim', 'transfer', 'release', 'recycle', 'handover']),
  ruleId: z.string().optional(),
  ruleName: z.string().optional(),
  method: z.enum(assignMethods).optional(),
  /** The rule's candidates with what the method weighed (open leads, today's assignments, weight). */
  candidates: z.array(candidate).optional(),
  userId: z.string().optional(),
  poolId: z.string().optional(),
  /** Names as they were then, for readers who may not look the user or pool up. */
  poolName: z.string().optional(),
  /** Matching rules passed over before this one, and why. */
  skipped: z.array(skipped).optional(),
  byUserId: z.string().nullable().optional(),
  byUserName: z.string().optional(),
  /** When it changed hands (for the kinds after entry). */
  at: z.number().optional(),
  /** Who had it before (null: it waited in a pool). */
  fromUserId: z.string().nullable().optional(),
  fromUserName: z.string().optional(),
  /** The reason given for a 转移 or 退回, or the pool rule's name for 回收 (`sla_expired`: the first follow-up was missed). */
  reason: z.string().optional(),
});

export const lead = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  region: z.object({ province: z.string().nullable(), city: z.string().nullable() }),
  industry: z.string().nullable(),
  source: z.string().nullable(),
  channel: z.enum(leadChannels),
  /** UTM parameters, form, referrer or inbound source, as the channel recorded them. */
  channelDetail: z.record(z.string(), z.unknown()),
  inquiry: z.string().nullable(),
  status: z.enum(leadStatuses),
  disqualifyReason: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownedSince: z.number().nullable(),
  poolId: z.string().nullable(),
  lastFollowUpAt: z.number().nullable(),
  /** 线索评分 0–100, and the rules that gave it (their points add up to it before the 0–100 bounds). */
  score: z.number(),
  scoreExplanation: z.array(z.object({ ruleId: z.string(), label: z.string(), points: z.number() })),
  /** 学习评分 (when the org switched it on): the chance in % that it converts, and the field values that weighed most (log-odds). */
  learnedScore: z.number().nullable(),
  learnedFactors: z.array(z.object({ feature: z.string(), weight: z.number() })),
  /** How it got its owner or pool: by hand, by which rule (with the candidates and the method), or the fallback pool. */
  assignmentReason: assignmentReason.nullable(),
  assignedAt: z.number().nullable(),
  /** 首次跟进时限: when the owner's first follow-up is due, and how it stands (null: running). */
  slaDueAt: z.number().nullable(),
  slaState: z.enum(['reminded', 'escalated', 'met']).nullable(),
  firstFollowUpAt: z.number().nullable(),
  /** 下次跟进: set by the last follow-up, or the cadence of the lead's status. */
  nextFollowUpAt: z.number().nullable(),
  /** 转化: the customer and contact it became. */
  convertedCustomerId: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  convertedAt: z.number().nullable(),
  custom: customOutput,
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

const coreListFilters = listQuery.extend({
  /** Leads waiting in this pool (线索池); without it the list holds owned leads only. */
  poolId: z.uuid().optional(),
  status: z.enum(leadStatuses).optional(),
  ownerId: z.uuid().optional(),
  source: text(50).optional(),
  channel: z.enum(leadChannels).optional(),
  /** overdue: the next follow-up is past; today: due by the end of today (org time zone). */
  followUp: z.enum(['overdue', 'today']).optional(),
  /** The first follow-up is late (escalated), or still open and due within the reminder window. */
  sla: z.enum(['missed', 'at_risk']).optional(),
  /** Leads scoring at least this much (e.g. 80 for the hot ones). */
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  createdFrom: z.coerce.number().int().nonnegative().optional(),
  createdTo: z.coerce.number().int().nonnegative().optional(),
});
/** The list filters plus `cf.<key>` filters on custom fields. */
export const listFilters = acceptingCustomFilters(coreListFilters);

export const sortable: Record<string, SortColumn> = {
  name: 'l.name',
  score: { column: 'l.score', type: 'number' },
  createdAt: { column: 'l.created_at', type: 'number' },
  updatedAt: { column: 'l.updated_at', type: 'number' },
  nextFollowUpAt: { column: 'l.next_follow_up_at', type: 'number' },
  slaDueAt: { column: 'l.sla_due_at', type: 'number' },
};

const ruleFields = {
  label: text(60).min(1),
  /** A lead field (see scoreFields) or `custom.<key>` of a lead custom field. */
  field: z.union([z.enum(scoreFields), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/)]),
  op: z.enum(scoreOps),
  /** Words or values for `in` / `contains_any`; one number for `gte` / `lte`; nothing for `present`. */
  values: z.array(z.union([text(50).min(1), z.number()])).max(50),
  points: z.number().int().min(-100).max(100),
  active: z.boolean(),
};
export const createRuleBody = z.strictObject({
  ...ruleFields,
  active: ruleFields.active.default(true),
  /** Where it goes in the list (1 = first); the end by default. */
  position: z.number().int().min(1).optional(),
});
export const updateRuleBody = z
  .strictObject({ ...ruleFields, position: z.number().int().min(1) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');
export const scoreRule = z.object({
  id: z.string(),
  position: z.number(),
  label: z.string(),
  field: z.string(),
  op: z.enum(scoreOps),
  values: z.array(z.union([z.string(), z.number()])),
  points: z.number(),
  active: z.boolean(),
  version: z.number(),
});
/** A sample lead to try the rules on (nothing is stored). */
export const previewBody = z.strictObject({
  company: optionalText(200),
  title: optionalText(50),
  phone: optionalText(50),
  email: optionalText(254),
  wechat: optionalText(50),
  province: optionalText(30),
  city: optionalText(30),
  industry: optionalText(50),
  source: optionalText(50),
  channel: z.enum(leadChannels).optional(),
  inquiry: optionalText(2000),
  custom: z.record(z.string(), z.unknown()).optional(),
});

const condition = z.strictObject({
  /** A lead field (as for scoring), `custom.<key>`, or `score`. */
  field: z.union([z.enum([...scoreFields, 'score']), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/)]),
  op: z.enum(scoreOps),
  values: z.array(z.union([text(50).min(1), z.number()])).max(50),
});
const assignmentRuleFields = {
  name: text(60).min(1),
  /** All must hold; none = every lead. */
  conditions: z.array(condition).max(10),
  targetType: z.enum(targetTypes),
  /** Users (several), or one department (its members and below), or one lead pool. */
  targetIds: z.array(z.uuid()).min(1).max(100),
  method: z.enum(assignMethods),
  /** Capacity weights for `weighted` (user id → 1–100; 1 when left out). */
  weights: z.record(z.uuid(), z.number().int().min(1).max(100)),
  /** Automatic assignments per rep per day; null = no cap. */
  dailyCap: z.number().int().min(1).max(10_000).nullable(),
  /** When the owner misses the first-follow-up deadline: alert only, reassign to the next candidate, or the lead pool. */
  onExpiry: z.enum(expiryActions),
  active: z.boolean(),
};
export const createAssignmentRuleBody = z.strictObject({
  ...assignmentRuleFields,
  weights: assignmentRuleFields.weights.default({}),
  dailyCap: assignmentRuleFields.dailyCap.default(null),
  onExpiry: assignmentRuleFields.onExpiry.default('none'),
  active: assignmentRuleFields.active.default(true),
  position: z.number().int().min(1).optional(),
});
export const updateAssignmentRuleBody = z
  .strictObject({ ...assignmentRuleFields, position: z.number().int().min(1) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');
export const assignmentRule = z.object({
  id: z.string(),
  position: z.number(),
  name: z.string(),
  conditions: z.array(
    z.object({ field: z.string(), op: z.enum(scoreOps), values: z.array(z.union([z.string(), z.number()])) }),
  ),
  targetType: z.enum(targetTypes),
  targetIds: z.array(z.string()),
  method: z.enum(assignMethods),
  weights: z.record(z.string(), z.number()),
  dailyCap: z.number().nullable(),
  onExpiry: z.enum(expiryActions),
  active: z.boolean(),
  version: z.number(),
});
