import type { FieldType } from '../custom-fields/custom-fields.api';
import type { Condition, ConditionOp } from './lead-rules.api';

// A rule's condition — one lead field, an operator and its values — as the editor offers it and as
// people read it (「询盘内容 包含 报价、采购」). The server decides what holds; this only describes it.

/** The lead fields a rule may test, besides `custom.<key>` (and, for assignment, `score`). */
export const leadFields = [
  'source',
  'channel',
  'industry',
  'province',
  'city',
  'title',
  'company',
  'inquiry',
  'phone',
  'email',
  'wechat',
] as const;
export type LeadField = (typeof leadFields)[number];

export const scoreField = 'score';
export const isCustomField = (field: string) => field.startsWith('custom.');
export const customKeyOf = (field: string) => field.slice('custom.'.length);

/** What the values of an operator are: none (已填写), words or choices (等于/包含), one number (≥/≤). */
export type ValueKind = 'none' | 'list' | 'number';
export const valueKindOf = (op: ConditionOp): ValueKind =>
  op === 'present' ? 'none' : op === 'gte' || op === 'lte' ? 'number' : 'list';

const textOps: ConditionOp[] = ['contains_any', 'in', 'present'];
const numberOps: ConditionOp[] = ['gte', 'lte', 'present'];
const choiceOps: ConditionOp[] = ['in', 'present'];

/**
 * The operators that make sense for a field: words for text, bounds for numbers and the score, a list
 * for choices; a custom field's type decides for it. `current` (a stored rule's) is always kept.
 */
export function opsFor(field: string, customType?: FieldType, current?: ConditionOp): ConditionOp[] {
  let ops: ConditionOp[];
  if (field === scoreField) ops = ['gte', 'lte'];
  else if (field === 'channel') ops = ['in'];
  else if (!isCustomField(field)) ops = textOps;
  else if (customType === 'number' || customType === 'money') ops = numberOps;
  else if (customType === 'select' || customType === 'multi_select') ops = choiceOps;
  else if (customType === 'date' || customType === 'user') ops = ['present'];
  else ops = textOps;
  return current && !ops.includes(current) ? [...ops, current] : ops;
}

/** How a language names the parts of a condition. */
export type Vocabulary = {
  field: (field: string) => string;
  /** The operator, for this many values (「等于」 one, 「属于」 several). */
  op: (op: ConditionOp, count: number) => string;
  /** A value as people read it (a channel's or a choice's label, a plain word as it is). */
  value: (field: string, value: string | number) => string;
  /** Between values (「、」 / ", "). */
  separator: string;
  /** Between conditions (「且」 / "and"). */
  and: string;
  /** A rule without conditions: every lead. */
  always: string;
};

/** 「询盘内容 包含 报价、采购」, 「电话 已填写」, 「线索评分 ≥ 60」. */
export function conditionInWords(c: Condition, v: Vocabulary): string {
  const head = `${v.field(c.field)} ${v.op(c.op, c.values.length)}`;
  if (c.op === 'present') return head;
  return `${head} ${c.values.map((x) => v.value(c.field, x)).join(v.separator)}`;
}

/** All of a rule's conditions (they must all hold), or 「所有线索」 when it has none. */
export const conditionsInWords = (conditions: Condition[], v: Vocabulary): string =>
  conditions.length ? conditions.map((c) => conditionInWords(c, v)).join(` ${v.and} `) : v.always;
