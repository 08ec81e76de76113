import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageSpinner, useIsPhone } from '../../components';
import { BoardColumn } from './BoardColumn';
import { DealCard } from './DealCard';
import {
  type Opportunity,
  type OpportunityFilters,
  type Pipeline,
  type Stage,
  useBoard,
} from './opportunities.api';
import { useStageMove } from './use-stage-move';

/** 看板 of one pipeline: a column per stage; drag a card to another column (移动到… on a phone). */
export function Board({ pipeline, filters }: { pipeline: Pipeline; filters: OpportunityFilters }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const board = useBoard(pipeline.id, filters);
  const { request, dialogs } = useStageMove();
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  // A few pixels of travel before a drag starts: a click on the card's link still opens it.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const move = (deal: Opportunity, target: Stage) => {
    if (deal.stageId !== target.id) request(deal, target);
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const deal = e.active.data.current?.deal as Opportunity | undefined;
    const target = e.over?.data.current?.stage as Stage | undefined;
    if (deal && target) move(deal, target);
  };

  if (board.isPending) return <PageSpinner />;
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <>
      {dialogs}
      {!phone && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
          {t('opportunities.dragHint')}
        </Typography.Text>
      )}
      <DndContext
        sensors={sensors}
        onDragStart={(e) => setDragging((e.active.data.current?.deal as Opportunity) ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
      >
        <Flex
          gap={12}
          align="start"
          style={{ overflowX: 'auto', paddingBottom: 8, scrollSnapType: phone ? 'x mandatory' : undefined }}
          data-testid="board"
        >
          {stages.map((s) => {
            const column = board.data.columns.find((c) => c.stageId === s.id);
            return column ? (
              <BoardColumn
                key={s.id}
                stage={s}
                column={column}
                pipelineId={pipeline.id}
                filters={filters}
                phone={phone}
                stages={stages}
                onMove={move}
              />
            ) : null;
          })}
        </Flex>
        <DragOverlay>
          {dragging && (
            <DealCard deal={dragging} style={{ width: 256, boxShadow: '0 6px 16px rgba(0,0,0,0.16)' }} />
          )}
        </DragOverlay>
      </DndContext>
    </>
  );
}
