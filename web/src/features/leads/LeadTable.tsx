import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../app/api-types';
import { Time, useIsPhone } from '../../components';
import { type CustomFieldDef, CustomValue, fieldLabel } from '../custom-fields';
import { NextFollowUp, ScoreTag, SlaTag } from './badges';
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

/** The enquiry in one or two lines (the lead page has all of it). */
function Inquiry({ text, width }: { text: string | null; width?: number }) {
  if (!text) return <span>—</span>;
  return (
    <Typography.Paragraph
      type="secondary"
      ellipsis={{ rows: 2, tooltip: text }}
      style={{ margin: 0, maxWidth: width, wordBreak: 'break-word' }}
    >
      {text}
    </Typography.Paragraph>
  );
}

/** Which list: the owned leads (with their deadlines), or those waiting in a pool (with what they asked). */
export type LeadTableMode = 'owned' | 'pool';

type Sorting = {
  /** The list's sort (`-score`, `nextFollowUpAt`, …); the 评分 and 下次跟进 headers set it. */
  value: string;
  onChange: (sort: string | undefined) => void;
};

const orderOf = (sort: string | undefined, field: string): SortOrder =>
  sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null;

function desktopColumns(
  t: TFunction,
  mode: LeadTableMode,
  custom: CustomFieldDef[],
  lang: string,
  sorting?: Sorting,
): ColumnsType<Lead> {
  const f = (k: string) => t(`leads.fields.${k}` as 'leads.fields.name');
  const sortable = (field: string) =>
    sorting ? { sorter: true, sortOrder: orderOf(sorting.value, field), showSorterTooltip: false } : {};
  const pool = mode === 'pool';
  return [
    { title: f('name'), key: 'name', fixed: 'left', render: (_, l) => <NameCell l={l} /> },
    {
      title: f('score'),
      key: 'score',
      align: 'center',
      // Highest first on the first click: that is what 评分 sorting is for.
      sortDirections: ['descend', 'ascend'],
      ...sortable('score'),
      render: (_, l) => <ScoreTag score={l.score} />,
    },
    ...(pool
      ? []
      : ([
          { title: f('status'), key: 'status', render: (_, l) => <LeadStatusTag status={l.status} /> },
          { title: f('sla'), key: 'sla', render: (_, l) => <SlaTag lead={l} /> },
          {
            title: f('nextFollowUpAt'),
            key: 'nextFollowUpAt',
            // Soonest first (those never planned last); the other way round says nothing useful.
            sortDirections: ['ascend'],
            ...sortable('nextFollowUpAt'),
            render: (_, l) => <NextFollowUp lead={l} />,
          },
        ] satisfies ColumnsType<Lead>)),
    // As the server sends it: masked for a viewer who may not see the number.
    { title: f('phone'), dataIndex: 'phone', render: dash },
    { title: f('source'), dataIndex: 'source', render: dash },
    { title: f('channel'), key: 'channel', render: (_, l) => <ChannelText channel={l.channel} /> },
    ...(pool
      ? ([
          { title: f('inquiry'), key: 'inquiry', render: (_, l) => <Inquiry text={l.inquiry} width={320} /> },
        ] satisfies ColumnsType<Lead>)
      : ([
          { title: f('ownerId'), key: 'owner', render: (_, l) => <Owner l={l} t={t} /> },
        ] satisfies ColumnsType<Lead>)),
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
function phoneColumns(
  t: TFunction,
  mode: LeadTableMode,
  rowAction?: (l: Lead) => ReactNode,
): ColumnsType<Lead> {
  const label = (k: string) => (
    <Typography.Text type="secondary">{t(`leads.fields.${k}` as 'leads.fields.name')}</Typography.Text>
  );
  return [
    {
      title: t('leads.fields.name'),
      key: 'lead',
      render: (_, l) => (
        <Flex vertical gap={4}>
          <Flex gap={8} justify="space-between" align="flex-start">
            <NameCell l={l} />
            <ScoreTag score={l.score} />
          </Flex>
          <Flex gap={6} wrap align="center">
            {mode === 'owned' && <LeadStatusTag status={l.status} />}
            {mode === 'owned' && <SlaTag lead={l} />}
            {l.source && <Typography.Text type="secondary">{l.source}</Typography.Text>}
            <Typography.Text type="secondary">
              <ChannelText channel={l.channel} />
            </Typography.Text>
          </Flex>
          {mode === 'pool' ? (
            l.inquiry && <Inquiry text={l.inquiry} />
          ) : (
            <Flex gap={8} wrap align="center">
              <Owner l={l} t={t} />
              <span>
                {label('nextFollowUpAt')} <NextFollowUp lead={l} />
              </span>
            </Flex>
          )}
          {(l.phone || rowAction) && (
            <Flex gap={8} justify="space-between" align="center">
              <Typography.Text type="secondary">{l.phone}</Typography.Text>
              {/* The row's action under the facts: the full width stays for the lead itself. */}
              {rowAction?.(l)}
            </Flex>
          )}
        </Flex>
      ),
    },
  ];
}

type Props = {
  leads: Lead[];
  loading: boolean;
  mode?: LeadTableMode;
  /** Custom fields shown as extra columns on a desktop. */
  customColumns?: CustomFieldDef[];
  /** Sorting by the 评分 and 下次跟进 headers (desktop). */
  sorting?: Sorting;
  /** An action at the end of each row (e.g. 领取 in a pool). */
  rowAction?: (l: Lead) => ReactNode;
  /** What an empty list says (no leads yet, or none matching the filters). */
  empty: ReactNode;
  /** Selected rows for the bulk actions (转移, 退回线索池), kept while more pages load. */
  selection?: { ids: string[]; onChange: (ids: string[]) => void };
};

/** The lead list: a dense table on a desktop, one stacked column per lead on a phone. */
export function LeadTable({
  leads,
  loading,
  mode = 'owned',
  customColumns = [],
  sorting,
  rowAction,
  empty,
  selection,
}: Props) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const columns = phone
    ? phoneColumns(t, mode, rowAction)
    : desktopColumns(t, mode, customColumns, i18n.language, sorting);
  if (rowAction && !phone)
    columns.push({
      key: 'action',
      fixed: 'right',
      width: 1,
      render: (_, l) => rowAction(l),
    });
  return (
    <Table<Lead>
      rowKey="id"
      columns={columns}
      rowSelection={
        selection && {
          selectedRowKeys: selection.ids,
          onChange: (keys) => selection.onChange(keys as string[]),
          preserveSelectedRowKeys: true,
        }
      }
      dataSource={leads}
      loading={loading}
      pagination={false}
      scroll={phone ? undefined : { x: 'max-content' }}
      size="small"
      locale={{ emptyText: empty }}
      onChange={(_p, _f, sorter) => {
        if (!sorting || Array.isArray(sorter)) return;
        const key = String(sorter.columnKey ?? '');
        sorting.onChange(sorter.order ? `${sorter.order === 'descend' ? '-' : ''}${key}` : undefined);
      }}
      data-testid="lead-table"
    />
  );
}
