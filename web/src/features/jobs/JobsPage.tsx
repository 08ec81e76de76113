import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, JobStatus } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { LoadError, LoadMore, PageHeader, Time, useShowProblem } from '../../components';
import { useJobs, useRetryJob } from './jobs.api';

const statuses: JobStatus[] = ['queued', 'running', 'done', 'dead'];
const statusColor: Record<string, string> = {
  queued: 'blue',
  running: 'processing',
  done: 'green',
  dead: 'red',
};

/** 后台任务: counts per status, the jobs of one status, and retrying a failed one. */
export function JobsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<JobStatus | undefined>();
  const jobs = useJobs(status);
  const retry = useRetryJob();
  const showProblem = useShowProblem();
  const rows = jobs.data?.pages.flatMap((p) => p.data) ?? [];
  const counts = jobs.data?.pages[0]?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  const onRetry = async (job: Job) => {
    try {
      await retry.mutateAsync(job.id);
      void message.success(t('jobs.retried'));
    } catch (e) {
      showProblem(e);
    }
  };

  const columns: ColumnsType<Job> = [
    {
      title: t('jobs.type'),
      dataIndex: 'type',
      render: (type: string) => <Typography.Text code>{type}</Typography.Text>,
    },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={statusColor[s]}>
          {statuses.includes(s as JobStatus) ? t(`jobs.statuses.${s as JobStatus}`) : s}
        </Tag>
      ),
    },
    { title: t('jobs.attempts'), key: 'attempts', render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    { title: t('jobs.runAt'), dataIndex: 'runAt', render: (ms: number) => <Time ms={ms} /> },
    { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', render: (ms: number | null) => <Time ms={ms} /> },
    {
      title: t('jobs.lastError'),
      dataIndex: 'lastError',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 280 }}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(can('job', 'update')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, j: Job) =>
              j.status === 'dead' && (
                <Popconfirm title={t('jobs.retryConfirm')} onConfirm={() => onRetry(j)}>
                  <Button type="link" size="small">
                    {t('jobs.retry')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void jobs.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented<JobStatus | 'all'>
            value={status ?? 'all'}
            onChange={(v) => setStatus(v === 'all' ? undefined : v)}
            options={[
              { value: 'all', label: `${t('common.all')} ${total}` },
              ...statuses.map((s) => ({ value: s, label: `${t(`jobs.statuses.${s}`)} ${counts[s] ?? 0}` })),
            ]}
          />
        </div>
        {jobs.isError ? (
          <LoadError error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <>
            <Table<Job>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={jobs.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="jobs-table"
            />
            {!jobs.isPending && <LoadMore loaded={rows.length} query={jobs} />}
          </>
        )}
      </Card>
    </>
  );
}
