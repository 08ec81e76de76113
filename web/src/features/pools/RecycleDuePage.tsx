import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, PageHeader, Time, useIsPhone } from '../../components';
import { LevelTag } from '../customers/labels';
import { type RecycleDue, useRecycleDue } from './pools.api';

const day = 86_400_000;

/** 即将回收: customers the recycle rules will take back soon — follow up or lose them. */
export function RecycleDuePage() {
  const { t } = useTranslation();
  const due = useRecycleDue();
  const phone = useIsPhone();
  const rows = due.data?.data ?? [];
  const left = (ms: number) => {
    const days = Math.ceil((ms - Date.now()) / day);
    return days <= 0 ? (
      <Tag color="red">{t('poolsRep.due.today')}</Tag>
    ) : (
      <Tag color={days <= 3 ? 'orange' : 'gold'}>{t('poolsRep.due.inDays', { count: days })}</Tag>
    );
  };
  const name = (r: RecycleDue) => (
    <Link to={`/customers/${r.customer.id}`} data-testid="due-customer">
      <Typography.Text strong style={{ color: 'inherit' }}>
        {r.customer.name}
      </Typography.Text>
    </Link>
  );
  return (
    <>
      <PageHeader title={t('poolsRep.due.title')} subtitle={t('poolsRep.due.subtitle')} />
      <Card>
        {due.isError ? (
          <LoadError error={due.error} onRetry={() => void due.refetch()} />
        ) : !due.isPending && !rows.length ? (
          <Empty description={t('poolsRep.due.none')} />
        ) : (
          <Table<RecycleDue>
            rowKey={(r) => r.customer.id}
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
                      title: t('customers.fields.name'),
                      render: (_, r) => (
                        <Flex vertical gap={4}>
                          {name(r)}
                          <Flex gap={6} wrap align="center">
                            {left(r.dueAt)}
                            <Typography.Text type="secondary">{r.customer.ownerName}</Typography.Text>
                            <Typography.Text type="secondary">{r.rule.name}</Typography.Text>
                          </Flex>
                        </Flex>
                      ),
                    },
                  ]
                : [
                    { key: 'name', title: t('customers.fields.name'), render: (_, r) => name(r) },
                    {
                      key: 'level',
                      title: t('customers.fields.level'),
                      render: (_, r) => <LevelTag level={r.customer.level} />,
                    },
                    {
                      key: 'owner',
                      title: t('customers.fields.ownerId'),
                      render: (_, r) => r.customer.ownerName,
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
