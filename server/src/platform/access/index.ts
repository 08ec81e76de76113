export {
  type Actor,
  can,
  effectiveRights,
  grantsWithin,
  orgActor,
  type RoleGrants,
  scopeOf,
} from './actor.js';
export { type Action, actions, type Grant, type Permissions, type Scope, scopes } from './model.js';
export { allObjects, type ObjectDef, objectDef, registerObject } from './objects.js';
export { type RouteAccess, routeAccessGuard } from './route-guard.js';
export {
  assertRecordAccess,
  canOnRecord,
  mask,
  maskFields,
  orgChartScope,
  ownerScopeFilter,
  poolsOf,
  recordsInReach,
  scopeFilter,
} from './scope.js';
