import { CopyOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { LoadError } from '../../components';
import { useScripts } from './scripts.api';
import { useCopyScript } from './use-copy-script';

type Props = { stageId: string; stageName: string };

/** 话术 on a deal: the most used scripts for its current stage, each a tap from the clipboard. */
export function DealScripts(props: Props) {
  const { can } = useAuth();
  return can('script', 'read') ? <StageScripts {...props} /> : null;
}

function StageScripts({ stageId, stageName }: Props) {
  const { t } = useTranslation();
  const list = useScripts({ stageId, limit: 5 });
  const copy = useCopyScript();
  return (
    <Card
      title={t('scripts.deal.title')}
      extra={<Link to="/scripts">{t('scripts.deal.more')}</Link>}
      data-testid="deal-scripts"
    >
      <Typography.Text type="secondary">{t('scripts.deal.forStage', { stage: stageName })}</Typography.Text>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data && !list.data.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scripts.deal.none')} />
      ) : (
        <Flex vertical>
          {(list.data ?? []).map((s, i) => (
            <Flex
              key={s.id}
              vertical
              gap={4}
              style={{ padding: '10px 0', borderTop: i > 0 ? '1px solid rgba(5,5,5,0.06)' : undefined }}
              data-testid="deal-script"
            >
              <Flex justify="space-between" align="start" gap={8}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {s.title}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() => void copy(s)}
                  data-testid="deal-script-copy"
                >
                  {t('scripts.copy')}
                </Button>
              </Flex>
              <Flex wrap gap={4}>
                <Tag color="blue">{s.scenario}</Tag>
                {s.objection && (
                  <Tag color="orange">{t('scripts.objectionTag', { objection: s.objection })}</Tag>
                )}
              </Flex>
              <Typography.Paragraph
                type="secondary"
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                ellipsis={{
                  rows: 2,
                  expandable: 'collapsible',
                  symbol: (expanded) => (expanded ? t('scripts.collapse') : t('scripts.expand')),
                }}
              >
                {s.content}
              </Typography.Paragraph>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
