import { useEffect, useRef, useState } from 'react';
import type { FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';
import { useOptions } from './choice-field.tsx';
import { useAnswerField } from './use-answer-field.ts';

/** Moves `value` to position `to` of `list` (appending it when it was not there). */
export function moveTo(list: readonly string[], value: string, to: number): string[] {
  const rest = list.filter((v) => v !== value);
  const index = Math.max(0, Math.min(to, rest.length));
  return [...rest.slice(0, index), value, ...rest.slice(index)];
}

/**
 * A ranking: the ranked options in order, each movable by buttons (keyboard) or by dragging; the options
 * not ranked yet below, added by a button or by dragging them into the list.
 */
export function RankingField({ itemKey, templateKey, describedBy }: FieldProps) {
  const { t, text } = useReport();
  const { value, set, readOnly } = useAnswerField(itemKey);
  const options = useOptions(templateKey);
  const ranked = Array.isArray(value)
    ? (value as string[]).filter((v) => options.some((o) => o.value === v))
    : [];
  const unranked = options.filter((o) => !ranked.includes(o.value));
  const labelOf = (v: string) => text(options.find((o) => o.value === v)?.label);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const focusAfter = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (focusAfter.current === null) return;
    const target = listRef.current?.parentElement?.querySelector<HTMLElement>(
      `[data-focus="${focusAfter.current}"]`,
    );
    focusAfter.current = null;
    target?.focus();
  });

  const commit = (next: string[], focus: string | null) => {
    focusAfter.current = focus;
    set(next.length === 0 ? undefined : next);
  };

  const onDrop = (index: number) => {
    if (dragging !== null) commit(moveTo(ranked, dragging, index), null);
    setDragging(null);
    setDropAt(null);
  };

  return (
    <div className="ranking" aria-describedby={describedBy}>
      <p className="help">{t('field.rankingHelp')}</p>
      <p className="ranking-heading" id={`ranked-${itemKey}`}>
        {t('field.ranked')}
      </p>
      <ol
        ref={listRef}
        className="ranked"
        id={domIds.control(itemKey)}
        tabIndex={-1}
        aria-labelledby={`ranked-${itemKey}`}
        onDragOver={(e) => {
          if (dragging === null) return;
          e.preventDefault();
          if (e.target === e.currentTarget) setDropAt(ranked.length);
        }}
        onDrop={(e) => {
          e.preventDefault();
          onDrop(dropAt ?? ranked.length);
        }}
      >
        {ranked.map((v, index) => {
          const label = labelOf(v);
          return (
            <li
              key={v}
              className={`ranked-item${dropAt === index ? ' drop-before' : ''}${dragging === v ? ' dragging' : ''}`}
              draggable={!readOnly}
              data-value={v}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', v);
                setDragging(v);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
              onDragOver={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                const box = e.currentTarget.getBoundingClientRect();
                setDropAt(e.clientY < box.top + box.height / 2 ? index : index + 1);
              }}
            >
              <span className="rank">{index + 1}.</span>
              <span className="ranked-label">{label}</span>
              {!readOnly && (
                <span className="ranked-actions">
                  <button
                    type="button"
                    data-focus={`up-${v}`}
                    disabled={index === 0}
                    aria-label={t('field.moveUp', { label })}
                    onClick={() =>
                      commit(moveTo(ranked, v, index - 1), index - 1 === 0 ? `down-${v}` : `up-${v}`)
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    data-focus={`down-${v}`}
                    disabled={index === ranked.length - 1}
                    aria-label={t('field.moveDown', { label })}
                    onClick={() =>
                      commit(
                        moveTo(ranked, v, index + 1),
                        index + 1 === ranked.length - 1 ? `up-${v}` : `down-${v}`,
                      )
                    }
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    data-focus={`remove-${v}`}
                    aria-label={t('field.removeFromRanking', { label })}
                    onClick={() =>
                      commit(
                        ranked.filter((x) => x !== v),
                        `add-${v}`,
                      )
                    }
                  >
                    ✕
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {unranked.length > 0 && (
        <>
          <p className="ranking-heading" id={`unranked-${itemKey}`}>
            {t('field.notRanked')}
          </p>
          <ul className="unranked" aria-labelledby={`unranked-${itemKey}`}>
            {unranked.map((option) => {
              const label = text(option.label);
              return (
                <li
                  key={option.value}
                  className="unranked-item"
                  draggable={!readOnly}
                  onDragStart={(e) => {
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', option.value);
                    setDragging(option.value);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropAt(null);
                  }}
                >
                  <span className="ranked-label">{label}</span>
                  {!readOnly && (
                    <button
                      type="button"
                      data-focus={`add-${option.value}`}
                      aria-label={t('field.addToRanking', { label })}
                      onClick={() => commit([...ranked, option.value], `up-${option.value}`)}
                    >
                      +
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
