import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { downloadFile, queryOf } from './download';

const exports = {
  customer: { url: '/api/v1/customers/export', file: 'customers', testId: 'export-customers' },
  opportunity: { url: '/api/v1/opportunities/export', file: 'deals', testId: 'export-deals' },
};

type Props = {
  /** Which list (default: customers). */
  object?: keyof typeof exports;
  /** Another download than a list's (e.g. a scorecard's scores). */
  to?: { url: string; file: string; testId: string };
  /** The list's current filters and sort: the export holds exactly what the list shows. */
  filters: Record<string, string | number | undefined | null>;
  /** Column keys in the list's order (the server's default is the list's columns). */
  columns?: string[];
};

/**
 * 导出: a list (customers or deals) as it is filtered and sorted now (or the selected rows), or another
 * download such as a scorecard's scores, as .xlsx or .csv.
 */
export function ExportButton({ object = 'customer', to, filters, columns }: Props) {
  const target = to ?? exports[object];
  const selection = typeof filters.ids === 'string' && filters.ids.length > 0;
  const { t } = useTranslation();
  const showProblem = useShowProblem();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const query = queryOf({ ...filters, format, columns: columns?.join(',') });
      await downloadFile(`${target.url}?${query}`, `${target.file}.${format}`);
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('imports.export.xlsx') },
          { key: 'csv', label: t('imports.export.csv') },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        size={selection ? 'small' : undefined}
        data-testid={selection ? 'bulk-export' : target.testId}
      >
        {t('imports.export.button')}
      </Button>
    </Dropdown>
  );
}
