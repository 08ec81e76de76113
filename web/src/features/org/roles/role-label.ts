import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../../app/i18n';
import { useRoles } from './roles.api';

/**
 * A role's display name: built-in roles in the UI language, custom roles as their admin named them.
 * Works without permission to read roles (then custom roles show their key).
 */
export function useRoleLabel(): (key: string) => string {
  useTranslation();
  const roles = useRoles();
  return (key) => {
    const custom = roles.data?.find((r) => r.key === key && !r.builtin);
    if (custom) return custom.name;
    return translateDynamic(`roles.builtinNames.${key}`, roles.data?.find((r) => r.key === key)?.name ?? key);
  };
}
