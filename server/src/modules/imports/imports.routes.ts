import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { localeOf } from '../../platform/http/problem.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { type Locale, t } from '../../platform/i18n.js';
import {
  enqueueImportJob,
  loadImport,
  MAX_IMPORT_ROWS,
  optionsOf,
  receiveUpload,
  validateMapping,
} from './engine.js';
import { importIssue, importView, issueMessage, reportRows, runBody } from './imports.schema.js';
import { attachment, contentTypes, tableWriter } from './spreadsheet-writer.js';
import { importObjects, importTarget } from './target.js';
import './targets/customers.js';
import './targets/users.js';
import './targets/leads.js';
import './targets/opportunities.js';

/**
 * /api/v1/imports: the import wizard's steps. An import belongs to the user who uploaded it (others get
 * 404); each step needs the `import` right on the import's object.
 */
export function registerImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const mine = async (req: FastifyRequest, id: string) => {
    const actor = req.actor as Actor;
    const imp = await loadImport(db, actor.orgId, id);
    if (!imp || imp.createdBy !== actor.userId) throw notFound();
    if (!can(actor, imp.object, 'import')) throw forbidden();
    return imp;
  };
  const view = async (req: FastifyRequest, id: string) => {
    const actor = req.actor as Actor;
    const imp = await mine(req, id);
    const target = importTarget(imp.object)!;
    return importView(
      imp,
      await target.fields(ctx, actor),
      localeOf(req),
      can(actor, imp.object, 'create_duplicate'),
    );
  };

  for (const object of importObjects()) {
    api.post(
      `/imports/${object}`,
      {
        config: { access: { object, action: 'import' } },
        schema: {
          tags: ['imports'],
          summary: `Upload an .xlsx or .csv file of ${object} records (step 1 of the import wizard)`,
          description: `multipart/form-data with one \`file\`. Refused: other file types (by content and extension), old .xls, zip bombs, more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} data rows (422), files over the upload limit (413). Answers the header row found, a sample and the automatic column mapping.`,
          consumes: ['multipart/form-data'],
          response: { 201: importView.schema, 413: problem, ...commonErrors },
        },
      },
      async (req, reply) => {
        const actor = req.actor as Actor;
        const target = importTarget(object)!;
        const part = await req.file().catch(() => undefined);
        if (!part) throw new AppError(400, 'import_file_required');
        const id = await receiveUpload(ctx, actor, target, {
          fileName: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
        });
        return reply.status(201).send(await view(req, id));
      },
    );
  }

  api.get(
    '/imports/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary: 'An import: its status, progress, dry-run summary and result (poll while it runs)',
        params: idParams,
        response: { 200: importView.schema, ...commonErrors },
      },
    },
    async (req) => view(req, req.params.id),
  );

  api.post(
    '/imports/:id/check',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary: 'Save the column mapping and start the dry run (step 2 → 3)',
        params: idParams,
        body: z.strictObject({
          /** Column index (0-based, as in `headers`) → field key; unmapped columns are ignored. */
          mapping: z.record(z.string().regex(/^\d{1,3}$/), z.string().max(80)),
          /** The object's own choices the dry run depends on (deals: `holdingCustomer`). */
          options: z.record(z.string(), z.unknown()).default({}),
        }),
        response: { 202: importView.schema, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const imp = await mine(req, req.params.id);
      if (!['uploaded', 'checked', 'failed'].includes(imp.status) || !imp.fileKey)
        throw new AppError(409, 'import_state', { status: imp.status });
      const target = importTarget(imp.object)!;
      const mapping = validateMapping(
        req.body.mapping,
        JSON.parse(imp.headers) as string[],
        await target.fields(ctx, actor),
        localeOf(req),
      );
      const options = optionsOf(target, req.body.options);
      await target.assertOptions?.(db, actor, options);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('imports')
          .set({
            mapping: JSON.stringify(mapping),
            options: JSON.stringify(options),
            status: 'checking',
            checkedRows: 0,
            summary: null,
            error: null,
            updatedAt: now,
            version: imp.version + 1,
          })
          .where('id', '=', imp.id)
          .where('version', '=', imp.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'import_state', { status: imp.status });
        await enqueueImportJob(tx, imp, 'import.check', now);
      });
      return reply.status(202).send(await view(req, imp.id));
    },
  );

  api.post(
    '/imports/:id/run',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary: 'Run a checked import with a duplicate policy (step 4)',
        description:
          '`policy`: `skip` existing customers, `merge` the row into the existing customer (when the importer may update it), or `create` anyway (needs the `create_duplicate` right). `importSimilar`: also import rows whose name is only similar to an existing one.',
        params: idParams,
        body: runBody,
        response: { 202: importView.schema, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const imp = await mine(req, req.params.id);
      if (imp.status !== 'checked') throw new AppError(409, 'import_state', { status: imp.status });
      if (req.body.policy === 'create' && !can(actor, imp.object, 'create_duplicate')) throw forbidden();
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('imports')
          .set({
            status: 'running',
            policy: req.body.policy,
            importSimilar: req.body.importSimilar ? 1 : 0,
            options: JSON.stringify({ ...JSON.parse(imp.options), ...req.body.stamp }),
            updatedAt: now,
            version: imp.version + 1,
          })
          .where('id', '=', imp.id)
          .where('version', '=', imp.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'import_state', { status: imp.status });
        await enqueueImportJob(tx, imp, 'import.run', now);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: imp.object,
          recordId: imp.id,
          action: 'import',
          after: { fileName: imp.fileName, rows: imp.totalRows, policy: req.body.policy },
          payload: { importId: imp.id },
        });
      });
      return reply.status(202).send(await view(req, imp.id));
    },
  );

  api.post(
    '/imports/:id/cancel',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary:
          'Cancel an import; a running one stops after the batch in flight (rows already written stay)',
        params: idParams,
        response: { 200: importView.schema, ...commonErrors },
      },
    },
    async (req) => {
      const imp = await mine(req, req.params.id);
      const now = clock.now();
      if (['uploaded', 'checked'].includes(imp.status)) {
        await db
          .updateTable('imports')
          .set({ status: 'cancelled', finishedAt: now, updatedAt: now, fileKey: null })
          .where('id', '=', imp.id)
          .where('version', '=', imp.version)
          .execute();
        await db.deleteFrom('importKeys').where('importId', '=', imp.id).execute();
        if (imp.fileKey) await ctx.storage.delete(imp.fileKey);
      } else if (['checking', 'running'].includes(imp.status)) {
        await db
          .updateTable('imports')
          .set({ status: 'cancelling', updatedAt: now })
          .where('id', '=', imp.id)
          .where('status', '=', imp.status)
          .execute();
      } else throw new AppError(409, 'import_state', { status: imp.status });
      return view(req, imp.id);
    },
  );

  api.get(
    '/imports/:id/issues',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary:
          'Per-row findings of the dry run, by row number (what the run refused or skipped is in the report)',
        params: idParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
          kind: z.enum(['error', 'file_duplicate', 'db_duplicate', 'similar', 'skipped']).optional(),
        }),
        response: { 200: page(importIssue), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const imp = await mine(req, req.params.id);
      const fields = await importTarget(imp.object)!.fields(ctx, actor);
      let q = db
        .selectFrom('importIssues')
        .selectAll()
        .where('orgId', '=', imp.orgId)
        .where('importId', '=', imp.id)
        .where('phase', '=', 'check');
      if (req.query.kind) q = q.where('kind', '=', req.query.kind);
      const sort = parseSort('id', { id: 'id' }, 'id');
      const result = await pageOf(q, {
        sort,
        idColumn: 'id',
        limit: req.query.limit,
        cursor: req.query.cursor,
        valueOf: (r) => r.id,
      });
      const locale = localeOf(req);
      return {
        data: result.data.map((r) => ({
          rowNo: r.rowNo,
          kind: r.kind,
          field: r.field,
          message: issueMessage(locale, r, fields),
          cells: JSON.parse(r.cells) as string[],
        })),
        nextCursor: result.nextCursor,
      };
    },
  );

  api.get(
    '/imports/:id/report',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary:
          'Error report: every row not imported (or, before the run, every row with a finding), with the reason',
        params: idParams,
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
        response: { ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const imp = await mine(req, req.params.id);
      const locale: Locale = localeOf(req);
      const fields = await importTarget(imp.object)!.fields(ctx, actor);
      const headers = JSON.parse(imp.headers) as string[];
      const { format } = req.query;
      const base = imp.fileName.replace(/\.[^.]+$/, '');
      const suffix = t(locale, 'import_report_suffix');
      reply
        .header('content-type', contentTypes[format])
        .header(
          'content-disposition',
          attachment(`${base}_${suffix}.${format}`, `import-errors-${imp.id.slice(-8)}.${format}`),
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store');
      const out = new PassThrough();
      const rowLabel = t(locale, 'import_report_row');
      const reasonLabel = t(locale, 'import_report_reason');
      const writer = tableWriter(format, out, [rowLabel, ...headers, reasonLabel], suffix);
      (async () => {
        for await (const r of reportRows(db, imp, locale, fields))
          await writer.row([r.rowNo, ...r.cells, r.reason]);
        await writer.end();
      })().catch((err) => {
        req.log.error({ err }, 'import report failed mid-stream');
        out.destroy(err as Error);
      });
      return reply.send(out as never);
    },
  );
}
