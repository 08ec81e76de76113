import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Props = { pending: { id: string; name: string; summary: string } | null | undefined };

/**
 * On a record's page: the change it waits on (e.g. 洽谈 → 报价 under 大额报价审批) and a link to the request.
 * The record keeps its stage meanwhile; the server refuses another move (approval_pending).
 */
export function PendingApprovalAlert({ pending }: Props) {
  const { t } = useTranslation();
  if (!pending) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('approvals.pendingOnRecord', { name: pending.name, summary: pending.summary })}
      action={
        <Link to={`/approvals/${pending.id}`}>
          <Button size="small">{t('approvals.viewRequest')}</Button>
        </Link>
      }
      data-testid="pending-approval"
    />
  );
}
