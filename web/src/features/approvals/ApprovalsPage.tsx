import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/time';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { ApprovalCard } from './ApprovalCard';
import { type Box, boxes, boxLimit, useDelegations, useInbox } from './approvals.api';
import { DelegationDrawer } from './DelegationDrawer';

function BoxList({ box }: { box: Box }) {
  const { t } = useTranslation();
  const list = useInbox(box);
  if (list.isPending) return <PageSpinner />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`approvals.empty.${box}`)} />;
  return (
    <Flex vertical gap={12} data-testid="approval-list" data-box={box}>
      {list.data.map((a) => (
        <ApprovalCard key={a.id} approval={a} box={box} />
      ))}
      {list.data.length >= boxLimit && (
        <Typography.Text type="secondary">{t('approvals.capped', { count: boxLimit })}</Typography.Text>
      )}
    </Flex>
  );
}

/** 审批: 待我审批 (with how many wait), 我发起的, 我已处理 — each a list of cards, newest first — and 委托审批. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const box = (boxes as string[]).includes(params.get('box') ?? '') ? (params.get('box') as Box) : 'todo';
  const todo = useInbox('todo');
  const waiting = todo.data?.length ?? 0;
  const [delegating, setDelegating] = useState(false);
  const delegations = useDelegations();
  const toMe = (delegations.data?.toMe ?? []).filter((d) => d.active);
  const mineNow = (delegations.data?.mine ?? []).filter((d) => d.active);
  return (
    <>
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        extra={
          <Button
            icon={<UserSwitchOutlined />}
            onClick={() => setDelegating(true)}
            data-testid="open-delegations"
          >
            {t('approvals.delegation.button')}
          </Button>
        }
      />
      {/* Deciding for colleagues away: said once above the boxes. */}
      {toMe.map((d) => (
        <Alert
          key={d.id}
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('approvals.delegation.forThem', { name: d.user.name, until: formatDateTime(d.endsAt) })}
          data-testid="delegated-to-me"
        />
      ))}
      {/* Away right now: a reminder of who decides meanwhile. */}
      {mineNow.map((d) => (
        <Alert
          key={d.id}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('approvals.delegation.away', { name: d.delegate.name, until: formatDateTime(d.endsAt) })}
          data-testid="delegated-by-me"
        />
      ))}
      <Card>
        <Tabs
          activeKey={box}
          onChange={(k) => setParams(k === 'todo' ? {} : { box: k }, { replace: true })}
          items={boxes.map((b) => ({
            key: b,
            label:
              b === 'todo' ? (
                <Flex gap={6} align="center">
                  {t('approvals.boxes.todo')}
                  <Badge count={waiting} overflowCount={99} size="small" data-testid="todo-count" />
                </Flex>
              ) : (
                t(`approvals.boxes.${b}`)
              ),
            children: <BoxList box={b} />,
          }))}
          destroyOnHidden
          // Four boxes on a phone: closer together, so the English labels fit without a … menu.
          tabBarGutter={phone ? 12 : undefined}
          data-testid="approval-tabs"
        />
      </Card>
      <DelegationDrawer open={delegating} onClose={() => setDelegating(false)} />
    </>
  );
}
