import { Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, PageSpinner } from '../../components';
import { FollowUpItem } from './FollowUpItem';
import { type FollowUpObject, useFollowUps } from './follow-ups.api';

/** The follow-ups of a record, newest first. */
export function FollowUpList({ object, recordId }: { object: FollowUpObject; recordId: string }) {
  const { t } = useTranslation();
  const list = useFollowUps(object, recordId);
  if (list.isPending) return <PageSpinner />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followUps.empty')} />;
  return (
    <Flex vertical gap={16} data-testid="follow-up-list">
      {list.data.data.map((f) => (
        <FollowUpItem key={f.id} f={f} object={object} />
      ))}
    </Flex>
  );
}
