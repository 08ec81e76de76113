import { Empty, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScorePreview } from './lead-rules.api';
import { Points } from './ScoreRuleTable';

/** The sample's score and the rules that gave it, with their points. */
export function ScoreResult({ result }: { result?: ScorePreview }) {
  const { t } = useTranslation();
  if (!result) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadRules.try.empty')} />;
  const sum = result.explanation.reduce((n, l) => n + l.points, 0);
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} align="center">
        <Progress
          type="circle"
          size={72}
          percent={result.score}
          format={(n) => <span data-testid="sample-score">{n}</span>}
        />
        <Flex vertical>
          <Typography.Text type="secondary">{t('leadRules.try.score')}</Typography.Text>
          {sum !== result.score && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('leadRules.try.bounded', { sum })}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
      {result.explanation.length ? (
        <Flex vertical gap={6} data-testid="sample-explanation">
          {result.explanation.map((line) => (
            <Flex key={line.ruleId} gap={8} align="center" justify="space-between">
              <Typography.Text>{line.label}</Typography.Text>
              <Points points={line.points} />
            </Flex>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('leadRules.try.noRuleHolds')}</Typography.Text>
      )}
    </Flex>
  );
}
