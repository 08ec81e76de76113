import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Locale } from '../../platform/i18n.js';
import type { CustomFieldDef } from '../custom-fields/custom-fields.schema.js';

/** A custom field as an export column: its label in the file's language and its value as a cell. */
export type CustomColumn = {
  label: string;
  value: (custom: Record<string, unknown>) => string | number | null;
};

/**
 * Export columns for custom fields: option labels instead of keys, money in 元 (stored in 分), users
 * by name — what a person reading the sheet (or importing it back) expects.
 */
export async function customColumns(
  db: Kysely<DB>,
  orgId: string,
  defs: CustomFieldDef[],
  locale: Locale,
): Promise<Map<string, CustomColumn>> {
  const needsUsers = defs.some((d) => d.type === 'user');
  const users = needsUsers
    ? new Map(
        (await db.selectFrom('users').select(['id', 'name']).where('orgId', '=', orgId).execute()).map(
          (u) => [u.id, u.name],
        ),
      )
    : new Map<string, string>();
  const columns = new Map<string, CustomColumn>();
  for (const d of defs) {
    const choice = (key: unknown) => {
      const c = d.options.choices?.find((x) => x.key === key);
      return c ? (locale === 'en' ? c.labelEn : c.labelZh) : String(key);
    };
    const cell = (v: unknown): string | number | null => {
      if (v === null || v === undefined || v === '') return null;
      if (d.type === 'select') return choice(v);
      if (d.type === 'multi_select') return Array.isArray(v) ? v.map(choice).join('、') : choice(v);
      if (d.type === 'money') return typeof v === 'number' ? v / 100 : null;
      if (d.type === 'user') return users.get(String(v)) ?? null;
      if (typeof v === 'number') return v;
      return String(v);
    };
    columns.set(`cf.${d.key}`, {
      label: locale === 'en' ? d.labelEn : d.labelZh,
      value: (custom) => cell(custom[d.key]),
    });
  }
  return columns;
}
