import { lazyPage } from '../../components';

// 系统日志: the org's audit log.
export const AuditLogPage = lazyPage(() => import('./AuditLogPage'), 'AuditLogPage');
