import { z } from 'zod';

// What an approval definition says, as plain data and functions (no I/O): when it applies
// (conditions on the record and its submitter) and how its steps are laid out.

export const conditionOps = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'contains',
  'department',
  'role',
] as const;
export type ConditionOp = (typeof conditionOps)[number];

const scalar = z.union([z.string().trim().min(1).max(100), z.number()]);
export const condition = z
  .strictObject({
    /** A field of the record (e.g. `amount` in 分, `probability`, `custom.<key>`); not used by department/role. */
    field: z
      .string()
      .trim()
      .regex(/^(custom\.)?[a-zA-Z][a-zA-Z0-9_]{0,49}$/)
      .optional(),
    op: z.enum(conditionOps),
    /** One value; two for `between` (inclusive); a list for `in`; a department id or role key. */
    value: z.union([scalar, z.array(scalar).min(1).max(50)]),
  })
  .refine((c) => c.op === 'department' || c.op === 'role' || !!c.field, {
    message: 'field required',
    path: ['field'],
  })
  .refine((c) => (c.op === 'between' ? Array.isArray(c.value) && c.value.length === 2 : true), {
    message: 'between takes two values',
    path: ['value'],
  });
export type Condition = z.infer<typeof condition>;

const level = z.number().int().min(1).max(5);
export const approvers = z.discriminatedUnion('type', [
  /** Named people. */
  z.strictObject({ type: z.literal('users'), userIds: z.array(z.uuid()).min(1).max(20) }),
  /** Everyone active with a role. */
  z.strictObject({ type: z.literal('role'), roleKey: z.string().trim().min(1).max(50) }),
  /** The submitter's Nth manager up (1 = 直属上级), or the highest there is when fewer. */
  z.strictObject({ type: z.literal('manager'), level }),
  /** Each manager up to level N, one after another (逐级审批). */
  z.strictObject({ type: z.literal('manager_chain'), levels: level }),
]);
export type Approvers = z.infer<typeof approvers>;

export const stepDefinition = z.strictObject({
  name: z.string().trim().min(1).max(30),
  approvers,
  /** all: every approver must approve (会签); any: the first decides (或签). */
  mode: z.enum(['all', 'any']).default('any'),
});
export type StepDefinition = z.infer<typeof stepDefinition>;

/** A step as submitted: its approvers resolved to people (none: passed automatically). */
export type ResolvedStep = { name: string; mode: 'all' | 'any'; approverIds: string[] };

/** What conditions are checked against: the record's values and the submitter's place in the org. */
export type ApprovalFacts = {
  values: Record<string, unknown>;
  /** The submitter's department and every department above it. */
  departmentIds: string[];
  roleKeys: string[];
};

const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;

export function conditionHolds(c: Condition, facts: ApprovalFacts): boolean {
  if (c.op === 'department') return facts.departmentIds.includes(String(c.value));
  if (c.op === 'role') return facts.roleKeys.includes(String(c.value));
  const v = facts.values[c.field ?? ''];
  const values = Array.isArray(c.value) ? c.value : [c.value];
  switch (c.op) {
    case 'eq':
      return String(v ?? '') === String(values[0]);
    case 'ne':
      return String(v ?? '') !== String(values[0]);
    case 'gt':
      return num(v) > num(values[0]);
    case 'gte':
      return num(v) >= num(values[0]);
    case 'lt':
      return num(v) < num(values[0]);
    case 'lte':
      return num(v) <= num(values[0]);
    case 'between':
      return num(v) >= num(values[0]) && num(v) <= num(values[1]);
    case 'in':
      return values.map(String).includes(String(v ?? ''));
    case 'contains':
      return Array.isArray(v)
        ? v.map(String).includes(String(values[0]))
        : String(v ?? '').includes(String(values[0]));
  }
}

export const conditionsHold = (cs: Condition[], facts: ApprovalFacts) =>
  cs.every((c) => conditionHolds(c, facts));

/**
 * Lays steps out with their approvers: a manager chain becomes one step per level; the submitter is
 * left out unless the definition allows approving one's own request; a step left without approvers
 * goes to the admins (`admin`) or passes by itself (`auto_pass`, no approvers).
 */
export function layOutSteps(
  steps: StepDefinition[],
  o: {
    submitterId: string;
    allowSelf: boolean;
    noApprover: 'auto_pass' | 'admin';
    managers: string[];
    users: (ids: string[]) => string[];
    role: (key: string) => string[];
    admins: string[];
  },
): ResolvedStep[] {
  const keep = (ids: string[]) => [...new Set(ids)].filter((id) => o.allowSelf || id !== o.submitterId);
  const fill = (ids: string[]) => {
    const kept = keep(ids);
    if (kept.length || o.noApprover === 'auto_pass') return kept;
    return keep(o.admins);
  };
  return steps.flatMap((s): ResolvedStep[] => {
    const a = s.approvers;
    if (a.type === 'manager_chain') {
      const chain = o.managers.slice(0, a.levels);
      if (!chain.length) return [{ name: s.name, mode: s.mode, approverIds: fill([]) }];
      return chain.map((id, i) => ({
        name: chain.length > 1 ? `${s.name} ${i + 1}/${chain.length}` : s.name,
        mode: 'any' as const,
        approverIds: fill([id]),
      }));
    }
    const ids =
      a.type === 'users'
        ? o.users(a.userIds)
        : a.type === 'role'
          ? o.role(a.roleKey)
          : o.managers.length
            ? [o.managers[Math.min(a.level, o.managers.length) - 1]!]
            : [];
    return [{ name: s.name, mode: s.mode, approverIds: fill(ids) }];
  });
}
