import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Locale, type MessageKey, t } from '../../platform/i18n.js';
import { messages } from '../../platform/messages.js';
import type { CheckSummary, ImportRow, RunResult } from './engine.js';
import type { ImportField } from './target.js';

// Request and response shapes of /api/v1/imports, and how findings read in each language.

export const importStatuses = [
  'uploaded',
  'checking',
  'checked',
  'running',
  'cancelling',
  'done',
  'cancelled',
  'failed',
] as const;

export const runBody = z.strictObject({
  policy: z.enum(['skip', 'merge', 'create']),
  importSimilar: z.boolean().default(false),
  /** Stamped on every record the import makes (leads: an exhibition list's 来源 and campaign). */
  stamp: z
    .strictObject({
      source: z.string().trim().max(50).optional(),
      campaign: z.string().trim().max(100).optional(),
    })
    .default({}),
});

const schema = z.object({
  id: z.string(),
  object: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  status: z.enum(importStatuses),
  headerRow: z.number(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  /** Column index → field key. */
  mapping: z.record(z.string(), z.string()),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      group: z.string(),
      required: z.boolean(),
      /** A file mapping only standalone fields needs no required one. */
      standalone: z.boolean(),
    }),
  ),
  totalRows: z.number(),
  checkedRows: z.number(),
  processedRows: z.number(),
  summary: z
    .object({
      rows: z.number(),
      empty: z.number(),
      valid: z.number(),
      errors: z.number(),
      fileDuplicates: z.number(),
      dbDuplicates: z.number(),
      similar: z.number(),
    })
    .nullable(),
  result: z.object({
    created: z.number(),
    merged: z.number(),
    skipped: z.number(),
    failed: z.number(),
    /** Users and departments: departments created, and users created without a password (they need an invitation link). */
    departments: z.number().optional(),
    invitations: z.number().optional(),
  }),
  policy: z.enum(['skip', 'merge', 'create']).nullable(),
  /** The object's own options chosen with the mapping (deals: pipelineId, holdingCustomer, createCustomers), and the stamp of the run. */
  options: z.record(z.string(), z.unknown()),
  importSimilar: z.boolean(),
  /** Whether the user may choose the `create` policy (right `create_duplicate`). */
  canCreateDuplicates: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});

export function importView(
  imp: NonNullable<ImportRow>,
  fields: ImportField[],
  locale: Locale,
  canCreateDuplicates: boolean,
) {
  return {
    id: imp.id,
    object: imp.object,
    fileName: imp.fileName,
    format: imp.format as 'xlsx' | 'csv',
    encoding: imp.encoding,
    status: imp.status as (typeof importStatuses)[number],
    headerRow: imp.headerRow,
    headers: JSON.parse(imp.headers) as string[],
    sample: JSON.parse(imp.sample) as string[][],
    mapping: JSON.parse(imp.mapping ?? '{}') as Record<string, string>,
    fields: fields.map((f) => ({
      key: f.key,
      label: f.label[locale],
      group: f.group,
      required: !!f.required,
      standalone: !!f.standalone,
    })),
    totalRows: imp.totalRows,
    checkedRows: imp.checkedRows,
    processedRows: imp.processedRows,
    summary: imp.summary ? (JSON.parse(imp.summary) as CheckSummary) : null,
    result: {
      created: 0,
      merged: 0,
      skipped: 0,
      failed: 0,
      ...(JSON.parse(imp.result) as Partial<RunResult>),
    },
    policy: imp.policy as 'skip' | 'merge' | 'create' | null,
    options: JSON.parse(imp.options) as Record<string, unknown>,
    importSimilar: imp.importSimilar === 1,
    canCreateDuplicates,
    error: imp.error ? t(locale, imp.error as MessageKey) : null,
    createdAt: imp.createdAt,
    finishedAt: imp.finishedAt,
  };
}
importView.schema = schema;

export const importIssue = z.object({
  rowNo: z.number(),
  kind: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  /** The row's cells as text, in the file's column order. */
  cells: z.array(z.string()),
});

