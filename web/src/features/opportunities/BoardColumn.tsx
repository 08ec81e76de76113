import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Button, Empty, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DealCard } from './DealCard';
import {
  type BoardColumn as Column,
  type Opportunity,
  type OpportunityFilters,
  type Stage,
  useOpportunityList,
} from './opportunities.api';
import { useMoney } from './use-money';
import { columnCards } from './words';

/** A card that can be picked up (desktop) or moved by 移动到… (phone). */
function DraggableCard({
  deal,
  stage,
  draggable,
  moveTargets,
  onMove,
}: {
  deal: Opportunity;
  stage: Stage;
  draggable: boolean;
  moveTargets?: Stage[];
  onMove: (deal: Opportunity, target: Stage) => void;
}) {
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !draggable,
  });
  return (
    <div
      ref={setNodeRef}
      // On a phone the card is not draggable: no drag role or aria-disabled on it (移动到… is the way).
      {...(draggable ? { ...listeners, ...attributes } : {})}
      style={{ opacity: isDragging ? 0.4 : 1, cursor: draggable ? 'grab' : undefined }}
    >
      <DealCard
        deal={deal}
        stalledDays={stage.stalledDays}
        moveTargets={moveTargets}
        onMove={(target) => onMove(deal, target)}
      />
    </div>
  );
}

type Props = {
  stage: Stage;
  column: Column;
  pipelineId: string;
  filters: OpportunityFilters;
  /** Desktop: cards are dragged between columns; phone: 移动到… on each card instead. */
  phone: boolean;
  stages: Stage[];
  onMove: (deal: Opportunity, target: Stage) => void;
};

/**
 * One stage of the kanban: name, probability, the true count and amount of its deals, its cards and,
 * while it shows fewer than its count, 加载更多 through the list (a column never silently stops).
 */
export function BoardColumn({ stage, column, pipelineId, filters, phone, stages, onMove }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const [more, setMore] = useState(false);
  const rest = useOpportunityList(
    { ...filters, pipelineId, stageId: stage.id, sort: '-updatedAt' },
    { firstCursor: column.nextCursor ?? undefined, enabled: more && !!column.nextCursor },
  );
  const cards = columnCards(column.data, more ? (rest.data?.pages.flatMap((p) => p.data) ?? []) : []);
  const hasMore = !!column.nextCursor && (!more || rest.hasNextPage || rest.isPending);
  const closed = stage.category === 'closed_won' || stage.category === 'closed_lost';
  return (
    <Flex
      ref={setNodeRef}
      vertical
      gap={8}
      style={{
        flex: `0 0 ${phone ? 'calc(100vw - 56px)' : '272px'}`,
        maxWidth: phone ? 320 : 272,
        background: isOver ? '#e6f4ff' : closed ? '#f6f6f6' : '#f5f7fa',
        border: isOver ? '1px dashed #1677ff' : '1px solid transparent',
        borderRadius: 8,
        padding: 8,
        scrollSnapAlign: 'start',
      }}
      data-testid="board-column"
      data-stage={stage.name}
      data-count={column.count}
    >
      <Flex vertical gap={2} style={{ padding: '2px 4px' }}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong ellipsis>
            {stage.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="column-count">
            {t('opportunities.column.count', { count: column.count })}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('opportunities.column.probability', { value: stage.probability })}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="column-amount">
            {money(column.amount)}
          </Typography.Text>
        </Flex>
      </Flex>
      {cards.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('opportunities.column.empty')}
          style={{ margin: '12px 0' }}
        />
      ) : (
        cards.map((d) => (
          <DraggableCard
            key={d.id}
            deal={d}
            stage={stage}
            draggable={!phone}
            moveTargets={phone ? stages.filter((s) => s.id !== stage.id) : undefined}
            onMove={onMove}
          />
        ))
      )}
      {hasMore && (
        <Flex vertical align="center" gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('opportunities.column.shown', { shown: cards.length, count: column.count })}
          </Typography.Text>
          <Button
            size="small"
            loading={more && (rest.isFetching || rest.isFetchingNextPage)}
            onClick={() => (more ? void rest.fetchNextPage() : setMore(true))}
            data-testid="column-load-more"
          >
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
