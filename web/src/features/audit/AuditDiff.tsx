import { Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/api-types';
import { formatDateTime } from '../../app/time';

type Row = { field: string; before: unknown; after: unknown; changed: boolean };

// Instants are stored as epoch ms in fields named *At.
const show = (field: string, v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number' && field.endsWith('At')) return formatDateTime(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** before → after of one audit entry, changed fields first and highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rows: Row[] = fields.map((field) => ({
    field,
    before: before[field],
    after: after[field],
    changed: JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  }));
  const visible = all ? rows : rows.filter((r) => r.changed);
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  return (
    <div>
      <div style={{ marginBottom: 8 }}>
        <Switch size="small" checked={all} onChange={setAll} />{' '}
        <Typography.Text type="secondary">{t('audit.showUnchanged')}</Typography.Text>
        {entry.requestId && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
            {t('audit.requestId')}: <Typography.Text code>{entry.requestId}</Typography.Text>
          </Typography.Text>
        )}
      </div>
      <Table<Row>
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
          {
            title: t('audit.before'),
            key: 'before',
            render: (_, r) => (
              <Typography.Text delete={r.changed && r.before !== undefined}>
                {show(r.field, r.before)}
              </Typography.Text>
            ),
          },
          {
            title: t('audit.after'),
            key: 'after',
            render: (_, r) => (
              <Typography.Text type={r.changed ? 'success' : undefined}>
                {show(r.field, r.after)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
