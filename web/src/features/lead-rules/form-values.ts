import { valueKindOf } from './conditions';
import type {
  AssignMethod,
  AssignmentRule,
  Condition,
  ConditionOp,
  NewAssignmentRule,
  NewScoreRule,
  OnExpiry,
  SampleLead,
  ScoreRule,
  TargetType,
} from './lead-rules.api';

// Between what the rule APIs speak and what the rule forms edit. A condition's values are one list on
// the wire; the form edits them as words (or choices) or as one number, whichever the operator takes.

export type ConditionRow = { field: string; op: ConditionOp; words: string[]; number: number | null };

export function conditionRowOf(c: Condition): ConditionRow {
  const kind = valueKindOf(c.op);
  return {
    field: c.field,
    op: c.op,
    words: kind === 'list' ? c.values.map(String) : [],
    number: kind === 'number' && typeof c.values[0] === 'number' ? c.values[0] : null,
  };
}

/** The values the operator takes: none, the words (trimmed, each once), or the one number. */
export function conditionOf(row: ConditionRow): Condition {
  const kind = valueKindOf(row.op);
  const values =
    kind === 'none'
      ? []
      : kind === 'number'
        ? row.number === null || row.number === undefined
          ? []
          : [row.number]
        : [...new Set(row.words.map((w) => w.trim()).filter(Boolean))];
  return { field: row.field, op: row.op, values };
}

/** Where a condition's values are edited in the form, by operator. */
const valuesInput = (op: ConditionOp | undefined) =>
  op && valueKindOf(op) === 'number' ? 'number' : 'words';

// —— 评分规则 ——

export type ScoreRuleValues = ConditionRow & { label: string; points: number; active: boolean };

export const blankScoreRule: ScoreRuleValues = {
  label: '',
  field: 'inquiry',
  op: 'contains_any',
  words: [],
  number: null,
  points: 10,
  active: true,
};

/** What the score rule form edits of a rule. */
export type ScoreRuleFields = Pick<ScoreRule, 'label' | 'field' | 'op' | 'values' | 'points' | 'active'>;

export const scoreRuleValuesOf = (r: ScoreRuleFields): ScoreRuleValues => ({
  ...conditionRowOf(r),
  label: r.label,
  points: r.points,
  active: r.active,
});

/** The body of a create (and, whole, of an edit; the position is changed by moving, not here). */
export function scoreRuleBodyOf(v: ScoreRuleValues): Omit<NewScoreRule, 'position'> {
  return { label: v.label.trim(), ...conditionOf(v), points: v.points, active: v.active };
}

// —— 分配规则 ——

/** A user the rule may give leads to, with their capacity weight (used by 按权重分配). */
export type UserRow = { id?: string; weight: number | null };

export type AssignmentRuleValues = {
  name: string;
  conditions: ConditionRow[];
  targetType: TargetType;
  users: UserRow[];
  departmentId?: string;
  poolId?: string;
  method: AssignMethod;
  dailyCap: number | null;
  onExpiry: OnExpiry;
  active: boolean;
};

export const blankAssignmentRule: AssignmentRuleValues = {
  name: '',
  conditions: [],
  targetType: 'users',
  users: [{ weight: 1 }],
  method: 'round_robin',
  dailyCap: null,
  onExpiry: 'none',
  active: true,
};

/** What the assignment rule form edits of a rule (other settings stay as they are on an edit). */
export type AssignmentRuleFields = Pick<
  AssignmentRule,
  | 'name'
  | 'conditions'
  | 'targetType'
  | 'targetIds'
  | 'method'
  | 'weights'
  | 'dailyCap'
  | 'onExpiry'
  | 'active'
>;

export function assignmentRuleValuesOf(r: AssignmentRuleFields): AssignmentRuleValues {
  const one = r.targetIds[0];
  return {
    name: r.name,
    conditions: r.conditions.map(conditionRowOf),
    targetType: r.targetType,
    users: r.targetType === 'users' ? r.targetIds.map((id) => ({ id, weight: r.weights[id] ?? 1 })) : [],
    departmentId: r.targetType === 'department' ? one : undefined,
    poolId: r.targetType === 'pool' ? one : undefined,
    method: r.method,
    dailyCap: r.dailyCap,
    onExpiry: r.onExpiry,
    active: r.active,
  };
}

