import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/time';
import { useNow } from '../leads/use-now';
import type { Opportunity } from './opportunities.api';
import { followUpOverdue } from './words';

/** 下次跟进 of a deal: its time, red with 跟进逾期 when past; — when none (or the deal is closed). */
export function NextFollowUpAt({ deal }: { deal: Pick<Opportunity, 'nextFollowUpAt' | 'status'> }) {
  const { t } = useTranslation();
  const now = useNow();
  if (deal.status !== 'open' || deal.nextFollowUpAt === null) return <span>—</span>;
  const late = followUpOverdue(deal, now);
  return (
    <Typography.Text type={late ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(deal.nextFollowUpAt)}
      {late && ` · ${t('opportunities.overdue')}`}
    </Typography.Text>
  );
}
