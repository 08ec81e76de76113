import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, maskFields } from '../../platform/access/index.js';
import { dayIn } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { parseSort } from '../../platform/http/pagination.js';
import { localeOf } from '../../platform/http/problem.js';
import { commonErrors } from '../../platform/http/schemas.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { customColumns } from '../customers/export-custom.js';
import { admitExport, MAX_EXPORT_ROWS, sendSheet } from '../imports/sheet-download.js';
import type { Cell } from '../imports/spreadsheet-writer.js';
import { dealFields, enteredField } from '../imports/targets/opportunities.js';
import { dealQueries } from './list.js';
import type { OpportunityRow } from './opportunities.repo.js';
import { exportQuery, sortable } from './opportunities.schema.js';
import { loadPipelines } from './pipelines.repo.js';
import { statusOf } from './stages.js';

/**
 * GET /opportunities/export: the deals the list shows for the same filters and sort, as .xlsx or .csv,
 * in the deal import's own columns (the day each stage was entered included), so a sheet exported here
 * imports back into another org or after editing as it is.
 */
export function registerOpportunityExportRoute(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/opportunities/export',
    {
      config: { access: { object: 'opportunity', action: 'export' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Export the deal list (same filters and sort as the list) as .xlsx or .csv',
        description: `Streams a file download in the columns the deal import reads (one "entered on" column per open stage). At most ${MAX_EXPORT_ROWS.toLocaleString('en-US')} rows; more answers 422 \`export_too_large\`.`,
        querystring: exportQuery,
        response: { ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { format, sort: sortParam, ...filters } = req.query;
      const sort = parseSort(sortParam, sortable, '-updatedAt');
      const locale = localeOf(req);
      const now = clock.now();
      const { list: query, totals } = await dealQueries(db, actor, filters, now);
      await admitExport(db, req, {
        object: 'opportunity',
        rows: totals,
        now,
        after: { format, sort: sortParam ?? '-updatedAt', filters },
      });

      const [org, pipelines, defs] = await Promise.all([
        db.selectFrom('orgs').select('timeZone').where('id', '=', actor.orgId).executeTakeFirstOrThrow(),
        loadPipelines(db, actor.orgId, filters.pipelineId),
        defsFor(db, actor, 'opportunity'),
      ]);
      const pipelineNames = new Map(pipelines.map((p) => [p.id, p.name]));
      // One "entered on" column per open stage name, in the pipelines' order.
      const stageNames = [
        ...new Set(
          pipelines.flatMap((p) =>
            p.stages.filter((s) => statusOf(s.category) === 'open').map((s) => s.name),
          ),
        ),
      ];
      const custom = await customColumns(
        db,
        actor.orgId,
        defs.filter((d) => d.active),
        locale,
      );
      const owners = new Map(
        (await db.selectFrom('users').select(['id', 'email']).where('orgId', '=', actor.orgId).execute()).map(
          (u) => [u.id, u.email],
        ),
      );
      const tz = org.timeZone;
      const day = (ms: number | null) => (ms === null ? null : dayIn(ms, tz));
      const fixed: Record<string, (r: OpportunityRow) => Cell> = {
        externalId: (r) => r.externalId,
        name: (r) => r.name,
        customer: (r) => r.customerName,
        pipeline: (r) => pipelineNames.get(r.pipelineId) ?? null,
        stage: (r) => r.stageName,
        amount: (r) => r.amount / 100,
        currency: (r) => r.currency,
        // By e-mail: a name may belong to two people, an e-mail to one (the import reads either).
        owner: (r) => owners.get(r.ownerId) ?? r.ownerName,
        createdDate: (r) => day(r.createdAt),
        expectedCloseDate: (r) => r.expectedCloseDate,
        closeDate: (r) => day(r.closedAt),
        lostReason: (r) => r.lostReason,
        source: (r) => r.source,
        products: (r) => r.products,
        competitors: (r) => r.competitors,
      };
      const headers = [
        ...dealFields.map((f) => f.label[locale]),
        ...stageNames.map((n) => enteredField(n).label[locale]),
        ...[...custom.values()].map((c) => c.label),
      ];

      const today = dayIn(now, tz);
      return sendSheet(req, reply, {
        format,
        fileName: { local: `${locale === 'en' ? 'deals' : '商机'}_${today}`, ascii: `deals_${today}` },
        sheetName: locale === 'en' ? 'Deals' : '商机',
        headers,
        query,
        sort,
        idColumn: 'o.id',
        max: MAX_EXPORT_ROWS,
        async cells(rows) {
          // When each deal of the page first entered each stage, in one query.
          const entered = new Map<string, Map<string, number>>();
          if (rows.length)
            for (const h of await db
              .selectFrom('opportunityStageHistory as h')
              .innerJoin('pipelineStages as s', 's.id', 'h.stageId')
              .select(['h.opportunityId', 's.name', 'h.enteredAt'])
              .where('h.orgId', '=', actor.orgId)
              .where(
                'h.opportunityId',
                'in',
                rows.map((r) => r.id),
              )
              .orderBy('h.enteredAt', 'desc')
              .execute()) {
              const byStage = entered.get(h.opportunityId) ?? new Map<string, number>();
              byStage.set(h.name, h.enteredAt);
              entered.set(h.opportunityId, byStage);
            }
          return rows.map((r) => {
            const shown = maskFields(actor, 'opportunity', r, r.ownerId);
            const stays = entered.get(r.id);
            return [
              ...dealFields.map((f) => fixed[f.key]!(shown)),
              ...stageNames.map((n) => day(stays?.get(n) ?? null)),
              ...[...custom.values()].map((c) =>
                c.value(JSON.parse(shown.custom) as Record<string, unknown>),
              ),
            ];
          });
        },
      });
    },
  );
}
