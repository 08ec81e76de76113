import { MessageOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/time';
import { Time } from '../../components';
import { CheckInText } from './CheckInText';
import { FollowUpComments } from './FollowUpComments';
import { FollowUpFiles } from './FollowUpFiles';
import type { FollowUp, FollowUpObject } from './follow-ups.api';

const recordPaths: Record<FollowUpObject, string> = {
  lead: '/leads',
  customer: '/customers',
  opportunity: '/opportunities',
};

/** 时长 · 需求 · 下一步 · 参与人 · 签到, each on its own short line when given. */
function FollowUpFacts({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const lines = [
    f.needs && t('followUps.listNeeds', { text: f.needs }),
    f.nextStep && t('followUps.listNextStep', { text: f.nextStep }),
    f.contacts.length > 0 && t('followUps.listContacts', { names: f.contacts.map((c) => c.name).join('、') }),
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

/**
 * One follow-up: how, who, when, what was said and agreed, and its 点评 (opened on demand). In the team
 * feed it also names its record, linked.
 */
export function FollowUpItem({
  f,
  object,
  record,
}: {
  f: FollowUp;
  object: FollowUpObject;
  record?: { name: string };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={4} data-testid="follow-up-item">
      <Flex gap={8} wrap align="center">
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`followUps.methods.${f.method}`)}
        </Tag>
        <Typography.Text strong>{f.createdByName ?? t('common.system')}</Typography.Text>
        {record && (
          <Link to={`${recordPaths[object]}/${f.recordId}`} data-testid="follow-up-record">
            {t(`followUpFeed.objectOne.${object}`)} · {record.name}
          </Link>
        )}
        <Typography.Text type="secondary">
          <Time ms={f.createdAt} relative />
        </Typography.Text>
        {f.durationMinutes != null && (
          <Typography.Text type="secondary" data-testid="follow-up-duration-value">
            {t('followUps.listDuration', { n: f.durationMinutes })}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {f.content}
      </Typography.Text>
      <FollowUpFacts f={f} />
      <FollowUpFiles files={f.attachments} />
      {f.nextAt && (
        <Typography.Text type="secondary">
          {t('followUps.next', { time: formatDateTime(f.nextAt) })}
        </Typography.Text>
      )}
      <div>
        <Button
          type="link"
          size="small"
          icon={<MessageOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => setOpen(!open)}
          data-testid="comments-toggle"
        >
          {f.commentCount
            ? t('followUpFeed.commentCount', { count: f.commentCount })
            : t('followUpFeed.comments')}
        </Button>
      </div>
      {open && <FollowUpComments followUpId={f.id} object={object} />}
    </Flex>
  );
}
