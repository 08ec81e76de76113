import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/api-types';
import { LoadError, LoadMore, PageHeader, Time } from '../../components';
import { AuditDiff } from './AuditDiff';
import { AuditFilters } from './AuditFilters';
import { type AuditFilters as Filters, useAuditLog } from './audit.api';
import { actionLabel, objectLabel } from './labels';

/** 系统日志: who changed what and when; each row opens to show before → after. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: (ms: number) => <Time ms={ms} /> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (n: string | null) => n ?? t('common.system'),
    },
    { title: t('audit.object'), dataIndex: 'object', render: (o: string) => objectLabel(o) },
    { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
    {
      title: t('audit.record'),
      dataIndex: 'recordId',
      render: (id: string) => (
        <Typography.Text code copyable={{ text: id }}>
          {id.slice(-8)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <AuditFilters value={filters} onChange={setFilters} />
        {log.isError ? (
          <LoadError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              columns={columns}
              dataSource={entries}
              loading={log.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} /> }}
              data-testid="audit-table"
            />
            {!log.isPending && (
              <LoadMore
                loaded={entries.length}
                hasMore={!!log.hasNextPage}
                loading={log.isFetchingNextPage}
                onLoadMore={() => void log.fetchNextPage()}
              />
            )}
          </>
        )}
      </Card>
    </>
  );
}
