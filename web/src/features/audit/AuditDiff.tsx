import { Flex, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/api-types';
import { useIsPhone } from '../../components';
import { type DiffRow, diffRows, showValue } from './diff';

// Long values (a role's permissions as JSON) wrap instead of stretching the table.
const cell = { display: 'inline-block', maxWidth: 'min(420px, 60vw)', wordBreak: 'break-word' } as const;

/** before → after of one audit entry: the changed fields, and on request the unchanged ones too. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [all, setAll] = useState(false);
  const rows = diffRows(entry.before, entry.after);
  const visible = all ? rows : rows.filter((r) => r.changed);
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;

  const before = (r: DiffRow) => (
    <Typography.Text delete={r.changed && r.before !== undefined} style={cell}>
      {showValue(r.field, r.before)}
    </Typography.Text>
  );
  const after = (r: DiffRow) => (
    <Typography.Text type={r.changed ? 'success' : undefined} style={cell}>
      {showValue(r.field, r.after)}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }}>
      <Flex gap={8} wrap align="center">
        <Switch size="small" checked={all} onChange={setAll} aria-label={t('audit.showUnchanged')} />
        <Typography.Text type="secondary">{t('audit.showUnchanged')}</Typography.Text>
        {entry.requestId && (
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {t('audit.requestId')}: {entry.requestId}
          </Typography.Text>
        )}
      </Flex>
      {phone ? (
        visible.map((r) => (
          <Flex key={r.field} vertical style={{ borderTop: '1px solid #f0f0f0', paddingTop: 6 }}>
            <Typography.Text code>{r.field}</Typography.Text>
            <span>
              {before(r)} → {after(r)}
            </span>
          </Flex>
        ))
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={visible}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              render: (f: string) => <Typography.Text code>{f}</Typography.Text>,
            },
            { title: t('audit.before'), key: 'before', render: (_, r) => before(r) },
            { title: t('audit.after'), key: 'after', render: (_, r) => after(r) },
          ]}
        />
      )}
    </Flex>
  );
}
