import { memo, useCallback, useState } from 'react';
import { useWatch } from 'react-hook-form';
import type { RepeatChild } from '../../../../forms/index.ts';
import { type FieldProps, ItemList } from '../item-node.tsx';
import { answerIdOf } from '../normalize.ts';
import { domIds, useReport } from '../report-context.tsx';

/** Rows of a repeat, each with its items; rows are added, removed and moved by buttons. */
export function RepeatField({ item, itemKey, templateKey }: FieldProps) {
  const { t, control, getValues, setValue, commit, editable, ...report } = useReport();
  const readOnly = report.readOnly || !editable(itemKey);
  // Only the number of rows: typing in a row does not re-render the repeat.
  const count = useWatch({
    control,
    name: itemKey,
    compute: (rows: unknown) => (Array.isArray(rows) ? rows.length : 0),
  }) as number;
  // Bumped on remove and move so that rows remount on their new index with their own values.
  const [generation, setGeneration] = useState(0);

  const write = useCallback(
    (change: (rows: unknown[]) => unknown[], remount: boolean, focus: number) => {
      const current = getValues(itemKey);
      const rows = Array.isArray(current) ? (structuredClone(current) as unknown[]) : [];
      setValue(itemKey, change(rows));
      commit(answerIdOf(itemKey));
      if (remount) setGeneration((g) => g + 1);
      requestAnimationFrame(() => document.getElementById(`${domIds.item(itemKey)}-row-${focus}`)?.focus());
    },
    [getValues, setValue, commit, itemKey],
  );
  const remove = useCallback(
    (index: number) => write((rows) => rows.filter((_, i) => i !== index), true, Math.max(0, index - 1)),
    [write],
  );
  const move = useCallback(
    (index: number, to: number) =>
      write(
        (rows) => {
          const [moved] = rows.splice(index, 1);
          rows.splice(to, 0, moved);
          return rows;
        },
        true,
        to,
      ),
    [write],
  );
  if (item.type !== 'repeat') return null;

  return (
    <div className="repeat">
      {Array.from({ length: count }, (_, index) => (
        <RepeatRow
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; the generation remounts them on reorder
          key={`${generation}-${index}`}
          items={item.items}
          itemKey={itemKey}
          templateKey={templateKey}
          index={index}
          count={count}
          readOnly={readOnly}
          onRemove={remove}
          onMove={move}
        />
      ))}
      {!readOnly && (
        <button
          type="button"
          className="secondary"
          id={domIds.control(itemKey)}
          onClick={() => write((rows) => [...rows, {}], false, count)}
        >
          {t('field.addRow')}
        </button>
      )}
    </div>
  );
}

const RepeatRow = memo(function RepeatRow({
  items,
  itemKey,
  templateKey,
  index,
  count,
  readOnly,
  onRemove,
  onMove,
}: {
  items: readonly RepeatChild[];
  itemKey: string;
  templateKey: string;
  index: number;
  count: number;
  readOnly: boolean;
  onRemove: (index: number) => void;
  onMove: (index: number, to: number) => void;
}) {
  const { t } = useReport();
  const n = index + 1;
  return (
    <fieldset className="repeat-row" id={`${domIds.item(itemKey)}-row-${index}`} tabIndex={-1}>
      <legend>{t('field.row', { n })}</legend>
      <ItemList items={items} prefix={`${itemKey}.${index}.`} templatePrefix={`${templateKey}.`} />
      {!readOnly && (
        <div className="row-actions">
          <button
            type="button"
            className="secondary"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            {t('field.moveUp', { label: t('field.row', { n }) })}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            {t('field.moveDown', { label: t('field.row', { n }) })}
          </button>
          <button type="button" className="danger" onClick={() => onRemove(index)}>
            {t('field.removeRow', { n })}
          </button>
        </div>
      )}
    </fieldset>
  );
});
