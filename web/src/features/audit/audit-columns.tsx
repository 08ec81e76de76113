import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../app/api-types';
import { Time } from '../../components';
import { actionLabel, objectLabel } from './labels';

const actor = (t: TFunction, e: AuditEntry) => e.actorName ?? t('common.system');
const recordId = (id: string) => (
  <Typography.Text code copyable={{ text: id }}>
    {id.slice(-8)}
  </Typography.Text>
);

/** Time · actor · object · action · record; on a phone the same facts stacked in one column. */
export function auditColumns(t: TFunction, phone: boolean): ColumnsType<AuditEntry> {
  if (phone) {
    return [
      {
        title: `${t('audit.at')} · ${t('audit.actor')}`,
        key: 'entry',
        render: (_, e) => (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap>
              <Time ms={e.at} />
              <Typography.Text strong>{actor(t, e)}</Typography.Text>
            </Flex>
            <Flex gap={6} align="center" wrap>
              {objectLabel(e.object)}
              <Tag>{actionLabel(e.action)}</Tag>
              {recordId(e.recordId)}
            </Flex>
          </Flex>
        ),
      },
    ];
  }
  return [
    { title: t('audit.at'), dataIndex: 'at', render: (ms: number) => <Time ms={ms} /> },
    { title: t('audit.actor'), key: 'actor', render: (_, e) => actor(t, e) },
    { title: t('audit.object'), dataIndex: 'object', render: (o: string) => objectLabel(o) },
    { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
    { title: t('audit.record'), dataIndex: 'recordId', render: recordId },
  ];
}
