import { CopyOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Rate, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { type Script, useScriptMutations } from './scripts.api';
import { useCopyScript } from './use-copy-script';

type Props = {
  script: Script;
  /** The names of its stages (empty: every stage). */
  stages: string[];
  onEdit?: (s: Script) => void;
  onDelete?: (s: Script) => void;
};

/** One script: what it is for, its text (folded), 复制 in one tap, and the team's stars. */
export function ScriptCard({ script: s, stages, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const copy = useCopyScript();
  const { rate } = useScriptMutations();
  const showProblem = useShowProblem();
  return (
    <Card
      size="small"
      data-testid="script-card"
      title={<span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{s.title}</span>}
      extra={
        <Button
          type="primary"
          size="middle"
          icon={<CopyOutlined />}
          onClick={() => void copy(s)}
          data-testid="script-copy"
        >
          {t('scripts.copy')}
        </Button>
      }
      style={{ height: '100%' }}
    >
      <Flex vertical gap={8}>
        <Flex wrap gap={4}>
          <Tag color="blue">{s.scenario}</Tag>
          {s.objection && <Tag color="orange">{t('scripts.objectionTag', { objection: s.objection })}</Tag>}
          {s.tags.map((tag) => (
            <Tag key={tag}>#{tag}</Tag>
          ))}
        </Flex>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          ellipsis={{
            rows: 3,
            expandable: 'collapsible',
            symbol: (expanded) => (expanded ? t('scripts.collapse') : t('scripts.expand')),
          }}
          data-testid="script-content"
        >
          {s.content}
        </Typography.Paragraph>
        <Flex wrap gap={8} align="center" justify="space-between">
          <Flex wrap gap={8} align="center">
            <Typography.Text type="secondary">{t('scripts.myRating')}</Typography.Text>
            <Rate
              value={s.myRating ?? 0}
              allowClear={false}
              style={{ fontSize: 18 }}
              onChange={(stars) => rate.mutate({ id: s.id, stars }, { onError: (e) => showProblem(e) })}
              data-testid="script-rate"
            />
          </Flex>
          {(onEdit || onDelete) && (
            <Flex gap={4}>
              {onEdit && (
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  onClick={() => onEdit(s)}
                  aria-label={t('common.edit')}
                  data-testid="script-edit"
                />
              )}
              {onDelete && (
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => onDelete(s)}
                  aria-label={t('common.delete')}
                  data-testid="script-delete"
                />
              )}
            </Flex>
          )}
        </Flex>
        <Flex wrap gap={8} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="script-rating">
            {s.rating == null
              ? t('scripts.noRating')
              : t('scripts.rating', { rating: s.rating.toFixed(1), count: s.ratingCount })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="script-uses">
            {t('scripts.uses', { count: s.useCount })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {stages.length ? t('scripts.stages', { names: stages.join(' · ') }) : t('scripts.allStages')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
