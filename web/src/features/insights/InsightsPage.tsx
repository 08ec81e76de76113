import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageHeader, PageSpinner } from '../../components';
import { FindingItem } from './FindingItem';
import { type Finding, useInsights } from './insights.api';

type Kind = Finding['kind'] | 'all';
const kinds: Kind[] = ['all', 'behind_pace', 'conversion_below', 'method_mix', 'lead_sla', 'stalled_deals'];

/** 洞察: every finding of the reader's reach, most important first, by kind. */
export function InsightsPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>('all');
  const insights = useInsights(i18n.language);
  if (insights.isPending) return <PageSpinner />;
  if (insights.isError) return <LoadError error={insights.error} onRetry={() => void insights.refetch()} />;
  const count = (k: Kind) =>
    k === 'all' ? insights.data.length : insights.data.filter((f) => f.kind === k).length;
  const shown = kind === 'all' ? insights.data : insights.data.filter((f) => f.kind === kind);
  return (
    <>
      <PageHeader title={t('insights.title')} subtitle={t('insights.subtitle')} />
      {/* Tags wrap on a phone where a segmented control would scroll out of sight. */}
      <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="insights-kind">
        {kinds.map((k) => (
          <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(k)}>
            {`${k === 'all' ? t('insights.all') : t(`insights.kinds.${k}`)} ${count(k)}`}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Card size="small">
        {shown.length ? (
          <List
            dataSource={shown}
            renderItem={(f) => (
              <List.Item key={`${f.kind}:${f.subject.id}:${f.metric}`}>
                <FindingItem finding={f} />
              </List.Item>
            )}
            data-testid="insights-list"
          />
        ) : (
          <Empty description={t('insights.empty')} />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('insights.method')}
      </Typography.Paragraph>
    </>
  );
}
