// The plain modules, not the feature's index: these functions run in unit tests without a browser.
import type { paths } from '../../app/api-schema';
import { minorOf, yuanOf } from '../opportunities/words';

// 审批流程's form ↔ the API body. The form takes amounts in 元 (the API keeps 分), one pipeline and its
// stages for the trigger, conditions and steps as rows.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type Definition = JsonOf<
  paths['/api/v1/approval-definitions']['get']['responses'][200]
>['data'][number];
export type NewDefinition = BodyOf<paths['/api/v1/approval-definitions']['post']>;
export type DefinitionChanges = BodyOf<paths['/api/v1/approval-definitions/{id}']['patch']>;
type Condition = NewDefinition['conditions'] extends (infer C)[] | undefined ? C : never;
type Step = NewDefinition['steps'][number];
type Cc = NonNullable<NewDefinition['cc']>[number];

/** What a condition row is about: the deal's amount (元) or stage probability (%), the submitter's department or role. */
export type ConditionField = 'amount' | 'probability' | 'department' | 'role';
export const conditionFields: ConditionField[] = ['amount', 'probability', 'department', 'role'];
export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'between';
export const compareOps: CompareOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'between'];

export type ConditionRow = {
  field: ConditionField;
  /** amount / probability */
  op?: CompareOp;
  value?: number | null;
  /** The upper bound of `between`. */
  to?: number | null;
  departmentId?: string;
  roleKey?: string;
};

export type ApproverType = 'manager' | 'manager_chain' | 'role' | 'users';
export const approverTypes: ApproverType[] = ['manager', 'manager_chain', 'role', 'users'];

export type StepRow = {
  name: string;
  type: ApproverType;
  /** manager: which level up (1 = 直属上级); manager_chain: up to which level. */
  level?: number;
  roleKey?: string;
  userIds?: string[];
  mode: 'all' | 'any';
};

export type DefinitionValues = {
  name: string;
  pipelineId?: string;
  stageIds: string[];
  conditions: ConditionRow[];
  /** Conditions the form cannot show (set through the API, e.g. on a custom field): kept as they are. */
  keptConditions: Condition[];
  steps: StepRow[];
  /** 抄送: named people, roles, and the submitter's manager at a level (none: 0). */
  ccUserIds: string[];
  ccRoleKeys: string[];
  ccManagerLevel: number;
  /** 抄送 entries the form cannot show (a chain of managers, set through the API): kept as they are. */
  keptCc: Cc[];
  noApprover: 'auto_pass' | 'admin';
  resubmitFrom: 'start' | 'rejected_step';
  allowSelf: boolean;
  active: boolean;
};

type PipelineStages = { id: string; stages: { id: string }[] };

export const blankStep = (name = ''): StepRow => ({ name, type: 'manager', level: 1, mode: 'any' });

export const blankDefinition = (pipelineId?: string): DefinitionValues => ({
  name: '',
  pipelineId,
  stageIds: [],
  conditions: [],
  keptConditions: [],
  steps: [],
  ccUserIds: [],
  ccRoleKeys: [],
  ccManagerLevel: 0,
  keptCc: [],
  noApprover: 'admin',
  resubmitFrom: 'start',
  allowSelf: false,
  active: true,
});

const compare = new Set<string>(compareOps);
const numeric = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN);

/** A stored condition as a form row, or null when the form has no row for it. */
export function conditionRowOf(c: { field?: string; op: string; value: unknown }): ConditionRow | null {
  if (c.op === 'department' && typeof c.value === 'string')
    return { field: 'department', departmentId: c.value };
  if (c.op === 'role' && typeof c.value === 'string') return { field: 'role', roleKey: c.value };
  if ((c.field !== 'amount' && c.field !== 'probability') || !compare.has(c.op)) return null;
  const values = Array.isArray(c.value) ? c.value.map(numeric) : [numeric(c.value)];
  if (values.some(Number.isNaN) || (c.op === 'between') !== (values.length === 2)) return null;
  const shown = (v: number) => (c.field === 'amount' ? yuanOf(v) : v);
  return {
    field: c.field,
    op: c.op as CompareOp,
    value: shown(values[0]!),
    ...(c.op === 'between' ? { to: shown(values[1]!) } : {}),
  };
}

/** A form row as the API's condition (amounts 元 → 分). */
export function conditionOf(r: ConditionRow): Condition {
  if (r.field === 'department') return { op: 'department', value: r.departmentId ?? '' };
  if (r.field === 'role') return { op: 'role', value: r.roleKey ?? '' };
  const stored = (v: number | null | undefined) => (r.field === 'amount' ? (minorOf(v) ?? 0) : (v ?? 0));
  const op = r.op ?? 'gt';
  return {
    field: r.field,
    op,
    value: op === 'between' ? [stored(r.value), stored(r.to)] : stored(r.value),
  };
}