/**
 * The body of a create (and, whole, of an edit): the targets of the chosen kind only; weights only for
 * 按权重分配 (1 when left empty); a pool takes no method or cap of its own.
 */
export function assignmentRuleBodyOf(v: AssignmentRuleValues): Omit<NewAssignmentRule, 'position'> {
  const users = v.users.filter((u): u is UserRow & { id: string } => !!u.id);
  const targetIds =
    v.targetType === 'users'
      ? [...new Set(users.map((u) => u.id))]
      : [v.targetType === 'department' ? v.departmentId : v.poolId].filter((x): x is string => !!x);
  const weighted = v.targetType === 'users' && v.method === 'weighted';
  return {
    name: v.name.trim(),
    conditions: v.conditions.map(conditionOf),
    targetType: v.targetType,
    targetIds,
    method: v.targetType === 'pool' ? 'round_robin' : v.method,
    weights: weighted ? Object.fromEntries(users.map((u) => [u.id, u.weight ?? 1])) : {},
    dailyCap: v.targetType === 'pool' ? null : v.dailyCap,
    // Only a rule that gives the lead to someone starts a deadline.
    onExpiry: v.targetType === 'pool' ? 'none' : v.onExpiry,
    active: v.active,
  };
}

// —— Problems on their fields ——

type FormName = (string | number)[];

/**
 * The form field a 422 field error of a score rule belongs to (`body.values` → the words or the
 * number, whichever the operator takes), or null when it names none.
 */
export function scoreRuleFieldOf(path: string, v: Partial<ScoreRuleValues>): FormName | null {
  const [where, field] = path.split('.');
  if (where !== 'body' || !field) return null;
  if (field === 'values') return [valuesInput(v.op)];
  return ['label', 'field', 'op', 'points', 'active'].includes(field) ? [field] : null;
}

/**
 * The form field a 422 field error of an assignment rule belongs to: a condition's field or values,
 * the user row whose id or weight was refused, the department or pool — or null when it names none.
 */
export function assignmentRuleFieldOf(path: string, v: Partial<AssignmentRuleValues>): FormName | null {
  const [where, field, at, part] = path.split('.');
  if (where !== 'body' || !field) return null;
  if (field === 'conditions' && at !== undefined) {
    const i = Number(at);
    if (part === 'values') return ['conditions', i, valuesInput(v.conditions?.[i]?.op)];
    return ['conditions', i, part === 'op' ? 'op' : 'field'];
  }
  const users = v.users ?? [];
  if (field === 'targetIds') {
    if (v.targetType === 'department') return ['departmentId'];
    if (v.targetType === 'pool') return ['poolId'];
    // Indexes count the ids sent: each chosen user once.
    const sent = [...new Set(users.map((u) => u.id).filter(Boolean))];
    const row = at === undefined ? -1 : users.findIndex((u) => u.id === sent[Number(at)]);
    return row >= 0 ? ['users', row, 'id'] : ['users'];
  }
  if (field === 'weights') {
    const row = users.findIndex((u) => u.id === at);
    return row >= 0 ? ['users', row, 'weight'] : ['users'];
  }
  return ['name', 'targetType', 'method', 'dailyCap', 'onExpiry', 'active'].includes(field) ? [field] : null;
}

// —— 试一试 ——

export type SampleValues = Partial<Record<Exclude<keyof SampleLead, 'custom' | 'channel'>, string>> & {
  channel?: SampleLead['channel'];
};

/** The sample lead to send: what was filled in, trimmed. */
export function sampleBodyOf(v: SampleValues): SampleLead {
  const body: SampleLead = {};
  for (const [k, value] of Object.entries(v) as [keyof SampleValues, string | undefined][]) {
    const text = value?.trim();
    if (text) (body as Record<string, string>)[k] = text;
  }
  return body;
}
