import { useTranslation } from 'react-i18next';
import { currentLanguage, translateDynamic } from '../../../app/i18n';
import { useRoles } from './roles.api';

/**
 * A role's display name. Custom roles, and every role in Chinese, show the name stored on the server
 * (an admin may rename a built-in role); in English built-in roles show their translated name.
 * Without permission to read roles, built-in roles are still named and custom roles show their key.
 */
export function useRoleLabel(): (key: string) => string {
  useTranslation();
  const roles = useRoles();
  return (key) => {
    const role = roles.data?.find((r) => r.key === key);
    if (role && (!role.builtin || currentLanguage() === 'zh-CN')) return role.name;
    return translateDynamic(`roles.builtinNames.${key}`, role?.name ?? key);
  };
}
