import { formatDateTime } from '../../app/time';

export type DiffRow = { field: string; before: unknown; after: unknown; changed: boolean };

type Snapshot = Record<string, unknown> | null;

/** Every field of either side, in the order the record lists them, marked changed or not. */
export function diffRows(before: Snapshot, after: Snapshot): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

/** A stored value for reading; instants are epoch ms in fields named *At. */
export function showValue(field: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number' && field.endsWith('At')) return formatDateTime(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
