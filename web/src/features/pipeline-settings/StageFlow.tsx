import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { gateCount } from './form-values';
import type { Stage } from './pipelines.api';

const colors: Record<Stage['category'], string | undefined> = {
  pipeline: undefined,
  best_case: 'processing',
  commit: 'geekblue',
  closed_won: 'success',
  closed_lost: 'default',
};

/** A pipeline's stages in order, each with its win probability; a tooltip tells category and gates. */
export function StageFlow({ stages }: { stages: Stage[] }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={4} data-testid="stage-flow">
      {[...stages]
        .sort((a, b) => a.position - b.position)
        .map((s) => {
          const gates = gateCount(s.gates);
          return (
            <Tooltip
              key={s.id}
              title={[
                t(`pipelineSettings.categories.${s.category}`),
                gates > 0 && t('pipelineSettings.gates.count', { count: gates }),
              ]
                .filter(Boolean)
                .join(' · ')}
            >
              <Tag color={colors[s.category]} style={{ marginInlineEnd: 0 }}>
                {s.name} {s.probability}%
              </Tag>
            </Tooltip>
          );
        })}
    </Flex>
  );
}
