import { Alert, Divider, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { FollowUpForm } from './FollowUpForm';
import { FollowUpList } from './FollowUpList';
import type { FollowUpObject } from './follow-ups.api';

type Props = { object: FollowUpObject; recordId: string; canWrite: boolean };

/** 跟进记录 of a record: 写跟进 for those who may change it, then the log, newest first. */
export function FollowUpsPanel({ object, recordId, canWrite }: Props) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {canWrite ? (
        <FollowUpForm object={object} recordId={recordId} cadenceDays={null} />
      ) : (
        <Alert type="info" showIcon title={t('followUps.readOnlyRecord')} />
      )}
      <Divider style={{ margin: 0 }} />
      <FollowUpList object={object} recordId={recordId} />
    </Flex>
  );
}
