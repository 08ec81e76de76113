import { Steps } from 'antd';
import { useEffect, useRef } from 'react';
import type { OpportunityDetail, Pipeline } from './opportunities.api';
import { isLostStage } from './words';

/**
 * Where the deal is: the pipeline's stages as steps, the current one highlighted (red when lost). Lost
 * stages show only when the deal is in one.
 */
export function StageSteps({ pipeline, deal }: { pipeline: Pipeline; deal: OpportunityDetail }) {
  const stages = [...pipeline.stages]
    .sort((a, b) => a.position - b.position)
    .filter((s) => !isLostStage(s) || s.id === deal.stageId);
  const current = stages.findIndex((s) => s.id === deal.stageId);
  const box = useRef<HTMLDivElement>(null);
  // On a narrow screen the bar scrolls: bring the current stage into view.
  useEffect(() => {
    const el = box.current;
    const step = el?.querySelectorAll('.ant-steps-item')[current] as HTMLElement | undefined;
    if (el && step) el.scrollLeft = step.offsetLeft - (el.clientWidth - step.offsetWidth) / 2;
  }, [current]);
  return (
    <div ref={box} style={{ overflowX: 'auto', paddingBottom: 4 }} data-testid="stage-steps">
      <Steps
        size="small"
        responsive={false}
        current={current}
        status={deal.status === 'lost' ? 'error' : deal.status === 'won' ? 'finish' : 'process'}
        titlePlacement="vertical"
        items={stages.map((s) => ({ title: s.name, description: `${s.probability}%` }))}
        style={{ minWidth: stages.length * 96 }}
      />
    </div>
  );
}
