import { describe, expect, it } from 'vitest';
import { type ApprovalFacts, conditionsHold, layOutSteps } from './rules.js';

const facts: ApprovalFacts = {
  values: { amount: 60_000_000, probability: 50, products: '数控折弯机', tags: ['重点'] },
  departmentIds: ['d-sh1', 'd-east', 'd-root'],
  roleKeys: ['sales_rep'],
};

describe('approval conditions', () => {
  it('compares numbers, lists, text, the submitter’s department tree and roles', () => {
    expect(conditionsHold([{ field: 'amount', op: 'gt', value: 50_000_000 }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'amount', op: 'gt', value: 60_000_000 }], facts)).toBe(false);
    expect(conditionsHold([{ field: 'amount', op: 'gte', value: 60_000_000 }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'amount', op: 'between', value: [1, 60_000_000] }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'probability', op: 'in', value: [30, 50] }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'products', op: 'contains', value: '折弯' }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'tags', op: 'contains', value: '重点' }], facts)).toBe(true);
    expect(conditionsHold([{ field: 'missing', op: 'ne', value: 'x' }], facts)).toBe(true);
    expect(conditionsHold([{ op: 'department', value: 'd-east' }], facts)).toBe(true);
    expect(conditionsHold([{ op: 'department', value: 'd-south' }], facts)).toBe(false);
    expect(conditionsHold([{ op: 'role', value: 'sales_manager' }], facts)).toBe(false);
    // All must hold; none holds vacuously.
    expect(
      conditionsHold(
        [
          { field: 'amount', op: 'gt', value: 1 },
          { op: 'role', value: 'x' },
        ],
        facts,
      ),
    ).toBe(false);
    expect(conditionsHold([], facts)).toBe(true);
    // Text is not a number.
    expect(conditionsHold([{ field: 'products', op: 'gt', value: 1 }], facts)).toBe(false);
  });
});

describe('laying out approval steps', () => {
  const base = {
    submitterId: 'rep',
    allowSelf: false,
    noApprover: 'admin' as const,
    managers: ['m1', 'm2', 'm3'],
    users: (ids: string[]) => ids.filter((id) => id !== 'inactive'),
    role: (key: string) => (key === 'finance' ? ['f1', 'f2'] : []),
    admins: ['admin'],
  };
  it('resolves managers by level (the highest there is when fewer), chains, roles and people', () => {
    expect(
      layOutSteps(
        [
          { name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' },
          { name: '上五级', approvers: { type: 'manager', level: 5 }, mode: 'any' },
          { name: '逐级', approvers: { type: 'manager_chain', levels: 2 }, mode: 'all' },
          { name: '财务', approvers: { type: 'role', roleKey: 'finance' }, mode: 'all' },
          { name: '指定', approvers: { type: 'users', userIds: ['u1', 'inactive', 'rep'] }, mode: 'any' },
        ],
        base,
      ),
    ).toEqual([
      { name: '直属上级', mode: 'any', approverIds: ['m1'] },
      { name: '上五级', mode: 'any', approverIds: ['m3'] },
      { name: '逐级 1/2', mode: 'any', approverIds: ['m1'] },
      { name: '逐级 2/2', mode: 'any', approverIds: ['m2'] },
      { name: '财务', mode: 'all', approverIds: ['f1', 'f2'] },
      { name: '指定', mode: 'any', approverIds: ['u1'] },
    ]);
  });
  it('sends a step without approvers to the admins, or lets it pass, and never to the submitter unless allowed', () => {
    const steps = [
      { name: '法务', approvers: { type: 'role' as const, roleKey: 'legal' }, mode: 'any' as const },
    ];
    expect(layOutSteps(steps, base)).toEqual([{ name: '法务', mode: 'any', approverIds: ['admin'] }]);
    expect(layOutSteps(steps, { ...base, noApprover: 'auto_pass' })).toEqual([
      { name: '法务', mode: 'any', approverIds: [] },
    ]);
    const own = [
      { name: '本人', approvers: { type: 'users' as const, userIds: ['rep'] }, mode: 'any' as const },
    ];
    expect(layOutSteps(own, { ...base, noApprover: 'auto_pass' })[0]!.approverIds).toEqual([]);
    expect(layOutSteps(own, { ...base, allowSelf: true })[0]!.approverIds).toEqual(['rep']);
    expect(layOutSteps(steps, { ...base, managers: [], admins: ['rep'] })[0]!.approverIds).toEqual([]);
  });
});
