import { translateDynamic } from '../../app/i18n';

// Objects and actions the audit log records, as the filters offer them (others still show by key).
export const auditObjects = ['customer', 'contact', 'department', 'user', 'role', 'api_key', 'job'];
export const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'deactivate',
  'reactivate',
  'invite',
  'accept_invitation',
  'revoke',
  'retry',
];

export const objectLabel = (key: string) => translateDynamic(`audit.objects.${key}`, key);
export const actionLabel = (key: string) => translateDynamic(`audit.actions.${key}`, key);
