import {
  type Action,
  actions,
  type Grant,
  type Permissions,
  type Scope,
  scopes,
  widerScope,
} from './model.js';
import { allObjects } from './objects.js';

/** Who is asking: a signed-in user (session or API key) with the rights of their roles. */
export type Actor = {
  userId: string;
  orgId: string;
  departmentId: string;
  name: string;
  roleKeys: string[];
  isAdmin: boolean;
  permissions: Permissions;
  /** "object.field" entries masked for this actor on records they do not own. */
  maskedFields: Set<string>;
  via: 'session' | 'api_key';
  sessionId?: string;
  csrfToken?: string;
};

/**
 * The org acting as itself, with every right company-wide: for what is computed over everyone and then
 * shown to each reader within their scope (lead intake, scorecards' ranks).
 */
export function orgActor(o: { orgId: string; departmentId: string; userId?: string; name: string }): Actor {
  return {
    userId: o.userId ?? '',
    orgId: o.orgId,
    departmentId: o.departmentId,
    name: o.name,
    roleKeys: [],
    isAdmin: true,
    permissions: Object.fromEntries(
      allObjects().map((x) => [x.key, { actions: [...x.actions], scope: 'all' as const }]),
    ),
    maskedFields: new Set(),
    via: 'api_key',
  };
}

export type RoleGrants = { key: string; permissions: Permissions; maskedFields: string[] };

/**
 * Combines a user's roles: actions are the union, the scope is the widest scope among the roles that
 * grant anything on the object, a field is masked only if every role masks it. The admin role has
 * every action on every object with scope "all" and masks nothing.
 * An API key's scopes ("object:action") can only remove rights, never add them.
 */
export function effectiveRights(
  roles: RoleGrants[],
  apiKeyScopes?: string[] | null,
): { isAdmin: boolean; permissions: Permissions; maskedFields: Set<string> } {
  const isAdmin = roles.some((r) => r.key === 'admin');
  const permissions: Permissions = {};
  if (isAdmin) {
    for (const o of allObjects()) permissions[o.key] = { actions: [...o.actions], scope: 'all' };
  } else {
    for (const role of roles) {
      for (const [object, grant] of Object.entries(role.permissions)) {
        if (!grant.actions.length) continue;
        const prev: Grant | undefined = permissions[object];
        permissions[object] = prev
          ? { actions: union(prev.actions, grant.actions), scope: widerScope(prev.scope, grant.scope) }
          : { actions: [...grant.actions], scope: grant.scope };
      }
    }
  }
  if (apiKeyScopes) {
    const allowed = new Set(apiKeyScopes);
    for (const [object, grant] of Object.entries(permissions)) {
      grant.actions = grant.actions.filter(
        (a) => allowed.has(`${object}:${a}`) || allowed.has(`${object}:*`),
      );
      if (!grant.actions.length) delete permissions[object];
    }
  }
  const maskedFields = new Set<string>();
  if (!isAdmin && roles.length) {
    const [first, ...rest] = roles;
    for (const f of first!.maskedFields)
      if (rest.every((r) => r.maskedFields.includes(f))) maskedFields.add(f);
  }
  return { isAdmin: isAdmin && !apiKeyScopes, permissions, maskedFields };
}

function union(a: Action[], b: Action[]): Action[] {
  return actions.filter((x) => a.includes(x) || b.includes(x));
}

export function can(actor: Actor, object: string, action: Action): boolean {
  return actor.permissions[object]?.actions.includes(action) ?? false;
}

/**
 * Whether a set of grants lies within the actor's own rights (same or fewer actions, same or narrower
 * scope, per object). Nobody hands out more than they hold; administrators hold everything.
 */
export function grantsWithin(actor: Actor, permissions: Permissions): boolean {
  if (actor.isAdmin) return true;
  return Object.entries(permissions).every(([object, grant]) => {
    if (!grant.actions.length) return true;
    const own = actor.permissions[object];
    return (
      !!own &&
      grant.actions.every((a) => own.actions.includes(a)) &&
      scopes.indexOf(grant.scope) <= scopes.indexOf(own.scope)
    );
  });
}

export function scopeOf(actor: Actor, object: string): Scope | null {
  return actor.permissions[object]?.scope ?? null;
}
