import dayjs, { type Dayjs } from 'dayjs';
// The plain modules, not the feature's index: these functions run in unit tests without a browser.
import type { CustomFieldDef } from '../custom-fields/custom-fields.api';
import { customChangesOf, customFormValues, newCustomOf } from '../custom-fields/values';
import type { NewOpportunity, OpportunityChanges, OpportunityDetail } from './opportunities.api';
import { minorOf, yuanOf } from './words';

// The deal form's values: amount in 元 (the API takes 分), the close date as a picker value.
export type Values = {
  name: string;
  customerId?: string;
  pipelineId?: string;
  amount?: number | null;
  expectedCloseDate?: Dayjs | null;
  contactIds?: string[];
  products?: string;
  competitors?: string;
  source?: string;
  ownerId?: string;
  custom?: Record<string, unknown>;
};

const texts = ['products', 'competitors', 'source'] as const;
const clean = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export const valuesOf = (d: OpportunityDetail, defs: CustomFieldDef[] = []): Values => ({
  name: d.name,
  customerId: d.customerId,
  pipelineId: d.pipelineId,
  amount: d.amount ? yuanOf(d.amount) : null,
  expectedCloseDate: d.expectedCloseDate ? dayjs(d.expectedCloseDate) : null,
  contactIds: d.contacts.map((c) => c.id),
  products: d.products ?? undefined,
  competitors: d.competitors ?? undefined,
  source: d.source ?? undefined,
  ownerId: d.ownerId,
  custom: customFormValues(defs, d.custom),
});

/** A new deal from the form: only what was filled in (amount 0 when left empty). */
export function newOpportunityOf(v: Values, defs: CustomFieldDef[] = []): NewOpportunity {
  const body: NewOpportunity = {
    name: v.name.trim(),
    customerId: v.customerId ?? '',
    amount: minorOf(v.amount) ?? 0,
  };
  if (v.pipelineId) body.pipelineId = v.pipelineId;
  if (v.expectedCloseDate) body.expectedCloseDate = day(v.expectedCloseDate);
  if (v.contactIds?.length) body.contactIds = v.contactIds;
  for (const k of texts) if (clean(v[k])) body[k] = clean(v[k]);
  if (v.ownerId) body.ownerId = v.ownerId;
  const custom = newCustomOf(defs, v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  return body;
}

/** Only what changed, so an unchanged field is not rewritten (and its audit entry says what did). */
export function changesOf(
  before: OpportunityDetail,
  v: Values,
  defs: CustomFieldDef[] = [],
): OpportunityChanges {
  const out: OpportunityChanges = {};
  if (v.name.trim() !== before.name) out.name = v.name.trim();
  if (v.customerId && v.customerId !== before.customerId) out.customerId = v.customerId;
  const amount = minorOf(v.amount) ?? 0;
  if (amount !== before.amount) out.amount = amount;
  if (day(v.expectedCloseDate) !== before.expectedCloseDate) out.expectedCloseDate = day(v.expectedCloseDate);
  for (const k of texts) if (clean(v[k]) !== clean(before[k])) out[k] = clean(v[k]);
  const ids = v.contactIds ?? [];
  if (ids.join() !== before.contacts.map((c) => c.id).join()) out.contactIds = ids;
  if (v.ownerId && v.ownerId !== before.ownerId) out.ownerId = v.ownerId;
  const custom = customChangesOf(defs, before.custom, v.custom);
  if (custom) out.custom = custom;
  return out;
}
