import { Card, Dropdown, Flex, Tag, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/time';
import { useNow } from '../leads/use-now';
import type { Opportunity, Stage } from './opportunities.api';
import { useMoney } from './use-money';
import { followUpOverdue } from './words';

/** 审批中, 停滞 and 跟进逾期 as small tags (nothing when none applies). */
export function DealMarkers({
  deal,
  stalledDays,
  approval = true,
}: {
  deal: Opportunity;
  stalledDays?: number | null;
  /** Off where the page links the approval itself (the deal's page). */
  approval?: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <>
      {approval && deal.awaitingApproval && (
        <Tooltip title={t('opportunities.awaitingApprovalTip')}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="deal-awaiting-approval">
            {t('opportunities.awaitingApproval')}
          </Tag>
        </Tooltip>
      )}
      {deal.stalled && (
        <Tooltip title={stalledDays ? t('opportunities.stalledTip', { days: stalledDays }) : undefined}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="deal-stalled">
            {t('opportunities.stalled')}
          </Tag>
        </Tooltip>
      )}
      {followUpOverdue(deal, now) && (
        <Tooltip title={t('opportunities.overdueTip', { time: formatDateTime(deal.nextFollowUpAt) })}>
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="deal-overdue">
            {t('opportunities.overdue')}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}

type Props = {
  deal: Opportunity;
  stalledDays?: number | null;
  /** Stages offered by 移动到… (on a phone, where dragging is impractical); none hides it. */
  moveTargets?: Stage[];
  onMove?: (target: Stage) => void;
  /** The stage tag (in the list's phone cards, where no column says it). */
  showStage?: boolean;
  style?: CSSProperties;
};

/** A deal on the board or in the phone list: name, customer, amount, owner, close date and markers. */
export function DealCard({ deal, stalledDays, moveTargets, onMove, showStage, style }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Card
      size="small"
      style={style}
      styles={{ body: { padding: 10 } }}
      data-testid="deal-card"
      data-name={deal.name}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={8} align="start">
          <Link
            to={`/opportunities/${deal.id}`}
            style={{ fontWeight: 500, wordBreak: 'break-word', minWidth: 0 }}
            data-testid="deal-link"
          >
            {deal.name}
          </Link>
          {moveTargets && moveTargets.length > 0 && onMove && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: moveTargets.map((s) => ({ key: s.id, label: s.name })),
                onClick: ({ key }) => {
                  const target = moveTargets.find((s) => s.id === key);
                  if (target) onMove(target);
                },
              }}
            >
              <Typography.Link style={{ whiteSpace: 'nowrap', flex: 'none' }} data-testid="deal-move-to">
                {t('opportunities.moveTo')}
              </Typography.Link>
            </Dropdown>
          )}
        </Flex>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {deal.customerName}
        </Typography.Text>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong data-testid="deal-amount">
            {money(deal.amount, deal.currency)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {deal.ownerName ?? t('opportunities.noValue')}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap align="center">
          {showStage && <Tag style={{ marginInlineEnd: 0 }}>{deal.stageName}</Tag>}
          {deal.expectedCloseDate && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('opportunities.fields.expectedCloseDate')} {deal.expectedCloseDate}
            </Typography.Text>
          )}
          <DealMarkers deal={deal} stalledDays={stalledDays} />
        </Flex>
      </Flex>
    </Card>
  );
}
