import type { CustomFieldDef } from '../../custom-fields/custom-fields.schema.js';
import { type CellValue, cellText } from '../readers.js';
import type { RowIssue } from '../target.js';

// Reading a row's cells, the same for every import target: text as a person reads it, phones that
// Excel turned into numbers, formulas and error cells reported, lengths checked, custom-field values.

export function text(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  let s = cellText(v).trim();
  // An apostrophe our export put in front of = + - @ (formula neutralisation) is not part of the value.
  if (/^'[=+\-@\t\r]/.test(s)) s = s.slice(1);
  return s;
}

/** Phone cells often arrive as numbers (13800138000) or with a leading apostrophe: read them as text. */
export function phoneText(v: CellValue | undefined): string {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return text(v);
}

export const foldName = (s: string) => s.trim().toLowerCase();

/**
 * A reader of a row's mapped values that records what is wrong with a cell in `issues`: an error
 * cell, a formula without a saved value, a value longer than `limits[key]`.
 */
export function cellReader(
  values: Map<string, CellValue>,
  issues: RowIssue[],
  limits: Record<string, number> = {},
) {
  return (key: string, get: (v: CellValue | undefined) => string = text): string => {
    const v = values.get(key);
    if (v !== null && v !== undefined && typeof v === 'object' && !(v instanceof Date)) {
      if ('error' in v) issues.push({ field: key, code: 'import_cell_error', params: { value: v.error } });
      else issues.push({ field: key, code: 'import_formula_without_value' });
      return '';
    }
    const s = get(v);
    const max = limits[key];
    if (max && s.length > max) issues.push({ field: key, code: 'import_too_long', params: { max } });
    return s;
  };
}

/** An amount in 元 as the file has it (a number, or text with ¥ and separators) → 分; null if not a number. */
export function yuanToFen(v: CellValue | undefined): number | null {
  const n = typeof v === 'number' ? v : Number(text(v).replace(/[,，¥￥$元\s]/g, ''));
  return text(v) !== '' && Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** A calendar day (YYYY-MM-DD) from a date cell or text such as 2026/3/5, 2026.03.05 or 2026年3月5日; null if none. */
export function dayText(v: CellValue | undefined): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day) ? day : null;
}

/** A custom field's value from its cell: numbers, money (元 → 分), dates, choices by label, users by name. */
export function customValue(def: CustomFieldDef, v: CellValue, users: Map<string, string[]>): unknown {
  const s = def.type === 'phone' ? phoneText(v) : text(v);
  switch (def.type) {
    case 'number':
      return typeof v === 'number' ? v : Number(s.replace(/[,，\s]/g, ''));
    case 'money':
      return yuanToFen(v) ?? s;
    case 'date':
      return dayText(v) ?? s;
    case 'select': {
      const c = def.options.choices?.find((c) =>
        [c.key, c.labelZh, c.labelEn].some((l) => foldName(l) === foldName(s)),
      );
      return c?.key ?? s;
    }
    case 'multi_select':
      return s
        .split(/[,，;；、|]/)
        .map((x) => x.trim())
        .filter(Boolean)
        .map(
          (x) =>
            def.options.choices?.find((c) =>
              [c.key, c.labelZh, c.labelEn].some((l) => foldName(l) === foldName(x)),
            )?.key ?? x,
        );
    case 'user': {
      const ids = users.get(foldName(s));
      return ids?.length === 1 ? ids[0] : s;
    }
    default:
      return s;
  }
}
