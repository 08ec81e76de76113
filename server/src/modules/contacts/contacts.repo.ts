import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../platform/errors.js';
import { normalizeEmail, normalizePhone, pinyinKeys } from '../../platform/normalize/index.js';
import type { DedupKeys } from '../customers/dedup.js';
import type { ContactFields } from './contacts.schema.js';

/** Live contacts of an org with their customer's name and owner (the owner decides masking). */
export function selectContacts(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', 'c.id', 'k.customerId')
    .selectAll('k')
    .select(['c.name as customerName', 'c.ownerId as customerOwnerId'])
    .where('k.orgId', '=', orgId)
    .where('k.deletedAt', 'is', null)
    .where('c.deletedAt', 'is', null);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectContacts>['executeTakeFirstOrThrow']>>;

export function present(r: Row) {
  return {
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    name: r.name,
    title: r.title,
    role: r.role,
    mobile: r.mobile,
    phone: r.phone,
    email: r.email,
    wechat: r.wechat,
    birthday: r.birthday,
    notes: r.notes,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** Column values from the fields present, phones and e-mail normalized; unreadable ones are field errors. */
export function columnsOf(f: ContactFields): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (f.name !== undefined) {
    const py = pinyinKeys(f.name);
    Object.assign(cols, { name: f.name, namePinyin: py.full, nameInitials: py.initials });
  }
  for (const k of ['title', 'role', 'wechat', 'birthday', 'notes'] as const)
    if (f[k] !== undefined) cols[k] = f[k] || null;
  const errors = [];
  for (const k of ['mobile', 'phone'] as const) {
    if (f[k] === undefined) continue;
    const e164 = f[k] ? normalizePhone(f[k]!)?.e164 : null;
    if (f[k] && !e164) errors.push({ path: `body.${k}`, code: 'invalid_phone' });
    Object.assign(cols, { [k]: f[k] || null, [`${k}E164`]: e164 ?? null });
  }
  if (f.email !== undefined) {
    const email = f.email ? normalizeEmail(f.email) : null;
    if (f.email && !email) errors.push({ path: 'body.email', code: 'invalid_email' });
    cols.email = email;
  }
  if (errors.length) throw invalid(errors);
  return cols;
}

/** The 查重 keys of a contact as stored: one key set per phone, the e-mail with the first. */
export function keysOf(c: {
  mobileE164: string | null;
  phoneE164: string | null;
  email: string | null;
}): DedupKeys[] {
  const phones = [c.mobileE164, c.phoneE164].filter((p): p is string => !!p);
  if (!phones.length) return c.email ? [{ company: null, phone: null, email: c.email }] : [];
  return phones.map((phone, i) => ({ company: null, phone, email: i === 0 ? c.email : null }));
}
