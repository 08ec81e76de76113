import { z } from 'zod';
import { listQuery, type SortColumn } from '../../platform/http/pagination.js';
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.js';
import { acceptingCustomFilters } from '../custom-fields/filters.js';
import { region } from '../customers/customers.schema.js';

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

export const createBody = z.strictObject(leadFields);

export const updateBody = z
  .strictObject(leadFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const disqualifyBody = z.strictObject({ reason: text(200).min(2) });

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
  custom: customOutput,
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

const coreListFilters = listQuery.extend({
  status: z.enum(leadStatuses).optional(),
  ownerId: z.uuid().optional(),
  source: text(50).optional(),
  channel: z.enum(leadChannels).optional(),
  createdFrom: z.coerce.number().int().nonnegative().optional(),
  createdTo: z.coerce.number().int().nonnegative().optional(),
});
/** The list filters plus `cf.<key>` filters on custom fields. */
export const listFilters = acceptingCustomFilters(coreListFilters);

export const sortable: Record<string, SortColumn> = {
  name: 'l.name',
  createdAt: { column: 'l.created_at', type: 'number' },
  updatedAt: { column: 'l.updated_at', type: 'number' },
};
