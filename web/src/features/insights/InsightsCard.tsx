import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FindingItem } from './FindingItem';
import { useInsights } from './insights.api';

const SHOWN = 3;

/** 洞察 on 业绩: the most important findings, with the way to the rest. */
export function InsightsCard() {
  const { t, i18n } = useTranslation();
  const insights = useInsights(i18n.language);
  return (
    <Card
      size="small"
      title={t('insights.card.title')}
      extra={
        insights.data && insights.data.length > SHOWN ? (
          <Link to="/performance/insights">{t('insights.card.more', { count: insights.data.length })}</Link>
        ) : null
      }
      style={{ height: '100%' }}
      data-testid="insights-card"
    >
      {insights.isPending ? (
        <Skeleton active />
      ) : insights.isError ? (
        <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>
      ) : insights.data.length ? (
        <List
          size="small"
          dataSource={insights.data.slice(0, SHOWN)}
          renderItem={(f) => (
            <List.Item key={`${f.kind}:${f.subject.id}:${f.metric}`} style={{ paddingInline: 0 }}>
              <FindingItem finding={f} />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insights.empty')} />
      )}
    </Card>
  );
}
