import type { LimitOverride, NewPool, NewRule, Pool, PoolMember, PoolObject, RecycleRule } from './pools.api';

// Between what the pool and rule APIs speak and what their forms edit.

export type MemberRole = 'member' | 'admin';
export type MemberRow = { id?: string; role: MemberRole };
/** A limit as the form edits it: a number, null = 不限, undefined = as the pool (overrides only). */
export type Limit = number | null | undefined;
export type OverrideRow = {
  kind: 'department' | 'role';
  target?: string;
  dailyClaimLimit: Limit;
  ownershipCap: Limit;
};

export type PoolValues = {
  name: string;
  description?: string;
  isDefault: boolean;
  dailyClaimLimit: number | null;
  ownershipCap: number | null;
  reclaimCooldownDays: number;
  departments: MemberRow[];
  users: MemberRow[];
  overrides: OverrideRow[];
};

export const blankPool: PoolValues = {
  name: '',
  isDefault: false,
  dailyClaimLimit: 10,
  ownershipCap: 200,
  reclaimCooldownDays: 30,
  departments: [],
  users: [],
  overrides: [],
};

const asRole = (role: string): MemberRole => (role === 'admin' ? 'admin' : 'member');

export function poolValuesOf(p: Pool): PoolValues {
  const rows = (type: PoolMember['type']) =>
    p.members.filter((m) => m.type === type).map((m) => ({ id: m.id, role: asRole(m.role) }));
  return {
    name: p.name,
    description: p.description ?? undefined,
    isDefault: p.isDefault,
    dailyClaimLimit: p.dailyClaimLimit,
    ownershipCap: p.ownershipCap,
    reclaimCooldownDays: p.reclaimCooldownDays,
    departments: rows('department'),
    users: rows('user'),
    overrides: p.limitOverrides.map((o) => ({
      kind: o.departmentId ? 'department' : 'role',
      target: o.departmentId ?? o.roleKey,
      dailyClaimLimit: o.dailyClaimLimit,
      ownershipCap: o.ownershipCap,
    })),
  };
}

/** The body of a create (and, whole, of an update): empty member rows and untargeted overrides dropped. */
export function poolBodyOf(v: PoolValues): NewPool {
  const members = [
    ...v.departments.map((m) => ({ type: 'department' as const, id: m.id, role: m.role })),
    ...v.users.map((m) => ({ type: 'user' as const, id: m.id, role: m.role })),
  ].filter((m): m is { type: 'department' | 'user'; id: string; role: MemberRole } => !!m.id);
  const limitOverrides = v.overrides
    .filter((o) => !!o.target)
    .map((o): LimitOverride => {
      const limits: LimitOverride = {};
      // Left out = the pool's own limit applies; null = no limit.
      if (o.dailyClaimLimit !== undefined) limits.dailyClaimLimit = o.dailyClaimLimit;
      if (o.ownershipCap !== undefined) limits.ownershipCap = o.ownershipCap;
      return o.kind === 'department'
        ? { departmentId: o.target, ...limits }
        : { roleKey: o.target, ...limits };
    });
  return {
    name: v.name.trim(),
    description: v.description?.trim() || null,
    isDefault: v.isDefault,
    dailyClaimLimit: v.dailyClaimLimit,
    ownershipCap: v.ownershipCap,
    reclaimCooldownDays: v.reclaimCooldownDays,
    limitOverrides,
    members,
  };
}

export type RuleValues = {
  name: string;
  poolId?: string;
  levels: string[];
  noFollowUpDays: number | null;
  notWonDays: number | null;
  noDealDays: number | null;
  warnDays: number;
  exemptLocked: boolean;
  exemptWon: boolean;
  enabled: boolean;
};

/** A new rule: a customer pool's keeps locked and won customers; a lead pool's has no such conditions. */
export const blankRule = (object: PoolObject, poolId?: string): RuleValues => ({
  name: '',
  poolId,
  levels: [],
  noFollowUpDays: object === 'lead' ? 7 : 30,
  notWonDays: null,
  noDealDays: null,
  warnDays: object === 'lead' ? 1 : 3,
  exemptLocked: object === 'customer',
  exemptWon: object === 'customer',
  enabled: true,
});

export const ruleValuesOf = (r: RecycleRule): RuleValues => ({
  name: r.name,
  poolId: r.poolId,
  levels: r.levels,
  noFollowUpDays: r.noFollowUpDays,
  notWonDays: r.notWonDays,
  noDealDays: r.noDealDays,
  warnDays: r.warnDays,
  exemptLocked: r.exemptLocked,
  exemptWon: r.exemptWon,
  enabled: r.enabled,
});

/** The body of a create (and, whole, of an update); a lead pool's rule sends no customer conditions. */
export const ruleBodyOf = (v: RuleValues, object: PoolObject): NewRule => ({
  name: v.name.trim(),
  poolId: v.poolId ?? '',
  levels: object === 'lead' ? [] : v.levels,
  noFollowUpDays: v.noFollowUpDays ?? null,
  notWonDays: v.notWonDays ?? null,
  noDealDays: object === 'customer' ? (v.noDealDays ?? null) : null,
  warnDays: v.warnDays,
  exemptLocked: object === 'customer' && v.exemptLocked,
  exemptWon: object === 'customer' && v.exemptWon,
  enabled: v.enabled,
});
