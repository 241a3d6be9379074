import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type KeyboardEvent, memo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../forms/index.ts';
import { countRender } from '../report/render-count.ts';
import { ROOT } from './definition-store.ts';
import { useDesigner, useNode } from './item-form.tsx';
import { dropTarget, runTreeAction, shortcutOf } from './tree-actions.ts';

/**
 * The tree of sections and items. It re-renders when the structure changes (add, move, delete) and on a
 * change of selection; a row re-renders when its own node changes, so typing in a label repaints one row.
 */
export const DesignTree = memo(function DesignTree(props: {
  selected: string;
  onSelect: (uid: string) => void;
}) {
  const { t } = useTranslation();
  const { store } = useDesigner();
  const rows = useSyncExternalStore(
    (listener) => store.subscribeStructure(listener),
    () => store.treeRows(),
  );
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  countRender('designer-tree');
  // One row is in the tab order: the selected one, else the first (roving tabindex).
  const selectedIsRow = rows.some((row) => row.uid === props.selected);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const target = dropTarget(store, String(active.id), String(over.id));
    if (target) store.moveTo(String(active.id), target.parent, target.index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const index = rows.findIndex((row) => row.uid === props.selected);
    if (event.key === 'ArrowDown' && !event.altKey) {
      const next = rows[index + 1];
      if (next) {
        event.preventDefault();
        props.onSelect(next.uid);
        document.getElementById(`row-${next.uid}`)?.focus();
      }
      return;
    }
    if (event.key === 'ArrowUp' && !event.altKey) {
      const previous = rows[index - 1];
      if (previous) {
        event.preventDefault();
        props.onSelect(previous.uid);
        document.getElementById(`row-${previous.uid}`)?.focus();
      }
      return;
    }
    const action = shortcutOf(event);
    if (!action || props.selected === ROOT) return;
    event.preventDefault();
    const next = runTreeAction(store, props.selected, action);
    if (next !== null) {
      props.onSelect(next);
      requestAnimationFrame(() => document.getElementById(`row-${next}`)?.focus());
    }
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={rows.map((row) => row.uid)} strategy={verticalListSortingStrategy}>
        <ul
          className="design-tree"
          aria-label={t('designer.tree.label')}
          aria-describedby="tree-keys"
          onKeyDown={onKeyDown}
        >
          {rows.map((row, i) => (
            <TreeRowView
              key={row.uid}
              uid={row.uid}
              depth={row.depth}
              selected={row.uid === props.selected}
              tabbable={row.uid === props.selected || (i === 0 && !selectedIsRow)}
              onSelect={props.onSelect}
            />
          ))}
        </ul>
      </SortableContext>
      <p id="tree-keys" className="hint">
        {t('designer.tree.keys')}
      </p>
    </DndContext>
  );
});

const TreeRowView = memo(function TreeRowView(props: {
  uid: string;
  depth: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (uid: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { store } = useDesigner();
  const node = useNode(store, props.uid);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: props.uid,
  });
  countRender(`designer-row:${props.uid}`);
  if (!node) return null;
  const text = node.kind === 'section' ? node.data.title : (node.data.label ?? node.data.text);
  const label = localize(text as never, i18n.language, 'en');
  const type = node.kind === 'section' ? t('designer.section') : t(`designer.type.${String(node.data.type)}`);
  return (
    <li
      ref={setNodeRef}
      className={`tree-row tree-${node.kind}${props.selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        paddingInlineStart: `${props.depth * 1.25 + 0.25}rem`,
      }}
      data-uid={props.uid}
      data-depth={props.depth}
      data-id={String(node.data.id ?? '')}
    >
      <span
        className="drag-handle"
        aria-hidden="true"
        {...listeners}
        {...attributes}
        tabIndex={-1}
        role="presentation"
      >
        ⠿
      </span>
      <button
        type="button"
        id={`row-${props.uid}`}
        className="tree-select"
        aria-current={props.selected ? 'true' : undefined}
        tabIndex={props.tabbable ? 0 : -1}
        onClick={() => props.onSelect(props.uid)}
      >
        {typeof node.data.number === 'string' && <span className="tree-number">{node.data.number} </span>}
        <span className="tree-label">{label || t('designer.untitled')}</span>
        <span className="tree-meta">
          {' '}
          {type} · <code>{String(node.data.id ?? '')}</code>
        </span>
      </button>
    </li>
  );
});
