import { z } from 'zod';
import { poolObjects } from './poolable.js';

// Request and response shapes of /api/v1/pools and /api/v1/recycle-rules.

const count = z.number().int().min(0).max(100_000);

/** A limit that applies instead of the pool's own to a department (and below) or a role. */
export const limitOverride = z
  .strictObject({
    departmentId: z.uuid().optional(),
    roleKey: z.string().trim().min(1).max(50).optional(),
    dailyClaimLimit: count.nullable().optional(),
    ownershipCap: count.nullable().optional(),
  })
  .refine((o) => !!o.departmentId !== !!o.roleKey, 'departmentId or roleKey, not both');
export type LimitOverride = z.infer<typeof limitOverride>;

export const poolMember = z.strictObject({
  type: z.enum(['user', 'department']),
  id: z.uuid(),
  role: z.enum(['member', 'admin']).default('member'),
});

const poolFields = {
  name: z.string().trim().min(1).max(50),
  description: z.string().trim().max(500).nullable().optional(),
  /** Where released and recycled customers go when no pool is named. One per org. */
  isDefault: z.boolean().optional(),
  /** Claims per rep per day (org time zone); null = no limit. */
  dailyClaimLimit: count.nullable(),
  /** Customers not yet won a rep may own in all; null = no cap. */
  ownershipCap: count.nullable(),
  /** Days before a former owner may claim the same customer again. */
  reclaimCooldownDays: z.number().int().min(0).max(365),
  limitOverrides: z.array(limitOverride).max(50),
  members: z.array(poolMember).max(500),
};

export const createPoolBody = z.strictObject({
  ...poolFields,
  /** What waits in it: customers (公海, the default) or leads (线索池). Fixed once created. */
  object: z.enum(poolObjects).default('customer'),
});
export const updatePoolBody = z
  .strictObject(poolFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const quota = z.object({
  dailyClaimLimit: z.number().nullable(),
  claimedToday: z.number(),
  ownershipCap: z.number().nullable(),
  owned: z.number(),
  reclaimCooldownDays: z.number(),
});

export const pool = z.object({
  id: z.string(),
  object: z.enum(poolObjects),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  dailyClaimLimit: z.number().nullable(),
  ownershipCap: z.number().nullable(),
  reclaimCooldownDays: z.number(),
  limitOverrides: z.array(
    z.object({
      departmentId: z.string().optional(),
      roleKey: z.string().optional(),
      dailyClaimLimit: z.number().nullable().optional(),
      ownershipCap: z.number().nullable().optional(),
    }),
  ),
  members: z.array(
    z.object({ type: z.enum(['user', 'department']), id: z.string(), role: z.string(), name: z.string() }),
  ),
  /** Customers (or leads) waiting in it. */
  waitingCount: z.number(),
  /** Whether the caller may claim from it, and their limits there. */
  isMember: z.boolean(),
  isAdmin: z.boolean(),
  myQuota: quota,
  version: z.number(),
});

const days = z.number().int().min(1).max(3650);
const ruleFields = {
  name: z.string().trim().min(1).max(50),
  /** The pool the records go back to: a 公海's rule takes back customers, a 线索池's leads. */
  poolId: z.uuid(),
  /** Customer levels the rule applies to; empty = all. Empty for a lead pool's rule. */
  levels: z.array(z.string().trim().min(1).max(20)).max(20),
  /** Back to the pool when nobody followed up for this many days (counted from the later of the last follow-up and the day the owner got it). */
  noFollowUpDays: days.nullable(),
  /** Back to the pool when not won (a lead: not converted) this many days after the owner got it. */
  notWonDays: days.nullable(),
  /**
   * Customers only: back to the pool when it has no open deal and none was created or closed for this many
   * days (counted from the later of that and the day the owner got it).
   */
  noDealDays: days.nullable().optional(),
  /** Warn the owner this many days before. */
  warnDays: z.number().int().min(0).max(60),
  /** Customers only (false for a lead pool's rule): locked or won customers stay. Closed leads always stay. */
  exemptLocked: z.boolean(),
  exemptWon: z.boolean(),
  enabled: z.boolean(),
};
export const createRuleBody = z
  .strictObject(ruleFields)
  .refine(
    (r) => r.noFollowUpDays !== null || r.notWonDays !== null || (r.noDealDays ?? null) !== null,
    'noFollowUpDays, notWonDays or noDealDays',
  );
export const updateRuleBody = z
  .strictObject(ruleFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

export const rule = z.object({
  id: z.string(),
  name: z.string(),
  poolId: z.string(),
  poolName: z.string(),
  /** What the rule takes back: its pool's object. */
  object: z.enum(poolObjects),
  levels: z.array(z.string()),
  noFollowUpDays: z.number().nullable(),
  notWonDays: z.number().nullable(),
  noDealDays: z.number().nullable(),
  warnDays: z.number(),
  exemptLocked: z.boolean(),
  exemptWon: z.boolean(),
  enabled: z.boolean(),
  version: z.number(),
});
