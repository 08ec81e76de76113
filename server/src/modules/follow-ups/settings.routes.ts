import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { writeOrgSettings } from '../../platform/org-settings.js';
import './objects.js';
import { followUpSettings, followUpSettingsFields, followUpSettingsOf } from './settings.js';

// 跟进设置: everyone signed in reads them (写跟进 shows whether the next time is required); admins change them.
export function registerFollowUpSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/follow-up-settings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: '跟进设置: next follow-up required, working hours and days, the daily reminder',
        response: { 200: followUpSettings, ...commonErrors },
      },
    },
    async (req) => followUpSettingsOf(db, (req.actor as Actor).orgId),
  );

  api.put(
    '/follow-up-settings',
    {
      config: { access: { object: 'follow_up_setting', action: 'update' } },
      schema: {
        tags: ['follow-ups'],
        summary: 'Change them (If-Match: the version read; 0 while the shipped defaults apply)',
        body: z.strictObject(followUpSettingsFields),
        response: { 200: followUpSettings, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      const b = req.body;
      if (b.workEnd <= b.workStart) throw invalid([{ path: 'body.workEnd', code: 'work_hours_order' }]);
      await db.transaction().execute(async (tx) => {
        const before = await followUpSettingsOf(tx, actor.orgId);
        assertVersion(before, version, (r) => r);
        await writeOrgSettings(tx, 'followUpSettings', actor.orgId, before.version, {
          nextRequired: b.nextRequired ? 1 : 0,
          workStart: b.workStart,
          workEnd: b.workEnd,
          workDays: JSON.stringify([...b.workDays].sort()),
          dailyReminder: b.dailyReminder ? 1 : 0,
          updatedAt: now,
        });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'follow_up_setting',
          recordId: actor.orgId,
          action: 'update',
          before,
          after: b,
        });
      });
      return followUpSettingsOf(db, actor.orgId);
    },
  );
}
