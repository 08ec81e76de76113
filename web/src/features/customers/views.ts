import type { Me } from '../../app/api-types';
import type { CustomerFilters } from './customers.api';

// 视图: system views of the customer list. Only views that differ for the user's data scope are offered:
// with scope 本人 every view is "mine"; 我部门的 (my department and below) differs from 全部 only for 全公司.
export type View = 'all' | 'mine' | 'department';

export function viewsFor(me: Me): View[] {
  const scope = me.isAdmin ? 'all' : me.permissions.customer?.scope;
  if (scope === 'all') return ['all', 'mine', 'department'];
  if (scope === 'department' || scope === 'department_tree') return ['all', 'mine'];
  return [];
}

export function viewFilter(view: View, me: Me): Pick<CustomerFilters, 'ownerId' | 'departmentId'> {
  if (view === 'mine') return { ownerId: me.id };
  if (view === 'department') return { departmentId: me.departmentId };
  return {};
}
