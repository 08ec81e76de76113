import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '../../app/api-types';
import { Time, useIsPhone } from '../../components';
import { type CustomFieldDef, CustomValue, fieldLabel } from '../custom-fields';
import { LevelTag, regionText, StatusTag } from './labels';

const dash = (v: string | null) => v || '—';

function NameCell({ c }: { c: Customer }) {
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      <Link to={`/customers/${c.id}`} data-testid="customer-link">
        <Typography.Text strong style={{ color: 'inherit' }}>
          {c.name}
        </Typography.Text>
      </Link>
      {c.shortName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.shortName}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Owner({ c, t }: { c: Customer; t: TFunction }) {
  return c.ownerName ? <span>{c.ownerName}</span> : <Tag>{t('customers.inPool')}</Tag>;
}

function desktopColumns(t: TFunction, custom: CustomFieldDef[], lang: string): ColumnsType<Customer> {
  const f = (k: string) => t(`customers.fields.${k}` as 'customers.fields.name');
  return [
    { title: f('name'), key: 'name', fixed: 'left', render: (_, c) => <NameCell c={c} /> },
    { title: f('level'), dataIndex: 'level', render: (l: string | null) => <LevelTag level={l} /> },
    { title: f('status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    { title: f('industry'), dataIndex: 'industry', render: dash },
    { title: f('region'), key: 'region', render: (_, c) => regionText(c.region) },
    { title: f('phone'), dataIndex: 'phone', render: dash },
    { title: f('ownerId'), key: 'owner', render: (_, c) => <Owner c={c} t={t} /> },
    {
      title: f('lastFollowUpAt'),
      dataIndex: 'lastFollowUpAt',
      render: (ms: number | null) => (ms ? <Time ms={ms} relative /> : t('customers.notFollowedUp')),
    },
    { title: f('updatedAt'), dataIndex: 'updatedAt', render: (ms: number) => <Time ms={ms} relative /> },
    // 自定义字段 the user chose as columns.
    ...custom.map((d) => ({
      title: fieldLabel(d, lang),
      key: `cf.${d.key}`,
      render: (_: unknown, c: Customer) => <CustomValue def={d} value={c.custom[d.key]} />,
    })),
  ];
}

// On a phone the same facts stack in one column: nothing to scroll sideways.
function phoneColumns(t: TFunction): ColumnsType<Customer> {
  return [
    {
      title: t('customers.fields.name'),
      key: 'customer',
      render: (_, c) => (
        <Flex vertical gap={4}>
          <NameCell c={c} />
          <Flex gap={6} wrap align="center">
            <LevelTag level={c.level} />
            <StatusTag status={c.status} />
            {c.industry && <Typography.Text type="secondary">{c.industry}</Typography.Text>}
          </Flex>
          <Flex gap={8} wrap>
            <Owner c={c} t={t} />
            {c.phone && <Typography.Text type="secondary">{c.phone}</Typography.Text>}
            <Typography.Text type="secondary">
              {t('customers.fields.updatedAt')} <Time ms={c.updatedAt} relative />
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
  ];
}

type Props = {
  customers: Customer[];
  loading: boolean;
  /** An action at the end of each row (e.g. 领取 in a pool). */
  rowAction?: (c: Customer) => ReactNode;
  /** Row checkboxes for bulk actions. */
  selection?: { ids: string[]; onChange: (ids: string[]) => void };
  /** Custom fields shown as extra columns on a desktop. */
  customColumns?: CustomFieldDef[];
};

/** The customer list: a dense table on a desktop, one stacked column per customer on a phone. */
export function CustomerTable({ customers, loading, customColumns = [], rowAction, selection }: Props) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const columns = phone ? phoneColumns(t) : desktopColumns(t, customColumns, i18n.language);
  if (rowAction)
    columns.push({
      key: 'action',
      fixed: phone ? undefined : 'right',
      width: 1,
      render: (_, c) => rowAction(c),
    });
  return (
    <Table<Customer>
      rowKey="id"
      columns={columns}
      rowSelection={
        selection && {
          selectedRowKeys: selection.ids,
          onChange: (keys) => selection.onChange(keys as string[]),
          preserveSelectedRowKeys: true,
        }
      }
      dataSource={customers}
      loading={loading}
      pagination={false}
      scroll={phone ? undefined : { x: 'max-content' }}
      size="small"
      data-testid="customer-table"
    />
  );
}
