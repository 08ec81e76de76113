import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, maskFields } from '../../platform/access/index.js';
import { dayIn } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { parseSort } from '../../platform/http/pagination.js';
import { localeOf } from '../../platform/http/problem.js';
import { commonErrors } from '../../platform/http/schemas.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { admitExport, MAX_EXPORT_ROWS, sendSheet } from '../imports/sheet-download.js';
import type { SheetFormat } from '../imports/spreadsheet-writer.js';
import { present } from './customers.repo.js';
import { listFilters, sortable } from './customers.schema.js';
import { type CustomerColumn, customerColumnKeys, customerColumns, listColumns } from './export-columns.js';
import { customColumns } from './export-custom.js';
import { customerListQuery } from './list.js';
import { planSearch } from './search.js';

/** More rows than this are refused: narrow the filter (a background export is a later slice). */

/** The export's own parameters; the rest of the query string is the list's filters and sort. */
export const exportQuery = z.looseObject({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  /** Comma-separated column keys in order (default: the list's columns). */
  columns: z
    .string()
    .max(500)
    .optional()
    .transform((s, ctx) => {
      if (!s) return listColumns;
      const keys = [
        ...new Set(
          s
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ];
      const unknown = keys.filter(
        (k) => !customerColumnKeys.includes(k as CustomerColumn) && !/^cf\.[a-z][a-z0-9_]{0,39}$/.test(k),
      );
      if (unknown.length || !keys.length) {
        ctx.addIssue({ code: 'custom', message: `unknown columns: ${unknown.join(', ')}` });
        return z.NEVER;
      }
      return keys;
    }),
  /** Only these customers (selected rows), comma-separated ids — still within the caller's access. */
  ids: z
    .string()
    .max(40_000)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const ids = [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ];
      if (ids.length > 1000 || ids.some((id) => !z.uuid().safeParse(id).success)) {
        ctx.addIssue({ code: 'custom', message: 'ids: up to 1000 customer ids' });
        return z.NEVER;
      }
      return ids;
    }),
});

/** The list's filters and sort from the rest of the query, validated by the list's own schema. */
function listParams(rest: Record<string, unknown>) {
  const parsed = listFilters.safeParse(rest);
  if (!parsed.success)
    throw new AppError(
      400,
      'validation_failed',
      {},
      {
        errors: parsed.error.issues.flatMap((i) =>
          (i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.')]).map((k) => ({
            path: `querystring.${k}`,
            code: i.code,
            message: i.message,
          })),
        ),
      },
    );
  const { limit: _l, cursor: _c, sort, ...filters } = parsed.data as z.infer<typeof listFilters>;
  return { sort, filters };
}

/**
 * GET /customers/export: exactly the rows the list shows for the same filters (the same list query,
 * the same data scope and masking), streamed as .xlsx or .csv with headers in the request's language.
 */
export function registerCustomerExportRoute(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/customers/export',
    {
      config: { access: { object: 'customer', action: 'export' } },
      schema: {
        tags: ['customers'],
        summary: 'Export the customer list (same filters and sort as the list) as .xlsx or .csv',
        description: `Streams a file download (\`Content-Disposition: attachment\`). At most ${MAX_EXPORT_ROWS.toLocaleString('en-US')} rows; more answers 422 \`export_too_large\`. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.`,
        querystring: exportQuery,
        response: { ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { format, columns: asked, ids, ...rest } = req.query;
      const { sort: sortParam, filters } = listParams(rest);
      const sort = parseSort(sortParam, sortable, '-updatedAt');
      const locale = localeOf(req);
      const search = filters.q ? await planSearch(db, actor.orgId, filters.q) : undefined;
      const defs = await defsFor(db, actor, 'customer');
      const byKey = await customColumns(
        db,
        actor.orgId,
        defs.filter((d) => d.active),
        locale,
      );
      // Without a column list: the list's columns and every active custom field.
      const columns = asked === listColumns ? [...listColumns, ...byKey.keys()] : (asked as string[]);
      const unknownCustom = columns.filter((c) => c.startsWith('cf.') && !byKey.has(c));
      if (unknownCustom.length)
        throw new AppError(
          400,
          'validation_failed',
          {},
          {
            errors: [{ path: 'querystring.columns', code: 'custom_field_unknown' }],
          },
        );
      let query = customerListQuery(db, actor, filters, defs, search);
      if (ids) query = query.where('c.id', 'in', ids);
      const now = clock.now();
      await admitExport(db, req, {
        object: 'customer',
        rows: query,
        now,
        after: {
          format,
          columns,
          sort: sortParam ?? '-updatedAt',
          filters,
          ...(ids ? { ids: ids.length } : {}),
        },
      });
      const org = await db
        .selectFrom('orgs')
        .select('timeZone')
        .where('id', '=', actor.orgId)
        .executeTakeFirstOrThrow();

      const day = dayIn(now, org.timeZone);
      const o = { locale, timeZone: org.timeZone };
      return sendSheet(req, reply, {
        format: format as SheetFormat,
        fileName: { local: `${locale === 'en' ? 'customers' : '客户'}_${day}`, ascii: `customers_${day}` },
        sheetName: locale === 'en' ? 'Customers' : '客户',
        headers: columns.map(
          (c) => byKey.get(c)?.label ?? customerColumns[c as CustomerColumn].label[locale],
        ),
        query,
        sort,
        idColumn: 'c.id',
        max: MAX_EXPORT_ROWS,
        cells: (rows) =>
          rows.map((r) => {
            const shown = maskFields(actor, 'customer', present(r), r.ownerId);
            return columns.map((c) => {
              const custom = byKey.get(c);
              return custom
                ? custom.value(shown.custom)
                : customerColumns[c as CustomerColumn].value(shown, o);
            });
          }),
      });
    },
  );
}
