import { z } from 'zod';
import { listQuery, type SortColumn } from '../../platform/http/pagination.js';
import { customInput, customOutput } from '../custom-fields/custom-fields.schema.js';
import { acceptingCustomFilters } from '../custom-fields/filters.js';

// Request and response shapes of /api/v1/customers.

export const customerLevels = ['A', 'B', 'C'] as const; // 客户等级; configurable per org in a later slice
export const customerStatuses = ['prospect', 'customer', 'churned'] as const; // 潜在 · 成交 · 流失

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const region = z.strictObject({ province: optionalText(30), city: optionalText(30) });

export const customerFields = {
  name: text(200).min(1),
  shortName: optionalText(50),
  level: z.enum(customerLevels).nullable().optional(),
  status: z.enum(customerStatuses).optional(),
  industry: optionalText(50),
  region: region.optional(),
  address: optionalText(300),
  /** 位置: where the customer is (WGS-84, as a phone reports it); null clears it. */
  location: z
    .strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  phone: optionalText(50),
  email: optionalText(254),
  website: optionalText(300),
  source: optionalText(50),
  tags: z.array(text(30).min(1)).max(20).optional(),
  ownerId: z.uuid().optional(),
  /** 自定义字段 by key; on update only the keys sent change (null clears one). */
  custom: customInput.optional(),
};

export const createBody = z.strictObject({
  ...customerFields,
  /** Why a record is created although similar names exist (near duplicates are warnings). */
  nearDuplicateReason: text(500).min(2).optional(),
});

export const updateBody = z
  .strictObject({ ...customerFields, nearDuplicateReason: text(500).min(2).optional() })
  .partial()
  .refine((b) => Object.keys(b).some((k) => k !== 'nearDuplicateReason'), 'empty update');

export const checkBody = z
  .strictObject({ name: text(200).optional(), phone: text(50).optional(), email: text(254).optional() })
  .refine((b) => b.name || b.phone || b.email, 'name, phone or email');

export const customer = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.string().nullable(),
  status: z.string(),
  industry: z.string().nullable(),
  region: z.object({ province: z.string().nullable(), city: z.string().nullable() }),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  source: z.string().nullable(),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** The pool it sits in (no owner) or, when owned, the pool it came from and returns to. */
  poolId: z.string().nullable(),
  poolName: z.string().nullable(),
  /** When the current owner got it (recycle rules count from here). */
  ownedSince: z.number().nullable(),
  locked: z.boolean(),
  lastFollowUpAt: z.number().nullable(),
  /** 下次跟进, set by the last follow-up. */
  nextFollowUpAt: z.number().nullable(),
  custom: customOutput,
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

/** One existing record a new one collides with, shown as far as the asker may see it. */
export const match = z.object({
  object: z.string(),
  /** Present only when the asker may open the record. */
  id: z.string().optional(),
  name: z.string().optional(),
  /** For a contact: the customer it belongs to (when visible). */
  customer: z.object({ id: z.string(), name: z.string() }).optional(),
  /** For a lead: its company (when visible). */
  company: z.string().optional(),
  matchedOn: z.array(z.enum(['phone', 'email', 'company'])),
  exact: z.boolean(),
  similarity: z.number().optional(),
  visible: z.boolean(),
  inPool: z.boolean(),
  /** Who to ask about it (the owner), also when the record itself is not visible. */
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const coreListFilters = listQuery.extend({
  ownerId: z.uuid().optional(),
  /** Customers waiting in this pool (公海); without it the list holds owned customers only. */
  poolId: z.uuid().optional(),
  /** Owned by someone in this department or below (我部门的). */
  departmentId: z.uuid().optional(),
  level: z.enum(customerLevels).optional(),
  status: z.enum(customerStatuses).optional(),
  industry: text(50).optional(),
  province: text(30).optional(),
  city: text(30).optional(),
  tag: text(30).optional(),
  createdFrom: z.coerce.number().int().nonnegative().optional(),
  createdTo: z.coerce.number().int().nonnegative().optional(),
  /** Last followed up in [from, to); `notFollowedUp=true` for customers nobody followed up yet. */
  lastFollowUpFrom: z.coerce.number().int().nonnegative().optional(),
  lastFollowUpTo: z.coerce.number().int().nonnegative().optional(),
  notFollowedUp: z.enum(['true']).optional(),
});
/** The list filters plus `cf.<key>` filters on custom fields. */
export const listFilters = acceptingCustomFilters(coreListFilters);

export const sortable: Record<string, SortColumn> = {
  name: 'c.name',
  createdAt: { column: 'c.created_at', type: 'number' },
  updatedAt: { column: 'c.updated_at', type: 'number' },
  lastFollowUpAt: { column: 'c.last_follow_up_at', type: 'number' },
};