type Match = {
  object?: string;
  name: string | null;
  customer: string | null;
  owner: string | null;
  inPool: boolean;
};

function matchText(locale: Locale, matches: Match[]): string {
  const sep = locale === 'en' ? '; ' : '；';
  return matches
    .map((m) => {
      const lead = m.object === 'lead';
      const pool = t(locale, lead ? 'import_match_lead_pool' : 'import_match_pool');
      if (!m.name)
        return m.inPool
          ? pool
          : t(locale, lead ? 'import_match_lead_hidden' : 'import_match_hidden', { owner: m.owner ?? '' });
      const who = m.customer ? `${m.name} (${m.customer})` : m.name;
      return m.owner ? `${who} · ${m.owner}` : m.inPool ? `${who} · ${pool}` : who;
    })
    .join(sep);
}

const fieldAliases: Record<string, string> = {
  ownerId: 'owner',
  'region.province': 'province',
  'region.city': 'city',
};

/** A finding as a sentence in the user's language, naming the field (by the target's label). */
export function issueMessage(
  locale: Locale,
  issue: { code: string; field: string | null; params: string },
  fields: ImportField[],
): string {
  const params = JSON.parse(issue.params) as Record<string, unknown>;
  const key = issue.field ? (fieldAliases[issue.field] ?? issue.field) : null;
  const field = key ? (fields.find((f) => f.key === key)?.label[locale] ?? key) : '';
  const code = (issue.code in messages[locale] ? issue.code : 'validation_failed') as MessageKey;
  const values: Record<string, unknown> = { ...params, field };
  if (Array.isArray(params.matches)) values.match = matchText(locale, params.matches as Match[]);
  if ('owner' in params && params.owner === null) values.owner = t(locale, 'import_match_pool');
  if (params.on) values.on = t(locale, `import_key_${params.on}` as MessageKey);
  const text = t(locale, code, values);
  const template = messages[locale][code];
  return field && !template.includes('{field}') ? `${field}${locale === 'en' ? ': ' : '：'}${text}` : text;
}

/**
 * The error report's rows in file order, one per row with all its reasons: before the run, every
 * finding of the dry run; after it, the rows that were not written (refused by the dry run, skipped
 * or failed in the run).
 */
export async function* reportRows(
  db: Kysely<DB>,
  imp: NonNullable<ImportRow>,
  locale: Locale,
  fields: ImportField[],
): AsyncGenerator<{ rowNo: number; cells: string[]; reason: string }> {
  const ran = imp.policy !== null && !['uploaded', 'checking', 'checked'].includes(imp.status);
  let after = 0;
  const sep = locale === 'en' ? '; ' : '；';
  for (;;) {
    let q = db
      .selectFrom('importIssues')
      .selectAll()
      .where('orgId', '=', imp.orgId)
      .where('importId', '=', imp.id)
      .where('rowNo', '>', after);
    q = ran
      ? q.where((eb) =>
          eb.or([
            eb('phase', '=', 'run'),
            eb.and([eb('phase', '=', 'check'), eb('kind', 'in', ['error', 'file_duplicate'])]),
          ]),
        )
      : q.where('phase', '=', 'check');
    const rows = await q.orderBy('rowNo').orderBy('id').limit(1000).execute();
    if (!rows.length) return;
    // A row's findings may continue on the next page: stop this page before its last row unless short.
    const lastRow = rows.at(-1)!.rowNo;
    const complete = rows.length < 1000 ? rows : rows.filter((r) => r.rowNo !== lastRow);
    const usable = complete.length ? complete : rows;
    let i = 0;
    while (i < usable.length) {
      const rowNo = usable[i]!.rowNo;
      const group = [];
      while (i < usable.length && usable[i]!.rowNo === rowNo) group.push(usable[i++]!);
      yield {
        rowNo,
        cells: JSON.parse(group[0]!.cells) as string[],
        reason: group.map((g) => issueMessage(locale, g, fields)).join(sep),
      };
      after = rowNo;
    }
  }
}
