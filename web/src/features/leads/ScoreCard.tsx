import { Card, Divider, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeadDetail } from '../../app/api-types';
import { ScoreTag } from './badges';
import { factorWords } from './learned';
import { scoreSum, signed } from './score';

/** 学习评分: 成交可能 N% and the field values that pushed it up (↑) or down (↓) the most. */
function LearnedScore({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  const words = factorWords(t, lead.learnedFactors);
  return (
    <>
      <Divider style={{ margin: '4px 0' }} />
      <Flex vertical gap={6} data-testid="learned-score">
        <Flex justify="space-between" gap={12} wrap>
          <Typography.Text strong>{t('leads.learned.title')}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('leads.learned.label', { percent: lead.learnedScore })}
          </Tag>
        </Flex>
        {words.length > 0 && (
          <Flex gap={6} wrap>
            {words.map((w) => (
              <Tag
                key={w.text}
                color={w.up ? 'green' : 'default'}
                style={{ marginInlineEnd: 0, whiteSpace: 'normal', wordBreak: 'break-word' }}
                data-testid="learned-factor"
              >
                {w.text} {w.up ? '↑' : '↓'}
              </Tag>
            ))}
          </Flex>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('leads.learned.help')}
        </Typography.Text>
      </Flex>
    </>
  );
}

/** 线索评分: each rule that held with its points, the total, and a note when the 0–100 bounds cut it. */
export function ScoreCard({ lead }: { lead: LeadDetail }) {
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
        {lead.learnedScore !== null && <LearnedScore lead={lead} />}
      </Flex>
    </Card>
  );
}
