import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Time } from '../../components';
import { DealMarkers } from './DealCard';
import { NextFollowUpAt } from './NextFollowUpAt';
import type { OpportunityDetail, Stage } from './opportunities.api';
import { useMoney } from './use-money';

/** The deal's key fields: amount, close date, owner, customer, contacts, products, … */
export function DealProfile({ deal: d, stage }: { deal: OpportunityDetail; stage?: Stage }) {
  const { t } = useTranslation();
  const money = useMoney();
  const f = (k: string) => t(`opportunities.fields.${k}` as 'opportunities.fields.name');
  const text = (v: string | null) =>
    v ? <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span> : '—';
  return (
    <Descriptions column={1} size="small" styles={{ label: { width: 112 } }} data-testid="deal-profile">
      <Descriptions.Item label={f('amount')}>
        <Typography.Text strong data-testid="deal-profile-amount">
          {money(d.amount, d.currency)}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={f('stage')}>
        <Flex gap={6} wrap align="center">
          <span>
            {d.stageName} · {d.probability}%
          </span>
          <DealMarkers deal={d} stalledDays={stage?.stalledDays} approval={false} />
          {d.pendingApproval && (
            <Link to={`/approvals/${d.pendingApproval.id}`} data-testid="deal-pending-approval">
              <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                {t('opportunities.approval.pending', { summary: d.pendingApproval.summary })}
              </Tag>
            </Link>
          )}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={f('expectedCloseDate')}>{d.expectedCloseDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={f('customer')}>
        <Link to={`/customers/${d.customerId}`} data-testid="deal-customer-link">
          {d.customerName}
        </Link>
      </Descriptions.Item>
      <Descriptions.Item label={f('owner')}>{d.ownerName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={f('contacts')}>
        {d.contacts.length
          ? d.contacts.map((c) => (c.title ? `${c.name}（${c.title}）` : c.name)).join('、')
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={f('products')}>{text(d.products)}</Descriptions.Item>
      <Descriptions.Item label={f('competitors')}>{text(d.competitors)}</Descriptions.Item>
      <Descriptions.Item label={f('source')}>{text(d.source)}</Descriptions.Item>
      {d.status === 'lost' && (
        <Descriptions.Item label={f('lostReason')}>{text(d.lostReason)}</Descriptions.Item>
      )}
      <Descriptions.Item label={f('stageEnteredAt')}>
        <Time ms={d.stageEnteredAt} />
      </Descriptions.Item>
      <Descriptions.Item label={f('nextFollowUpAt')}>
        <NextFollowUpAt deal={d} />
      </Descriptions.Item>
      <Descriptions.Item label={f('lastFollowUpAt')}>
        {d.lastFollowUpAt ? <Time ms={d.lastFollowUpAt} relative /> : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
