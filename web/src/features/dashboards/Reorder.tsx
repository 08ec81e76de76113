import { HolderOutlined } from '@ant-design/icons';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Drag to reorder the editor's widgets: each card is dragged by its handle onto the place of another
// (the ↑/↓ buttons beside it do the same from the keyboard and on a phone).

export function Reorder({
  ids,
  onMove,
  children,
}: {
  ids: string[];
  onMove: (from: number, to: number) => void;
  children: ReactNode;
}) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const onDragEnd = (e: DragEndEvent) => {
    const from = ids.indexOf(String(e.active.id));
    const to = e.over ? ids.indexOf(String(e.over.id)) : -1;
    if (from >= 0 && to >= 0 && from !== to) onMove(from, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      {children}
    </DndContext>
  );
}

/** A card of the list, given the handle to drag it by. */
export function ReorderItem({ id, children }: { id: string; children: (handle: ReactNode) => ReactNode }) {
  const { ref, style, handle } = useReorderItem(id);
  return (
    <div ref={ref} style={style}>
      {children(handle)}
    </div>
  );
}

/** Its ref, its style while dragged or dragged over, and the handle to drag it by. */
function useReorderItem(id: string) {
  const { t } = useTranslation();
  const drag = useDraggable({ id });
  const drop = useDroppable({ id });
  const style: CSSProperties = drag.transform
    ? {
        transform: `translate3d(${drag.transform.x}px, ${drag.transform.y}px, 0)`,
        zIndex: 2,
        position: 'relative',
        boxShadow: '0 6px 16px rgba(0, 0, 0, 0.12)',
      }
    : drop.isOver && !drag.isDragging
      ? { outline: '2px dashed #1677ff', outlineOffset: 2 }
      : {};
  // Pointer only: from the keyboard the ↑/↓ buttons move a widget.
  const handle = (
    <button
      type="button"
      {...drag.listeners}
      tabIndex={-1}
      aria-label={t('dashboards.editor.drag')}
      title={t('dashboards.editor.drag')}
      style={{
        cursor: 'grab',
        touchAction: 'none',
        border: 0,
        background: 'none',
        padding: '0 6px 0 0',
        color: 'rgba(0, 0, 0, 0.45)',
      }}
      data-testid="widget-drag"
    >
      <HolderOutlined />
    </button>
  );
  const ref = (el: HTMLElement | null) => {
    drag.setNodeRef(el);
    drop.setNodeRef(el);
  };
  return { ref, style, handle };
}
