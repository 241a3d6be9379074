import type { FieldProps } from '../item-node.tsx';
import { domIds } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

export function DateField({ item, itemKey, view, describedBy, invalid, labelText }: FieldProps) {
  const { value, set, onBlur, readOnly } = useAnswerField(itemKey);
  if (item.type !== 'date') return null;
  return (
    <input
      id={domIds.control(itemKey)}
      type="date"
      value={typeof value === 'string' ? value : ''}
      min={item.min}
      max={item.max}
      readOnly={readOnly}
      aria-label={labelText || undefined}
      required={view.required}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onBlur={onBlur}
      onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
