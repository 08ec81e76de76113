import { describe, expect, it } from 'vitest';
import {
  type AssignmentRuleFields,
  assignmentRuleBodyOf,
  assignmentRuleFieldOf,
  assignmentRuleValuesOf,
  blankAssignmentRule,
  type ScoreRuleFields,
  sampleBodyOf,
  scoreRuleBodyOf,
  scoreRuleFieldOf,
  scoreRuleValuesOf,
} from './form-values';

const scoreRule: ScoreRuleFields = {
  label: '询盘提到报价',
  field: 'inquiry',
  op: 'contains_any',
  values: ['报价', '采购'],
  points: 25,
  active: true,
};

const assignmentRule: AssignmentRuleFields = {
  name: '广东线索',
  conditions: [
    { field: 'province', op: 'in', values: ['广东'] },
    { field: 'score', op: 'gte', values: [60] },
  ],
  targetType: 'users',
  targetIds: ['u1', 'u2'],
  method: 'weighted',
  weights: { u2: 3 },
  dailyCap: 20,
  onExpiry: 'reassign',
  active: true,
};

describe('score rule form values', () => {
  it('round-trips a rule: words stay words, the position is left to moving', () => {
    expect(scoreRuleBodyOf(scoreRuleValuesOf(scoreRule))).toEqual({
      label: '询盘提到报价',
      field: 'inquiry',
      op: 'contains_any',
      values: ['报价', '采购'],
      points: 25,
      active: true,
    });
  });

  it('sends what the operator takes: the number for a bound, nothing for 已填写, each word once', () => {
    const v = scoreRuleValuesOf(scoreRule);
    expect(scoreRuleBodyOf({ ...v, field: 'custom.size', op: 'gte', number: 100 }).values).toEqual([100]);
    expect(scoreRuleBodyOf({ ...v, field: 'phone', op: 'present' }).values).toEqual([]);
    expect(scoreRuleBodyOf({ ...v, words: [' 报价 ', '报价', '', '预算'] }).values).toEqual(['报价', '预算']);
    expect(scoreRuleBodyOf({ ...v, label: '  新规则 ' }).label).toBe('新规则');
  });

  it('puts a refused value on the input the operator shows', () => {
    expect(scoreRuleFieldOf('body.values', { op: 'contains_any' })).toEqual(['words']);
    expect(scoreRuleFieldOf('body.values', { op: 'gte' })).toEqual(['number']);
    expect(scoreRuleFieldOf('body.field', {})).toEqual(['field']);
    expect(scoreRuleFieldOf('body.position', {})).toBeNull();
    expect(scoreRuleFieldOf('query.x', {})).toBeNull();
  });
});

describe('assignment rule form values', () => {
  it('round-trips a weighted rule: conditions, the people and their weights (1 when not given)', () => {
    const v = assignmentRuleValuesOf(assignmentRule);
    expect(v.users).toEqual([
      { id: 'u1', weight: 1 },
      { id: 'u2', weight: 3 },
    ]);
    expect(v.conditions[1]).toEqual({ field: 'score', op: 'gte', words: [], number: 60 });
    expect(assignmentRuleBodyOf(v)).toEqual({
      name: '广东线索',
      conditions: assignmentRule.conditions,
      targetType: 'users',
      targetIds: ['u1', 'u2'],
      method: 'weighted',
      weights: { u1: 1, u2: 3 },
      dailyCap: 20,
      onExpiry: 'reassign',
      active: true,
    });
  });

  it('sends weights only for 按权重分配, and each person once', () => {
    const body = assignmentRuleBodyOf({
      ...blankAssignmentRule,
      name: '广东线索',
      method: 'round_robin',
      users: [{ id: 'u1', weight: 5 }, { id: 'u1', weight: 1 }, { id: 'u2', weight: null }, { weight: 1 }],
    });
    expect(body.targetIds).toEqual(['u1', 'u2']);
    expect(body.weights).toEqual({});
  });

  it('sends the one department or pool of the chosen kind; a pool has no method, cap or deadline of its own', () => {
    const v = assignmentRuleValuesOf(assignmentRule);
    expect(assignmentRuleBodyOf({ ...v, targetType: 'department', departmentId: 'd1' })).toMatchObject({
      targetIds: ['d1'],
      weights: {},
      dailyCap: 20,
    });
    expect(assignmentRuleBodyOf({ ...v, targetType: 'pool', poolId: 'p1' })).toMatchObject({
      targetIds: ['p1'],
      method: 'round_robin',
      weights: {},
      dailyCap: null,
      onExpiry: 'none',
    });
  });

  it('reads a stored department or pool rule back into its picker', () => {
    const dept = assignmentRuleValuesOf({ ...assignmentRule, targetType: 'department', targetIds: ['d1'] });
    expect(dept).toMatchObject({ departmentId: 'd1', poolId: undefined, users: [] });
    const pool = assignmentRuleValuesOf({ ...assignmentRule, targetType: 'pool', targetIds: ['p1'] });
    expect(pool).toMatchObject({ poolId: 'p1', departmentId: undefined });
  });

  it('puts refused conditions, people, weights and targets on their own inputs', () => {
    const v = assignmentRuleValuesOf(assignmentRule);
    expect(assignmentRuleFieldOf('body.conditions.1.values', v)).toEqual(['conditions', 1, 'number']);
    expect(assignmentRuleFieldOf('body.conditions.0.values', v)).toEqual(['conditions', 0, 'words']);
    expect(assignmentRuleFieldOf('body.conditions.0.field', v)).toEqual(['conditions', 0, 'field']);
    expect(assignmentRuleFieldOf('body.weights.u2', v)).toEqual(['users', 1, 'weight']);
    expect(assignmentRuleFieldOf('body.targetIds', v)).toEqual(['users']);
    // Indexes count the people sent: an empty row or a repeated person is not sent.
    const rows = {
      ...v,
      users: [{ weight: 1 }, { id: 'u1', weight: 1 }, { id: 'u1', weight: 1 }, { id: 'u9', weight: 1 }],
    };
    expect(assignmentRuleFieldOf('body.targetIds.1', rows)).toEqual(['users', 3, 'id']);
    expect(assignmentRuleFieldOf('body.targetIds', { ...v, targetType: 'department' })).toEqual([
      'departmentId',
    ]);
    expect(assignmentRuleFieldOf('body.targetIds.0', { ...v, targetType: 'pool' })).toEqual(['poolId']);
    expect(assignmentRuleFieldOf('body.name', v)).toEqual(['name']);
    expect(assignmentRuleFieldOf('body.position', v)).toBeNull();
  });
});

describe('the sample lead', () => {
  it('sends what was filled in, trimmed', () => {
    expect(
      sampleBodyOf({ province: ' 广东 ', city: '', inquiry: '请报价', phone: '  ', channel: 'web_form' }),
    ).toEqual({ province: '广东', inquiry: '请报价', channel: 'web_form' });
  });
});
