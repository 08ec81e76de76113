import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalStatus } from './approvals.api';

const colors: Record<ApprovalStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** 审批中 / 已通过 / 被驳回 / 已撤回. */
export function StatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={colors[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="approval-status"
      data-status={status}
    >
      {t(`approvals.status.${status}`)}
    </Tag>
  );
}
