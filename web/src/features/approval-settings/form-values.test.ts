import { describe, expect, it } from 'vitest';
import {
  blankDefinition,
  conditionOf,
  conditionRowOf,
  type Definition,
  type DefinitionValues,
  definitionChangesOf,
  definitionValuesOf,
  formFieldOf,
  newDefinitionOf,
} from './form-values';

const pipelines = [
  { id: 'p-general', stages: [{ id: 's-1' }, { id: 's-2' }] },
  { id: 'p-factory', stages: [{ id: 'f-design' }, { id: 'f-quote' }] },
];

const stored: Definition = {
  id: 'd1',
  name: '大额报价审批',
  object: 'opportunity',
  trigger: { type: 'stage_enter', stageIds: ['f-quote'] },
  conditions: [
    { field: 'amount', op: 'gt', value: 50_000_000 },
    { field: 'probability', op: 'between', value: [40, 80] },
    { op: 'department', value: 'dept-east' },
    { op: 'role', value: 'sales_rep' },
    { field: 'custom.region', op: 'in', value: ['华东', '华南'] },
  ],
  steps: [
    { name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' },
    { name: '逐级审批', approvers: { type: 'manager_chain', levels: 3 }, mode: 'any' },
    { name: '财务', approvers: { type: 'role', roleKey: 'finance' }, mode: 'all' },
    { name: '总经理', approvers: { type: 'users', userIds: ['u-1', 'u-2'] }, mode: 'all' },
  ],
  cc: [
    { type: 'users', userIds: ['u-9'] },
    { type: 'role', roleKey: 'finance' },
    { type: 'manager', level: 2 },
    { type: 'manager_chain', levels: 2 },
  ],
  noApprover: 'auto_pass',
  resubmitFrom: 'rejected_step',
  allowSelf: true,
  active: false,
  position: 1,
  version: 3,
};

describe('approval flow form values', () => {
  it('shows amounts in 元 and stores them in 分', () => {
    const row = conditionRowOf({ field: 'amount', op: 'gt', value: 50_000_000 });
    expect(row).toEqual({ field: 'amount', op: 'gt', value: 500_000 });
    expect(conditionOf({ field: 'amount', op: 'gte', value: 500_000.5 })).toEqual({
      field: 'amount',
      op: 'gte',
      value: 50_000_050,
    });
  });

  it('converts both bounds of a between on the amount, and keeps a probability as it is', () => {
    expect(conditionOf({ field: 'amount', op: 'between', value: 100_000, to: 200_000 })).toEqual({
      field: 'amount',
      op: 'between',
      value: [10_000_000, 20_000_000],
    });
    expect(conditionOf({ field: 'probability', op: 'lt', value: 50 })).toEqual({
      field: 'probability',
      op: 'lt',
      value: 50,
    });
  });

  it('reads a stored definition into the form: its pipeline from the trigger stage, rows for what it can show', () => {
    const v = definitionValuesOf(stored, pipelines);
    expect(v.pipelineId).toBe('p-factory');
    expect(v.stageIds).toEqual(['f-quote']);
    expect(v.conditions).toEqual([
      { field: 'amount', op: 'gt', value: 500_000 },
      { field: 'probability', op: 'between', value: 40, to: 80 },
      { field: 'department', departmentId: 'dept-east' },
      { field: 'role', roleKey: 'sales_rep' },
    ]);
    expect(v.keptConditions).toEqual([{ field: 'custom.region', op: 'in', value: ['华东', '华南'] }]);
    expect(v.steps.map((s) => [s.type, s.level ?? s.roleKey ?? s.userIds, s.mode])).toEqual([
      ['manager', 1, 'any'],
      ['manager_chain', 3, 'any'],
      ['role', 'finance', 'all'],
      ['users', ['u-1', 'u-2'], 'all'],
    ]);
    // 抄送: people, roles and a manager level as fields; a chain of managers kept as it is.
    expect(v).toMatchObject({
      ccUserIds: ['u-9'],
      ccRoleKeys: ['finance'],
      ccManagerLevel: 2,
      keptCc: [{ type: 'manager_chain', levels: 2 }],
    });
  });

  it('writes back exactly the stored definition after a round trip through the form', () => {
    const { id: _id, position: _p, version: _v, object: _o, ...rest } = stored;
    const changes = definitionChangesOf(definitionValuesOf(stored, pipelines));
    expect(changes).toEqual({
      ...rest,
      // Rows first, then the conditions the form kept untouched.
      conditions: [...stored.conditions.slice(0, 4), stored.conditions[4]],
    });
  });

  it('makes a new deal definition with trimmed names and the chosen stages', () => {
    const v: DefinitionValues = {
      ...blankDefinition('p-factory'),
      name: '  大额报价审批 ',
      stageIds: ['f-quote'],
      conditions: [{ field: 'amount', op: 'gt', value: 500_000 }],
      steps: [{ name: ' 直属上级 ', type: 'manager', level: 1, mode: 'any' }],
    };
    expect(newDefinitionOf(v)).toEqual({
      name: '大额报价审批',
      object: 'opportunity',
      trigger: { type: 'stage_enter', stageIds: ['f-quote'] },
      conditions: [{ field: 'amount', op: 'gt', value: 50_000_000 }],
      steps: [{ name: '直属上级', approvers: { type: 'manager', level: 1 }, mode: 'any' }],
      cc: [],
      noApprover: 'admin',
      resubmitFrom: 'start',
      allowSelf: false,
      active: true,
    });
  });

  it('asks no mode of a chain of managers (one approver per level)', () => {
    const v = {
      ...blankDefinition(),
      steps: [{ name: '逐级', type: 'manager_chain' as const, level: 2, mode: 'all' as const }],
    };
    expect(newDefinitionOf(v).steps[0]).toEqual({
      name: '逐级',
      approvers: { type: 'manager_chain', levels: 2 },
      mode: 'any',
    });
  });

  it('puts the server’s field errors on the form rows they are about', () => {
    expect(formFieldOf('body.trigger.stageIds.0')).toEqual(['stageIds']);
    expect(formFieldOf('body.steps.1.approvers.userIds.0')).toEqual(['steps', 1, 'userIds']);
    expect(formFieldOf('body.steps.0.approvers.roleKey')).toEqual(['steps', 0, 'roleKey']);
    expect(formFieldOf('body.name')).toBeNull();
  });
});
