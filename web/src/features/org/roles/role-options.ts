import { useRoleLabel } from './role-label';
import { useRoles } from './roles.api';

// Without permission to read roles, the built-in ones are still known by key.
const builtinKeys = ['admin', 'sales_manager', 'sales_rep', 'finance', 'after_sales', 'marketing'];

/** Role choices for a select: value is the role key (what the users API takes). */
export function useRoleOptions(): { value: string; label: string }[] {
  const roles = useRoles();
  const label = useRoleLabel();
  const keys = roles.data ? roles.data.map((r) => r.key) : builtinKeys;
  return keys.map((key) => ({ value: key, label: label(key) }));
}
