import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, PageHeader, Time, useIsPhone } from '../../components';
import { LevelTag } from '../customers/labels';
import { ScoreTag } from '../leads/badges';
import type { PoolObject } from './pools.api';
import { type DueRecord, useRecycleDue } from './recycle-due.api';

const day = 86_400_000;

/** 即将回收: customers (or leads) the recycle rules will take back soon — follow up or lose them. */
export function RecycleDuePage({ object = 'customer' }: { object?: PoolObject }) {
  const { t } = useTranslation();
  const due = useRecycleDue(object);
  const phone = useIsPhone();
  const lead = object === 'lead';
  const rows = due.data ?? [];
  const w = (k: 'subtitle' | 'none') => t(lead ? `poolsRep.due.lead.${k}` : `poolsRep.due.${k}`);
  const left = (ms: number) => {
    const days = Math.ceil((ms - Date.now()) / day);
    return days <= 0 ? (
      <Tag color="red">{t('poolsRep.due.today')}</Tag>
    ) : (
      <Tag color={days <= 3 ? 'orange' : 'gold'}>{t('poolsRep.due.inDays', { count: days })}</Tag>
    );
  };
  const name = (r: DueRecord) => (
    <Link to={r.href} data-testid="due-record">
      <Typography.Text strong style={{ color: 'inherit' }}>
        {r.name}
      </Typography.Text>
    </Link>
  );
  const grade = (r: DueRecord) =>
    lead ? <ScoreTag score={r.score ?? 0} /> : <LevelTag level={r.level ?? null} />;
  return (
    <>
      <PageHeader title={t('poolsRep.due.title')} subtitle={w('subtitle')} />
      <Card>
        {due.isError ? (
          <LoadError error={due.error} onRetry={() => void due.refetch()} />
        ) : !due.isPending && !rows.length ? (
          <Empty description={w('none')} />
        ) : (
          <Table<DueRecord>
            rowKey="id"
            loading={due.isPending}
            dataSource={rows}
            pagination={false}
            size="small"
            data-testid="recycle-due"
            columns={
              phone
                ? [
                    {
                      key: 'all',
                      title: t(lead ? 'leads.fields.name' : 'customers.fields.name'),
                      render: (_, r) => (
                        <Flex vertical gap={4}>
                          {name(r)}
                          <Flex gap={6} wrap align="center">
                            {left(r.dueAt)}
                            <Typography.Text type="secondary">{r.ownerName}</Typography.Text>
                            <Typography.Text type="secondary">{r.rule.name}</Typography.Text>
                          </Flex>
                        </Flex>
                      ),
                    },
                  ]
                : [
                    {
                      key: 'name',
                      title: t(lead ? 'leads.fields.name' : 'customers.fields.name'),
                      render: (_, r) => name(r),
                    },
                    {
                      key: 'grade',
                      title: t(lead ? 'leads.fields.score' : 'customers.fields.level'),
                      render: (_, r) => grade(r),
                    },
                    {
                      key: 'owner',
                      title: t(lead ? 'leads.fields.ownerId' : 'customers.fields.ownerId'),
                      render: (_, r) => r.ownerName,
                    },
                    { key: 'left', title: t('poolsRep.due.left'), render: (_, r) => left(r.dueAt) },
                    { key: 'at', title: t('poolsRep.due.at'), render: (_, r) => <Time ms={r.dueAt} /> },
                    {
                      key: 'rule',
                      title: t('poolsRep.due.rule'),
                      render: (_, r) => `${r.rule.name} → ${r.rule.poolName}`,
                    },
                  ]
            }
          />
        )}
      </Card>
    </>
  );
}
