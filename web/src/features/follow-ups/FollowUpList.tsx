import { Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/time';
import { LoadError, PageSpinner, Time } from '../../components';
import { CheckInText } from './CheckInText';
import { type FollowUp, type FollowUpObject, useFollowUps } from './follow-ups.api';

/** 时长 · 需求 · 下一步 · 参与人 · 签到, each on its own short line when given. */
function FollowUpFacts({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const lines = [
    f.needs && t('leads.followUps.listNeeds', { text: f.needs }),
    f.nextStep && t('leads.followUps.listNextStep', { text: f.nextStep }),
    f.contacts.length > 0 &&
      t('leads.followUps.listContacts', { names: f.contacts.map((c) => c.name).join('、') }),
  ].filter((l): l is string => !!l);
  return (
    <>
      {lines.map((l) => (
        <Typography.Text key={l} type="secondary" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {l}
        </Typography.Text>
      ))}
      {f.checkIn && <CheckInText checkIn={f.checkIn} />}
    </>
  );
}

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
        {f.durationMinutes != null && (
          <Typography.Text type="secondary" data-testid="follow-up-duration-value">
            {t('leads.followUps.listDuration', { n: f.durationMinutes })}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {f.content}
      </Typography.Text>
      <FollowUpFacts f={f} />
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
