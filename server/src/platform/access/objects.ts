import type { Action, Scope } from './model.js';

export type ScopeBy =
  | { ownerColumn: string }
  | { departmentColumn: string }
  | { parent: { object: string; column: string } }
  /** Rows kept per node of the org chart: a user's or a department's (业绩目标). */
  | { node: { typeColumn: string; idColumn: string } }
  | 'org';

/**
 * Every object the access layer knows. A module registers its objects here; the registry says how a
 * row maps onto the org chart (by owning user or by department) so one scope filter serves all.
 */
export type ObjectDef = {
  key: string;
  label: { 'zh-CN': string; en: string };
  /** Table and columns used to decide whether a single record is visible (timeline, files, …). */
  table: string;
  /**
   * Rows belong to a user (owner), to a department (org-chart objects), to the whole org, or follow
   * the visibility of a parent record (a contact is visible exactly when its customer is).
   */
  scopeBy: ScopeBy;
  /**
   * Rows can be shared with single users (联合跟进人, `record_shares`): a read share lets them read the
   * record, a write share also update it, whatever their role's data scope.
   */
  shares?: boolean;
  /**
   * Rows without an owner sit in a pool (公海) named by this column; the pool's members may read them
   * (and claim them through the pool's own endpoint).
   */
  poolColumn?: string;
  /** Fields a role may mask for non-owners (e.g. phone, e-mail). */
  maskable?: string[];
  /** Actions that make sense on this object (the role editor shows only these). */
  actions: readonly Action[];
  /** Default grants of the built-in roles (admin always has everything). */
  defaults: Partial<Record<string, { actions: Action[]; scope: Scope }>>;
};

const registry = new Map<string, ObjectDef>();

export function registerObject(def: ObjectDef): void {
  registry.set(def.key, def);
}

export function objectDef(key: string): ObjectDef | undefined {
  return registry.get(key);
}

export function allObjects(): ObjectDef[] {
  return [...registry.values()];
}

const crud: Action[] = ['read', 'create', 'update', 'delete'];

// Platform objects.
registerObject({
  key: 'department',
  label: { 'zh-CN': '部门', en: 'Departments' },
  table: 'departments',
  scopeBy: 'org',
  actions: crud,
  defaults: {
    sales_manager: { actions: ['read'], scope: 'all' },
    sales_rep: { actions: ['read'], scope: 'all' },
    finance: { actions: ['read'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read'], scope: 'all' },
  },
});
registerObject({
  key: 'user',
  label: { 'zh-CN': '用户', en: 'Users' },
  table: 'users',
  scopeBy: { ownerColumn: 'id' },
  maskable: ['mobile', 'email'],
  actions: [...crud, 'export', 'import'],
  defaults: {
    sales_manager: { actions: ['read'], scope: 'department_tree' },
    sales_rep: { actions: ['read'], scope: 'department' },
    finance: { actions: ['read'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read'], scope: 'all' },
  },
});
registerObject({
  key: 'role',
  label: { 'zh-CN': '角色', en: 'Roles' },
  table: 'roles',
  scopeBy: 'org',
  actions: crud,
  defaults: {},
});
registerObject({
  key: 'audit',
  label: { 'zh-CN': '系统日志', en: 'Audit log' },
  table: 'audit_log',
  scopeBy: { ownerColumn: 'actor_id' },
  actions: ['read', 'export'],
  defaults: { sales_manager: { actions: ['read'], scope: 'department_tree' } },
});
registerObject({
  key: 'job',
  label: { 'zh-CN': '后台任务', en: 'Background jobs' },
  table: 'jobs',
  scopeBy: 'org',
  actions: ['read', 'update'],
  defaults: {},
});
