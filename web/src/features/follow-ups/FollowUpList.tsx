import { Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/time';
import { LoadError, PageSpinner, Time } from '../../components';
import { type FollowUp, type FollowUpObject, useFollowUps } from './follow-ups.api';

function FollowUpItem({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid="follow-up-item">
      <Flex gap={8} wrap align="center">
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`leads.followUps.methods.${f.method}`)}
        </Tag>
        <Typography.Text strong>{f.createdByName ?? t('common.system')}</Typography.Text>
        <Typography.Text type="secondary">
          <Time ms={f.createdAt} relative />
        </Typography.Text>
      </Flex>
      <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {f.content}
      </Typography.Text>
      {f.nextAt && (
        <Typography.Text type="secondary">
          {t('leads.followUps.next', { time: formatDateTime(f.nextAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The follow-ups of a record, newest first. */
export function FollowUpList({ object, recordId }: { object: FollowUpObject; recordId: string }) {
  const { t } = useTranslation();
  const list = useFollowUps(object, recordId);
  if (list.isPending) return <PageSpinner />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.followUps.empty')} />;
  return (
    <Flex vertical gap={16} data-testid="follow-up-list">
      {list.data.data.map((f) => (
        <FollowUpItem key={f.id} f={f} />
      ))}
    </Flex>
  );
}
