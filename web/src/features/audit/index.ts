import { lazyPage } from '../../components';

// 系统日志: the org's audit log; and 操作日志, one record's part of it on its detail page.
export const AuditLogPage = lazyPage(() => import('./AuditLogPage'), 'AuditLogPage');
export { type FieldChange, fieldChanges } from './field-changes';
export { RecordTimeline } from './RecordTimeline';
