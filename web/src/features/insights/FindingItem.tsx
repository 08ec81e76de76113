import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Finding } from './insights.api';

/** One finding: how much it matters, what it is, the numbers in a sentence, and what to do. */
export function FindingItem({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      gap={4}
      data-testid="finding"
      data-key={`${finding.kind}:${finding.subject.id}:${finding.metric}`}
    >
      <Flex gap={6} wrap align="center">
        <Tag color={finding.severity === 'high' ? 'red' : 'orange'}>
          {t(`insights.severity.${finding.severity}`)}
        </Tag>
        <Tag>{t(`insights.kinds.${finding.kind}`)}</Tag>
      </Flex>
      <Typography.Text data-testid="finding-text">{finding.text}</Typography.Text>
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('insights.action', { action: finding.action })}
        </Typography.Text>
        <Link to={finding.link}>
          <Button size="small" type="link" style={{ padding: 0 }}>
            {t('insights.open')}
          </Button>
        </Link>
      </Flex>
    </Flex>
  );
}
