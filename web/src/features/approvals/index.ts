import { lazyPage } from '../../components';

// 审批: the inbox (待我审批 / 我发起的 / 我已处理) and one request with its steps, history and decisions.
// The flows themselves are set up in ../approval-settings.
export const ApprovalsPage = lazyPage(() => import('./ApprovalsPage'), 'ApprovalsPage');
export const ApprovalPage = lazyPage(() => import('./ApprovalPage'), 'ApprovalPage');
export { useInbox } from './approvals.api';
