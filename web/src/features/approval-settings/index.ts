import { lazyPage } from '../../components';

// 审批流程 (系统设置): which deal moves need approval and who approves them; the inbox is in ../approvals.
export const ApprovalFlowsPage = lazyPage(() => import('./ApprovalFlowsPage'), 'ApprovalFlowsPage');