export function stepRowOf(s: Definition['steps'][number]): StepRow {
  const a = s.approvers as {
    type: ApproverType;
    level?: number;
    levels?: number;
    roleKey?: string;
    userIds?: string[];
  };
  const base = { name: s.name, mode: s.mode };
  switch (a.type) {
    case 'users':
      return { ...base, type: 'users', userIds: a.userIds ?? [] };
    case 'role':
      return { ...base, type: 'role', roleKey: a.roleKey };
    case 'manager_chain':
      return { ...base, type: 'manager_chain', level: a.levels ?? 1 };
    default:
      return { ...base, type: 'manager', level: a.level ?? 1 };
  }
}

export function stepOf(r: StepRow): Step {
  const name = r.name.trim();
  const level = r.level ?? 1;
  switch (r.type) {
    case 'users':
      return { name, approvers: { type: 'users', userIds: r.userIds ?? [] }, mode: r.mode };
    case 'role':
      return { name, approvers: { type: 'role', roleKey: r.roleKey ?? '' }, mode: r.mode };
    case 'manager_chain':
      // One approver per level: the mode does not matter.
      return { name, approvers: { type: 'manager_chain', levels: level }, mode: 'any' };
    case 'manager':
      return { name, approvers: { type: 'manager', level }, mode: r.mode };
  }
}

/** 抄送 as the form shows it, and what it cannot show. */
export function ccValuesOf(cc: Record<string, unknown>[]) {
  const out = {
    ccUserIds: [] as string[],
    ccRoleKeys: [] as string[],
    ccManagerLevel: 0,
    keptCc: [] as Cc[],
  };
  for (const c of cc) {
    if (c.type === 'users' && Array.isArray(c.userIds)) out.ccUserIds.push(...(c.userIds as string[]));
    else if (c.type === 'role' && typeof c.roleKey === 'string') out.ccRoleKeys.push(c.roleKey);
    else if (c.type === 'manager' && typeof c.level === 'number' && !out.ccManagerLevel)
      out.ccManagerLevel = c.level;
    else out.keptCc.push(c as Cc);
  }
  return out;
}

/** The form's 抄送 as the API takes it. */
export function ccOf(
  v: Pick<DefinitionValues, 'ccUserIds' | 'ccRoleKeys' | 'ccManagerLevel' | 'keptCc'>,
): Cc[] {
  return [
    ...(v.ccUserIds.length ? [{ type: 'users' as const, userIds: v.ccUserIds }] : []),
    ...v.ccRoleKeys.map((roleKey) => ({ type: 'role' as const, roleKey })),
    ...(v.ccManagerLevel ? [{ type: 'manager' as const, level: v.ccManagerLevel }] : []),
    ...v.keptCc,
  ];
}

/** A stored definition as form values; the pipeline is the one its first trigger stage belongs to. */
export function definitionValuesOf(d: Definition, pipelines: PipelineStages[]): DefinitionValues {
  const first = d.trigger.stageIds[0];
  const pipeline = pipelines.find((p) => p.stages.some((s) => s.id === first));
  const rows = d.conditions.map((c) => ({ c, row: conditionRowOf(c) }));
  return {
    name: d.name,
    pipelineId: pipeline?.id,
    // Stages deleted since are left out (the form cannot show them).
    stageIds: d.trigger.stageIds.filter((id) => pipeline?.stages.some((s) => s.id === id)),
    conditions: rows.flatMap((x) => (x.row ? [x.row] : [])),
    keptConditions: rows.flatMap((x) => (x.row ? [] : [x.c as Condition])),
    steps: d.steps.map(stepRowOf),
    ...ccValuesOf(d.cc),
    noApprover: d.noApprover,
    resubmitFrom: d.resubmitFrom,
    allowSelf: d.allowSelf,
    active: d.active,
  };
}

/** The form as a new definition (the one object approvals guard so far: deals). */
export function newDefinitionOf(v: DefinitionValues): NewDefinition {
  return {
    name: v.name.trim(),
    object: 'opportunity',
    trigger: { type: 'stage_enter', stageIds: v.stageIds },
    conditions: [...v.conditions.map(conditionOf), ...v.keptConditions],
    steps: v.steps.map(stepOf),
    cc: ccOf(v),
    noApprover: v.noApprover,
    resubmitFrom: v.resubmitFrom,
    allowSelf: v.allowSelf,
    active: v.active,
  };
}

/** The form as a whole update (the object cannot change). */
export function definitionChangesOf(v: DefinitionValues): DefinitionChanges {
  const { object: _object, ...rest } = newDefinitionOf(v);
  return rest;
}

/** The body's path of a field error → the form field it belongs to (`body.trigger.stageIds.0` → stageIds). */
export function formFieldOf(path: string): (string | number)[] | null {
  const parts = path.split('.').slice(1);
  if (parts[0] === 'trigger') return ['stageIds'];
  if (parts[0] === 'cc') return [parts[2] === 'roleKey' ? 'ccRoleKeys' : 'ccUserIds'];
  if (parts[0] === 'steps' && parts[1] !== undefined) {
    const n = Number(parts[1]);
    const a = parts[3];
    if (parts[2] === 'name') return ['steps', n, 'name'];
    if (a === 'userIds') return ['steps', n, 'userIds'];
    if (a === 'roleKey') return ['steps', n, 'roleKey'];
    if (a === 'level' || a === 'levels') return ['steps', n, 'level'];
    return null;
  }
  return null;
}
