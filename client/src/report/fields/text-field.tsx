import type { FieldProps } from '../item-node.tsx';
import { domIds } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

export function TextField({
  item,
  itemKey,
  view,
  describedBy,
  invalid,
  labelText,
}: FieldProps & { bare?: boolean }) {
  const { value, set, onBlur, readOnly } = useAnswerField(itemKey);
  const text = typeof value === 'string' ? value : '';
  if (item.type !== 'text' && item.type !== 'textarea') return null;
  const common = {
    id: domIds.control(itemKey),
    value: text,
    onBlur,
    readOnly,
    'aria-required': view.required || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    maxLength: item.maxLength,
  };
  if (item.type === 'textarea') {
    return <textarea {...common} rows={4} onChange={(e) => set(e.target.value)} />;
  }
  const type = item.format === 'email' ? 'email' : item.format === 'url' ? 'url' : 'text';
  return (
    <input
      {...common}
      type={type}
      aria-label={labelText || undefined}
      autoComplete="off"
      onChange={(e) => set(e.target.value)}
    />
  );
}
