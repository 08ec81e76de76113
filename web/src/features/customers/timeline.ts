import type { TFunction } from 'i18next';
import type { AuditEntry, Customer } from '../../app/api-types';
import { type FieldChange, fieldChanges } from '../audit';
import { isStatus } from './labels';

// Fields of a customer's audit snapshots worth showing, in form order; the rest (match keys, pinyin,
// org and version columns) are bookkeeping.
const fields = [
  'name',
  'shortName',
  'level',
  'status',
  'industry',
  'province',
  'city',
  'address',
  'phone',
  'email',
  'website',
  'source',
  'tags',
  'ownerId',
] as const;
type Field = (typeof fields)[number];

const tagsOf = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  try {
    const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : [];
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

function show(t: TFunction, field: Field, v: unknown, customer: Customer): string {
  if (field === 'tags') return tagsOf(v).join('、') || '—';
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'level') return t('customers.levelValue', { level: String(v) });
  if (field === 'status' && typeof v === 'string' && isStatus(v)) return t(`customers.statuses.${v}`);
  // Only the current owner's name is known here; an earlier owner shows as changed.
  if (field === 'ownerId') return v === customer.ownerId && customer.ownerName ? customer.ownerName : '…';
  return String(v);
}

/** The customer fields an entry set (create) or changed (update), before → after, labelled. */
export function changesOf(t: TFunction, entry: AuditEntry, customer: Customer): FieldChange<Field>[] {
  return fieldChanges(
    entry,
    fields,
    (field, v) => show(t, field, v, customer),
    (field) => t(`customers.fields.${field}`),
  );
}
