import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../app/api-types';
import { useIsPhone } from '../../components';
import { type CustomFieldDef, CustomValue, fieldLabel, useActiveCustomFields } from '../custom-fields';
import { RoleTag } from './labels';

const dash = (v: string | null) => v || '—';
const breakAll = (v: string | null) => <span style={{ wordBreak: 'break-all' }}>{dash(v)}</span>;

export type RowActions = { onEdit?: (c: Contact) => void; onDelete?: (c: Contact) => void };

/** Edit and delete; icons only in the table (named by tooltip and aria-label), with words on a card. */
function Actions({ c, onEdit, onDelete, compact }: RowActions & { c: Contact; compact?: boolean }) {
  const { t } = useTranslation();
  const button = (label: string, icon: ReactNode, onClick: () => void, testId: string, danger = false) => (
    <Tooltip title={compact ? label : undefined}>
      <Button
        size="small"
        danger={danger}
        icon={icon}
        onClick={onClick}
        aria-label={label}
        data-testid={testId}
      >
        {compact ? null : label}
      </Button>
    </Tooltip>
  );
  return (
    <Flex gap={4}>
      {onEdit && button(t('common.edit'), <EditOutlined />, () => onEdit(c), 'edit-contact')}
      {onDelete && button(t('common.delete'), <DeleteOutlined />, () => onDelete(c), 'delete-contact', true)}
    </Flex>
  );
}

function desktopColumns(
  t: TFunction,
  actions: RowActions,
  custom: CustomFieldDef[],
  lang: string,
): ColumnsType<Contact> {
  const f = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const cols: ColumnsType<Contact> = [
    {
      title: f('name'),
      dataIndex: 'name',
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    { title: f('title'), dataIndex: 'title', render: dash },
    { title: f('role'), dataIndex: 'role', render: (r: string | null) => <RoleTag role={r} /> },
    { title: f('mobile'), dataIndex: 'mobile', render: dash },
    { title: f('phone'), dataIndex: 'phone', render: dash },
    { title: f('email'), dataIndex: 'email', render: breakAll },
    { title: f('wechat'), dataIndex: 'wechat', render: dash },
    ...custom.map((d) => ({
      title: fieldLabel(d, lang),
      key: `cf.${d.key}`,
      render: (_: unknown, c: Contact) => <CustomValue def={d} value={c.custom[d.key]} />,
    })),
  ];
  if (actions.onEdit || actions.onDelete)
    cols.push({
      title: t('contacts.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => <Actions c={c} compact {...actions} />,
    });
  return cols;
}

/** One labelled fact of a card, left out when empty. */
function Fact({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <Typography.Text style={{ wordBreak: 'break-all' }}>
      <Typography.Text type="secondary">{label} </Typography.Text>
      {value}
    </Typography.Text>
  );
}

// On a phone each contact is a card: name and role, then what is filled in, then the actions.
function phoneColumns(
  t: TFunction,
  actions: RowActions,
  custom: CustomFieldDef[],
  lang: string,
): ColumnsType<Contact> {
  const f = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  return [
    {
      title: t('contacts.tab'),
      key: 'contact',
      render: (_, c) => (
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.role && <RoleTag role={c.role} />}
            {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
          </Flex>
          <Fact label={f('mobile')} value={c.mobile} />
          <Fact label={f('phone')} value={c.phone} />
          <Fact label={f('email')} value={c.email} />
          <Fact label={f('wechat')} value={c.wechat} />
          {custom
            .filter((d) => c.custom[d.key] != null)
            .map((d) => (
              <Typography.Text key={d.id}>
                <Typography.Text type="secondary">{fieldLabel(d, lang)} </Typography.Text>
                <CustomValue def={d} value={c.custom[d.key]} />
              </Typography.Text>
            ))}
          {(actions.onEdit || actions.onDelete) && <Actions c={c} {...actions} />}
        </Flex>
      ),
    },
  ];
}

type Props = RowActions & { contacts: Contact[]; loading: boolean };

/** A customer's contacts: a table on a desktop, one card per contact on a phone. */
export function ContactTable({ contacts, loading, ...actions }: Props) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const custom = useActiveCustomFields('contact');
  return (
    <Table<Contact>
      rowKey="id"
      columns={
        phone
          ? phoneColumns(t, actions, custom, i18n.language)
          : desktopColumns(t, actions, custom, i18n.language)
      }
      dataSource={contacts}
      loading={loading}
      pagination={false}
      scroll={phone ? undefined : { x: 'max-content' }}
      size="small"
      showHeader={!phone}
      locale={{ emptyText: t('contacts.empty') }}
      data-testid="contact-table"
    />
  );
}
