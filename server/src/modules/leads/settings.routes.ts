import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { writeOrgSettings } from '../../platform/org-settings.js';
import { leadSettings, leadSettingsFields, leadSettingsOf } from './settings.js';

// 线索设置: read by everyone who works leads (the page shows the deadlines), changed by admins.
export function registerLeadSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/lead-settings',
    {
      config: { access: { object: 'lead', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: '首次跟进时限 and follow-up cadence',
        response: { 200: leadSettings, ...commonErrors },
      },
    },
    async (req) => leadSettingsOf(db, (req.actor as Actor).orgId),
  );

  api.put(
    '/lead-settings',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary: 'Change them (If-Match: the version read; 0 while the shipped defaults apply)',
        body: z.strictObject(leadSettingsFields),
        response: { 200: leadSettings, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      const b = req.body;
      if (b.remindBeforeHours >= b.firstResponseHours)
        throw new AppError(
          422,
          'validation_failed',
          {},
          { errors: [{ path: 'body.remindBeforeHours', code: 'lead_remind_too_early' }] },
        );
      await db.transaction().execute(async (tx) => {
        const before = await leadSettingsOf(tx, actor.orgId);
        assertVersion(before, version, (r) => r);
        const saved = await writeOrgSettings(tx, 'leadSettings', actor.orgId, before.version, {
          firstResponseHours: b.firstResponseHours,
          remindBeforeHours: b.remindBeforeHours,
          cadenceDays: JSON.stringify(b.cadenceDays),
          disqualifyReasons: JSON.stringify([...new Set(b.disqualifyReasons)]),
          updatedAt: now,
        });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: actor.orgId,
          action: 'update',
          before,
          after: { ...b, version: saved },
        });
      });
      return leadSettingsOf(db, actor.orgId);
    },
  );
}
