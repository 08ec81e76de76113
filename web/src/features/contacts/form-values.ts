import dayjs, { type Dayjs } from 'dayjs';
import type { Contact, ContactChanges, NewContact } from '../../app/api-types';
import { type CustomFieldDef, customChangesOf, customFormValues, newCustomOf } from '../custom-fields';
import type { ContactRole } from './labels';

// The contact form's values: the birthday as the date picker holds it; blanks are empty or undefined.
export type Values = {
  name: string;
  title?: string;
  role?: ContactRole;
  mobile?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  birthday?: Dayjs | null;
  notes?: string;
  /** 自定义字段 as the form holds them. */
  custom?: Record<string, unknown>;
};

const texts = ['title', 'mobile', 'phone', 'email', 'wechat', 'notes'] as const;

export const valuesOf = (c: Contact, defs: CustomFieldDef[] = []): Values => ({
  name: c.name,
  title: c.title ?? undefined,
  role: (c.role as ContactRole | null) ?? undefined,
  mobile: c.mobile ?? undefined,
  phone: c.phone ?? undefined,
  email: c.email ?? undefined,
  wechat: c.wechat ?? undefined,
  birthday: c.birthday ? dayjs(c.birthday) : null,
  notes: c.notes ?? undefined,
  custom: customFormValues(defs, c.custom),
});

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : null);
/** A calendar date, YYYY-MM-DD as the API wants it (no time zone involved). */
const dateOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** A new contact of this customer from the form: only what was filled in. */
export function newContactOf(customerId: string, v: Values, defs: CustomFieldDef[] = []): NewContact {
  const body: NewContact = { customerId, name: v.name.trim() };
  for (const k of texts) if (clean(v[k])) body[k] = clean(v[k]);
  if (v.role) body.role = v.role;
  if (v.birthday) body.birthday = dateOf(v.birthday);
  const custom = newCustomOf(defs, v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  return body;
}

/** Only the fields that changed: an unchanged number is not checked for duplicates again. */
export function changesOf(before: Contact, v: Values, defs: CustomFieldDef[] = []): ContactChanges {
  const old = valuesOf(before);
  const out: ContactChanges = {};
  if (v.name.trim() !== old.name) out.name = v.name.trim();
  for (const k of texts) if (clean(v[k]) !== clean(old[k])) out[k] = clean(v[k]);
  if ((v.role ?? null) !== (old.role ?? null)) out.role = v.role ?? null;
  if (dateOf(v.birthday) !== before.birthday) out.birthday = dateOf(v.birthday);
  const custom = customChangesOf(defs, before.custom, v.custom);
  if (custom) out.custom = custom;
  return out;
}
