import { Card, Divider, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { ScoreTag } from './badges';
import { scoreSum, signed } from './score';

/** 线索评分: each rule that held with its points, the total, and a note when the 0–100 bounds cut it. */
export function ScoreCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const { sum, bounded } = scoreSum(lead);
  const row = (label: string, value: string, strong = false) => (
    <Flex justify="space-between" gap={12}>
      <Typography.Text strong={strong} style={{ wordBreak: 'break-word' }}>
        {label}
      </Typography.Text>
      <Typography.Text strong={strong} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Typography.Text>
    </Flex>
  );
  return (
    <Card
      title={t('leads.score.title')}
      extra={<ScoreTag score={lead.score} />}
      data-testid="lead-score-card"
    >
      <Flex vertical gap={6}>
        {lead.scoreExplanation.length === 0 ? (
          <Typography.Text type="secondary">{t('leads.score.none')}</Typography.Text>
        ) : (
          <>
            {lead.scoreExplanation.map((line) => (
              <div key={line.ruleId} data-testid="score-line">
                {row(line.label, signed(line.points))}
              </div>
            ))}
            <Divider style={{ margin: '4px 0' }} />
            {row(t('leads.score.total'), t('leads.score.value', { score: lead.score }), true)}
            {bounded && (
              <Typography.Text type="secondary">{t('leads.score.bounded', { sum })}</Typography.Text>
            )}
          </>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('leads.score.help')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
