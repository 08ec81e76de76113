import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';

// 线索设置: how soon a rep must first follow up a lead assigned to them (首次跟进时限, the article's
// 24 h), how long before that they are reminded, and how often an open lead is followed up after
// that, per status (the article's every 3 days).

export const cadenceStatuses = ['new', 'working', 'qualified'] as const;

export const leadSettingsFields = {
  firstResponseHours: z.number().int().min(1).max(720),
  remindBeforeHours: z.number().int().min(0).max(720),
  /** 无效原因: marking a lead 无效 needs one of these (an empty list allows any reason). */
  disqualifyReasons: z.array(z.string().trim().min(1).max(30)).max(30),
  cadenceDays: z.strictObject(
    Object.fromEntries(
      cadenceStatuses.map((s) => [s, z.number().int().min(1).max(365).nullable()]),
    ) as Record<(typeof cadenceStatuses)[number], z.ZodNullable<z.ZodNumber>>,
  ),
};
export const leadSettings = z.object({ ...leadSettingsFields, version: z.number() });
export type LeadSettings = z.infer<typeof leadSettings>;

export const defaultLeadSettings: LeadSettings = {
  firstResponseHours: 24,
  remindBeforeHours: 4,
  cadenceDays: { new: 3, working: 3, qualified: 3 },
  disqualifyReasons: ['联系不上', '无购买需求', '同行或竞品询价', '信息虚假', '预算不足', '重复线索'],
  version: 0,
};

/** The org's lead settings: what an admin saved, else the shipped defaults (version 0). */
export async function leadSettingsOf(db: Kysely<DB>, orgId: string): Promise<LeadSettings> {
  const row = await db.selectFrom('leadSettings').selectAll().where('orgId', '=', orgId).executeTakeFirst();
  if (!row) return defaultLeadSettings;
  return {
    firstResponseHours: row.firstResponseHours,
    remindBeforeHours: row.remindBeforeHours,
    cadenceDays: { ...defaultLeadSettings.cadenceDays, ...(JSON.parse(row.cadenceDays) as object) },
    disqualifyReasons: JSON.parse(row.disqualifyReasons) as string[],
    version: row.version,
  };
}

const hour = 3_600_000;
const day = 24 * hour;

/** When the first follow-up of a lead a rep got at `at` is due. */
export const slaDueAt = (s: LeadSettings, at: number) => at + s.firstResponseHours * hour;

/** When a lead in `status` followed up at `at` is next due (null: no cadence for that status). */
export function nextFollowUpAt(s: LeadSettings, status: string, at: number): number | null {
  const days = s.cadenceDays[status as (typeof cadenceStatuses)[number]];
  return days ? at + days * day : null;
}
