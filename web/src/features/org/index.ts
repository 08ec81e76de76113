import { lazyPage } from '../../components';

// Org set-up (系统): departments, users, and roles with their permissions.
export { DepartmentSelect } from './departments/DepartmentSelect';
export { useDepartments } from './departments/departments.api';
export { useRoleLabel } from './roles/role-label';
export { useRoleOptions } from './roles/role-options';
export { ColleagueSelect } from './users/ColleagueSelect';
export { UserSearchSelect } from './users/UserSearchSelect';
export const DepartmentsPage = lazyPage(() => import('./departments/DepartmentsPage'), 'DepartmentsPage');
export const UsersPage = lazyPage(() => import('./users/UsersPage'), 'UsersPage');
export const RolesPage = lazyPage(() => import('./roles/RolesPage'), 'RolesPage');
export const RoleEditorPage = lazyPage(() => import('./roles/RoleEditorPage'), 'RoleEditorPage');
