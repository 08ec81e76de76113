import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../app/api-types';
import { Time, useIsPhone } from '../../components';
import { type CustomFieldDef, CustomValue, fieldLabel } from '../custom-fields';
import { ChannelText, LeadStatusTag } from './labels';

const dash = (v: string | null) => v || '—';

/** The person, linking to the lead, with their company (and title) under the name. */
function NameCell({ l }: { l: Lead }) {
  const org = [l.company, l.title].filter(Boolean).join(' · ');
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      <Link to={`/leads/${l.id}`} data-testid="lead-link">
        <Typography.Text strong style={{ color: 'inherit' }}>
          {l.name}
        </Typography.Text>
      </Link>
      {org && (
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
          {org}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Owner({ l, t }: { l: Lead; t: TFunction }) {
  return l.ownerName ? <span>{l.ownerName}</span> : <Tag>{t('leads.inPool')}</Tag>;
}

function desktopColumns(t: TFunction, custom: CustomFieldDef[], lang: string): ColumnsType<Lead> {
  const f = (k: string) => t(`leads.fields.${k}` as 'leads.fields.name');
  return [
    { title: f('name'), key: 'name', fixed: 'left', render: (_, l) => <NameCell l={l} /> },
    // As the server sends it: masked for a viewer who may not see the number.
    { title: f('phone'), dataIndex: 'phone', render: dash },
    { title: f('source'), dataIndex: 'source', render: dash },
    { title: f('channel'), key: 'channel', render: (_, l) => <ChannelText channel={l.channel} /> },
    { title: f('status'), key: 'status', render: (_, l) => <LeadStatusTag status={l.status} /> },
    { title: f('ownerId'), key: 'owner', render: (_, l) => <Owner l={l} t={t} /> },
    { title: f('updatedAt'), dataIndex: 'updatedAt', render: (ms: number) => <Time ms={ms} relative /> },
    // 自定义字段 the user chose as columns.
    ...custom.map((d) => ({
      title: fieldLabel(d, lang),
      key: `cf.${d.key}`,
      render: (_: unknown, l: Lead) => <CustomValue def={d} value={l.custom[d.key]} />,
    })),
  ];
}

// On a phone the same facts stack in one column: nothing to scroll sideways.
function phoneColumns(t: TFunction): ColumnsType<Lead> {
  return [
    {
      title: t('leads.fields.name'),
      key: 'lead',
      render: (_, l) => (
        <Flex vertical gap={4}>
          <NameCell l={l} />
          <Flex gap={6} wrap align="center">
            <LeadStatusTag status={l.status} />
            {l.source && <Typography.Text type="secondary">{l.source}</Typography.Text>}
            <Typography.Text type="secondary">
              <ChannelText channel={l.channel} />
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <Owner l={l} t={t} />
            {l.phone && <Typography.Text type="secondary">{l.phone}</Typography.Text>}
            <Typography.Text type="secondary">
              {t('leads.fields.updatedAt')} <Time ms={l.updatedAt} relative />
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
  ];
}

type Props = {
  leads: Lead[];
  loading: boolean;
  /** Custom fields shown as extra columns on a desktop. */
  customColumns?: CustomFieldDef[];
  /** What an empty list says (no leads yet, or none matching the filters). */
  empty: ReactNode;
};

/** The lead list: a dense table on a desktop, one stacked column per lead on a phone. */
export function LeadTable({ leads, loading, customColumns = [], empty }: Props) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  return (
    <Table<Lead>
      rowKey="id"
      columns={phone ? phoneColumns(t) : desktopColumns(t, customColumns, i18n.language)}
      dataSource={leads}
      loading={loading}
      pagination={false}
      scroll={phone ? undefined : { x: 'max-content' }}
      size="small"
      locale={{ emptyText: empty }}
      data-testid="lead-table"
    />
  );
}
