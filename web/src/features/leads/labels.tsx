import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeadChannel, LeadStatus } from './statuses';

const statusColor: Record<LeadStatus, string> = {
  new: 'blue',
  working: 'gold',
  qualified: 'green',
  converted: 'purple',
  disqualified: 'default',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} style={{ marginInlineEnd: 0 }} data-testid="lead-status">
      {t(`leads.statuses.${status}`)}
    </Tag>
  );
}

export function ChannelText({ channel }: { channel: LeadChannel }) {
  const { t } = useTranslation();
  return <span>{t(`leads.channels.${channel}`)}</span>;
}
