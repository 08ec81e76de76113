import { Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/api-types';
import { LoadError, LoadMore, PageHeader, useIsPhone } from '../../components';
import { AuditDiff } from './AuditDiff';
import { AuditFilters } from './AuditFilters';
import { type AuditFilters as Filters, useAuditLog } from './audit.api';
import { auditColumns } from './audit-columns';

/** 系统日志: who changed what and when; each row opens to show before → after. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const phone = useIsPhone();
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];

  const columns = auditColumns(t, phone);

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
              scroll={phone ? undefined : { x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} /> }}
              data-testid="audit-table"
            />
            {!log.isPending && <LoadMore loaded={entries.length} query={log} />}
          </>
        )}
      </Card>
    </>
  );
}
