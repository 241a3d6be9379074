import { memo } from 'react';
import type { ColumnItem } from '../../../../forms/index.ts';
import { type FieldProps, useVisibleIssues } from '../item-node.tsx';
import { countRender } from '../render-count.ts';
import { domIds, useDerived, useItemView, useReport } from '../report-context.tsx';
import { BooleanField } from './boolean-field.tsx';
import { CalculatedField } from './calculated-field.tsx';
import { ChoiceField } from './choice-field.tsx';
import { DateField } from './date-field.tsx';
import { NumberField } from './number-field.tsx';
import { TextField } from './text-field.tsx';

/** A table as a grid: one row per row the engine keeps (after `filter`), one column per column item. */
export function TableField({ item, itemKey, templateKey, describedBy }: FieldProps) {
  const { store, text } = useReport();
  const rows = store.plan.item(templateKey)?.options ?? [];
  const columns = item.type === 'table' ? item.columns : [];
  const present = useDerived(() =>
    rows
      .filter((row) =>
        columns.some((column) => store.form.isRelevant(`${itemKey}.${row.value}.${column.id}`)),
      )
      .map((row) => row.value)
      .join('\n'),
  );
  if (item.type !== 'table') return null;
  const shown = present === '' ? [] : present.split('\n');
  return (
    <div className="table-scroll">
      <table className="grid" aria-describedby={describedBy}>
        <thead>
          <tr>
            <td />
            {columns.map((column) => (
              <th key={column.id} scope="col">
                {text(column.label)}
                {column.type !== 'calculated' && 'unit' in column && column.unit ? ` (${column.unit})` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((rowId) => {
            const row = rows.find((r) => r.value === rowId);
            const rowLabel = text(row?.label);
            return (
              <tr key={rowId}>
                <th scope="row">{rowLabel}</th>
                {columns.map((column) => (
                  <td key={column.id}>
                    <Cell
                      column={column}
                      itemKey={`${itemKey}.${rowId}.${column.id}`}
                      templateKey={`${templateKey}.${column.id}`}
                      labelText={`${rowLabel} — ${text(column.label)}`}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const Cell = memo(function Cell({
  column,
  itemKey,
  templateKey,
  labelText,
}: {
  column: ColumnItem;
  itemKey: string;
  templateKey: string;
  labelText: string;
}) {
  countRender(itemKey);
  const view = useItemView(itemKey);
  const { issueText } = useReport();
  const visible = useVisibleIssues(view.issues);
  if (!view.relevant) return null;
  const props = {
    item: column,
    itemKey,
    templateKey,
    view,
    describedBy: domIds.issues(itemKey),
    invalid: visible.length > 0,
    labelText,
  };
  return (
    <div className={`cell${props.invalid ? ' has-issues' : ''}`}>
      {cellControl(column, props)}
      <div className="issues" id={domIds.issues(itemKey)} aria-live="polite">
        {visible.map((issue) => (
          <p key={issue.code} className="issue">
            {issueText(issue)}
          </p>
        ))}
      </div>
    </div>
  );
});

function cellControl(column: ColumnItem, props: FieldProps) {
  switch (column.type) {
    case 'text':
    case 'textarea':
      return <TextField {...props} />;
    case 'integer':
    case 'decimal':
      return <NumberField {...props} />;
    case 'date':
      return <DateField {...props} />;
    case 'boolean':
      return <BooleanField {...props} cell />;
    case 'choice':
      return <ChoiceField {...props} cell />;
    case 'calculated':
      return <CalculatedField {...props} />;
  }
}
