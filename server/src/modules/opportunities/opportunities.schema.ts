import { z } from 'zod';
import { listQuery, type SortColumn } from '../../platform/http/pagination.js';
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.js';
import { acceptingCustomFilters } from '../custom-fields/filters.js';
import { stageCategories } from './stages.js';

// Request and response shapes of /api/v1/opportunities.

export const dealStatuses = ['open', 'won', 'lost'] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
/** Money in minor units (分): a whole number, never a float; at most 10^13 (千亿元). */
export const money = z.number().int().min(0).max(10_000_000_000_000);
/** A calendar day, YYYY-MM-DD (a real date). */
export const calendarDay = z.iso.date();

const dealFields = {
  name: text(100).min(1),
  customerId: z.uuid(),
  amount: money,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  expectedCloseDate: calendarDay.nullable().optional(),
  ownerId: z.uuid().optional(),
  source: optionalText(50),
  products: optionalText(1000),
  competitors: optionalText(500),
  /** 联系人 of the customer involved, in order. */
  contactIds: z.array(z.uuid()).max(20).optional(),
  custom: customInput.optional(),
};

export const createBody = z.strictObject({
  ...dealFields,
  /** The org's default pipeline when left out; its first open stage when `stageId` is. */
  pipelineId: z.uuid().optional(),
  /** A stage to start in (its gates and those before it apply, as for a move). */
  stageId: z.uuid().optional(),
  /** The lead it comes from (转化). */
  leadId: z.uuid().optional(),
});

/** `customerId` moves the deal to another customer (its contacts then must be that customer's). */
export const updateBody = z
  .strictObject({ ...dealFields, lostReason: optionalText(200) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const moveBody = z.strictObject({
  stageId: z.uuid(),
  /** Required to enter a lost stage. */
  lostReason: text(200).min(2).optional(),
  /** Enter although gates are not met: needs the override right, is audited with the reason. */
  overrideGates: z.boolean().optional(),
  reason: text(500).min(2).optional(),
});

/** Tick or untick a gate's checklist item of a stage of the deal's pipeline. */
export const checklistBody = z.strictObject({
  stageId: z.uuid(),
  itemId: z.string().trim().min(1).max(40),
  done: z.boolean(),
});

export const missingItem = z.object({
  type: z.enum(['field', 'attachment', 'checklist', 'follow_up']),
  stageId: z.string(),
  stageName: z.string(),
  field: z.string().optional(),
  kind: z.string().optional(),
  itemId: z.string().optional(),
  label: z.string().optional(),
});

export const opportunity = z.object({
  id: z.string(),
  name: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  stageCategory: z.enum(stageCategories),
  probability: z.number(),
  status: z.enum(dealStatuses),
  /** Minor units (分). */
  amount: z.number(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  source: z.string().nullable(),
  leadId: z.string().nullable(),
  /** Its id in the system it was imported from. */
  externalId: z.string().nullable(),
  products: z.string().nullable(),
  competitors: z.string().nullable(),
  lostReason: z.string().nullable(),
  stageEnteredAt: z.number(),
  /** 停滞: longer in its stage than the stage allows. */
  stalled: z.boolean(),
  /** 审批中: a stage change of it waits on an approval. */
  awaitingApproval: z.boolean(),
  /** Ticked checklist items per stage id. */
  checklist: z.record(z.string(), z.array(z.string())),
  closedAt: z.number().nullable(),
  lastFollowUpAt: z.number().nullable(),
  nextFollowUpAt: z.number().nullable(),
  custom: customOutput,
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

const coreListFilters = listQuery.extend({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: z.enum(dealStatuses).optional(),
  ownerId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** Deals longer in their stage than it allows. */
  stalled: z.enum(['true']).optional(),
  /** overdue: the next follow-up is past. */
  followUp: z.enum(['overdue']).optional(),
  closeFrom: calendarDay.optional(),
  closeTo: calendarDay.optional(),
});
/** The list filters plus `cf.<key>` filters on custom fields. */
export const listFilters = acceptingCustomFilters(coreListFilters);
/** The export: the list's filters and sort, and the file's format. */
export const exportQuery = acceptingCustomFilters(
  coreListFilters
    .omit({ limit: true, cursor: true })
    .extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
);

export const sortable: Record<string, SortColumn> = {
  name: 'o.name',
  amount: { column: 'o.amount', type: 'number' },
  expectedCloseDate: 'o.expected_close_date',
  createdAt: { column: 'o.created_at', type: 'number' },
  updatedAt: { column: 'o.updated_at', type: 'number' },
  stageEnteredAt: { column: 'o.stage_entered_at', type: 'number' },
  nextFollowUpAt: { column: 'o.next_follow_up_at', type: 'number' },
};

export const stageStay = z.object({
  stageId: z.string(),
  stageName: z.string(),
  enteredAt: z.number(),
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  leftAt: z.number().nullable(),
  leftBy: z.string().nullable(),
  leftByName: z.string().nullable(),
});
