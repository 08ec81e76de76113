// The vocabulary of the access layer: objects, actions, data scopes, and a role's grants.

// create_duplicate: create a record although it duplicates an existing one (an import's 仍然新建 policy).
// merge: fold duplicate records into one (and undo it).
// override_gate: move a deal into a stage although its gates are not met (with a reason, audited).
export const actions = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'import',
  'create_duplicate',
  'merge',
  'override_gate',
] as const;
export type Action = (typeof actions)[number];

/** 本人 · 本部门 · 本部门及下级 · 全公司 — ordered from narrowest to widest. */
export const scopes = ['own', 'department', 'department_tree', 'all'] as const;
export type Scope = (typeof scopes)[number];

export type Grant = { actions: Action[]; scope: Scope };
export type Permissions = Record<string, Grant>;

export const widerScope = (a: Scope, b: Scope): Scope => (scopes.indexOf(a) >= scopes.indexOf(b) ? a : b);
