import { describe, expect, it } from 'vitest';
import { blankPool, blankRule, poolBodyOf, poolValuesOf, ruleBodyOf, ruleValuesOf } from './form-values';
import type { Pool, RecycleRule } from './pools.api';

const pool: Pool = {
  id: 'p1',
  object: 'customer',
  name: '华东公海',
  description: null,
  isDefault: false,
  dailyClaimLimit: 5,
  ownershipCap: null,
  reclaimCooldownDays: 15,
  limitOverrides: [
    { departmentId: 'd2', dailyClaimLimit: null },
    { roleKey: 'sales_manager', ownershipCap: 100 },
  ],
  members: [
    { type: 'department', id: 'd1', role: 'member', name: '华东大区' },
    { type: 'user', id: 'u1', role: 'admin', name: '李明' },
  ],
  waitingCount: 3,
  isMember: true,
  isAdmin: false,
  myQuota: { dailyClaimLimit: 5, claimedToday: 0, ownershipCap: null, owned: 0, reclaimCooldownDays: 15 },
  version: 4,
};

describe('pool form values', () => {
  it('round-trips a pool: members by type, overrides keep what they leave to the pool', () => {
    const body = poolBodyOf(poolValuesOf(pool));
    expect(body).toEqual({
      name: '华东公海',
      description: null,
      isDefault: false,
      dailyClaimLimit: 5,
      ownershipCap: null,
      reclaimCooldownDays: 15,
      limitOverrides: pool.limitOverrides,
      members: [
        { type: 'department', id: 'd1', role: 'member' },
        { type: 'user', id: 'u1', role: 'admin' },
      ],
    });
  });

  it('drops member rows without a choice and overrides without a department or role', () => {
    const body = poolBodyOf({
      ...blankPool,
      name: '  华南公海 ',
      description: '  ',
      departments: [{ role: 'member' }],
      users: [{ id: 'u2', role: 'member' }],
      overrides: [
        { kind: 'role', dailyClaimLimit: 3, ownershipCap: undefined },
        { kind: 'role', target: 'sales_rep', dailyClaimLimit: 3, ownershipCap: undefined },
      ],
    });
    expect(body.name).toBe('华南公海');
    expect(body.description).toBeNull();
    expect(body.members).toEqual([{ type: 'user', id: 'u2', role: 'member' }]);
    expect(body.limitOverrides).toEqual([{ roleKey: 'sales_rep', dailyClaimLimit: 3 }]);
  });
});

describe('rule form values', () => {
  it('sends an empty day field as null (that trigger off)', () => {
    const rule: RecycleRule = {
      id: 'r1',
      name: 'C 类 240 天未成交',
      poolId: 'p1',
      poolName: '公海',
      object: 'customer',
      levels: ['C'],
      noFollowUpDays: null,
      notWonDays: 240,
      noDealDays: 90,
      warnDays: 14,
      exemptLocked: true,
      exemptWon: true,
      enabled: true,
      version: 1,
    };
    const values = ruleValuesOf(rule);
    expect(ruleBodyOf(values, 'customer')).toEqual({
      name: rule.name,
      poolId: 'p1',
      levels: ['C'],
      noFollowUpDays: null,
      notWonDays: 240,
      noDealDays: 90,
      warnDays: 14,
      exemptLocked: true,
      exemptWon: true,
      enabled: true,
    });
    expect(
      ruleBodyOf({ ...values, notWonDays: undefined as unknown as null }, 'customer').notWonDays,
    ).toBeNull();
  });

  it('sends no customer conditions for a lead pool’s rule, whatever the form held', () => {
    const values = { ...blankRule('customer', 'p1'), name: ' 7 天未跟进 ', levels: ['A'] };
    expect(blankRule('lead', 'p2')).toMatchObject({
      exemptLocked: false,
      exemptWon: false,
      noFollowUpDays: 7,
    });
    expect(ruleBodyOf({ ...values, noDealDays: 60 }, 'lead')).toMatchObject({
      name: '7 天未跟进',
      levels: [],
      noDealDays: null,
      exemptLocked: false,
      exemptWon: false,
    });
  });
});
