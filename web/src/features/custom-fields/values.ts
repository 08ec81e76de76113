import dayjs, { type Dayjs } from 'dayjs';
import type { CustomFieldDef } from './custom-fields.api';

// Custom values between the API and the form: dates as date-picker values, money in 元 (the API
// keeps integer 分), blanks as null so an update can clear a value.

export type CustomValues = Record<string, unknown>;
type FormValue = string | number | string[] | Dayjs | null | undefined;

export function toForm(def: CustomFieldDef, v: unknown): FormValue {
  if (v === undefined || v === null) return undefined;
  if (def.type === 'date') return dayjs(v as string);
  if (def.type === 'money') return (v as number) / 100;
  return v as FormValue;
}

export function fromForm(def: CustomFieldDef, v: FormValue): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (def.type === 'date') return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;
  if (def.type === 'money') return Math.round((v as number) * 100);
  if (def.type === 'multi_select') return (v as string[]).length ? v : null;
  if (typeof v === 'string') return v.trim() || null;
  return v;
}

/** The form's `custom` values of a record. */
export function customFormValues(defs: CustomFieldDef[], custom: CustomValues | undefined) {
  const out: Record<string, FormValue> = {};
  for (const d of defs) out[d.key] = toForm(d, custom?.[d.key]);
  return out;
}

/** A new record's custom values: only what was filled in. */
export function newCustomOf(defs: CustomFieldDef[], form: Record<string, unknown> | undefined) {
  const out: CustomValues = {};
  for (const d of defs) {
    const v = fromForm(d, form?.[d.key] as FormValue);
    if (v !== null) out[d.key] = v;
  }
  return out;
}

/** Only the custom values that changed; a cleared one is null. Undefined when nothing changed. */
export function customChangesOf(
  defs: CustomFieldDef[],
  before: CustomValues,
  form: Record<string, unknown> | undefined,
): CustomValues | undefined {
  const out: CustomValues = {};
  for (const d of defs) {
    const v = fromForm(d, form?.[d.key] as FormValue);
    if (JSON.stringify(v) !== JSON.stringify(before[d.key] ?? null)) out[d.key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
