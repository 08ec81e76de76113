import { Flex, Form, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { gateCount, type StageValues } from './form-values';

/** A stage panel's header: position, name, win probability, category, cadence and how many requirements. */
export function StageSummary({ index }: { index: number }) {
  const { t } = useTranslation();
  const stage = Form.useWatch<StageValues | undefined>(['stages', index]);
  if (!stage) return null;
  const gates = gateCount(stage);
  const facts = [
    stage.cadenceDays ? t('pipelineSettings.stage.every', { days: stage.cadenceDays }) : null,
    stage.stalledDays ? t('pipelineSettings.stage.stalledAfter', { days: stage.stalledDays }) : null,
    gates ? t('pipelineSettings.gates.count', { count: gates }) : null,
  ].filter(Boolean);
  return (
    <Flex wrap align="center" style={{ columnGap: 8, rowGap: 2, minWidth: 0 }}>
      <Typography.Text strong data-testid="stage-title">
        {index + 1}. {stage.name}
      </Typography.Text>
      <Tag style={{ marginInlineEnd: 0 }}>
        {stage.probability ?? 0}% · {t(`pipelineSettings.categories.${stage.category}`)}
      </Tag>
      {facts.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {facts.join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );
}
