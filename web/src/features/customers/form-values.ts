import type { Customer, CustomerChanges, NewCustomer } from '../../app/api-types';
import { type CustomFieldDef, customChangesOf, customFormValues, newCustomOf } from '../custom-fields';
import type { CustomerLevel, CustomerStatus } from './labels';

// The customer form's values: region flattened to province / city; blanks are empty strings or undefined.
export type Values = {
  name: string;
  shortName?: string;
  phone?: string;
  email?: string;
  level?: CustomerLevel;
  status: CustomerStatus;
  industry?: string;
  province?: string;
  city?: string;
  address?: string;
  website?: string;
  source?: string;
  tags: string[];
  ownerId?: string;
  /** 自定义字段 as the form holds them (dates as picker values, money in 元). */
  custom?: Record<string, unknown>;
};

const texts = ['shortName', 'phone', 'email', 'industry', 'address', 'website', 'source'] as const;

export const blankValues: Partial<Values> = { status: 'prospect', tags: [] };

export const valuesOf = (c: Customer, defs: CustomFieldDef[] = []): Values => ({
  name: c.name,
  shortName: c.shortName ?? undefined,
  phone: c.phone ?? undefined,
  email: c.email ?? undefined,
  level: (c.level as CustomerLevel | null) ?? undefined,
  status: c.status as CustomerStatus,
  industry: c.industry ?? undefined,
  province: c.region.province ?? undefined,
  city: c.region.city ?? undefined,
  address: c.address ?? undefined,
  website: c.website ?? undefined,
  source: c.source ?? undefined,
  tags: c.tags,
  ownerId: c.ownerId ?? undefined,
  custom: customFormValues(defs, c.custom),
});

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** A new customer from the form: only what was filled in. */
export function newCustomerOf(v: Values, defs: CustomFieldDef[] = []): NewCustomer {
  const body: NewCustomer = { name: v.name.trim(), status: v.status, tags: v.tags };
  for (const k of texts) if (clean(v[k])) body[k] = clean(v[k]);
  if (v.level) body.level = v.level;
  if (clean(v.province) || clean(v.city)) body.region = { province: clean(v.province), city: clean(v.city) };
  if (v.ownerId) body.ownerId = v.ownerId;
  const custom = newCustomOf(defs, v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  return body;
}

/**
 * Only the fields that changed: resending an unchanged name would run the duplicate check again
 * (and stop an edit of the level on a customer that was saved despite a similar name).
 */
export function changesOf(before: Customer, v: Values, defs: CustomFieldDef[] = []): CustomerChanges {
  const old = valuesOf(before);
  const out: CustomerChanges = {};
  if (v.name.trim() !== old.name) out.name = v.name.trim();
  for (const k of texts) if (clean(v[k]) !== clean(old[k])) out[k] = clean(v[k]);
  if ((v.level ?? null) !== (old.level ?? null)) out.level = v.level ?? null;
  if (v.status !== old.status) out.status = v.status;
  if (clean(v.province) !== clean(old.province) || clean(v.city) !== clean(old.city))
    out.region = { province: clean(v.province), city: clean(v.city) };
  if (JSON.stringify(v.tags) !== JSON.stringify(old.tags)) out.tags = v.tags;
  if (v.ownerId && v.ownerId !== old.ownerId) out.ownerId = v.ownerId;
  const custom = customChangesOf(defs, before.custom, v.custom);
  if (custom) out.custom = custom;
  return out;
}
