import { useEffect, useState } from 'react';
import type { FieldProps } from '../item-node.tsx';
import { domIds } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

/** Reads a number as typed, accepting a decimal comma; `null` for no number. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : null;
}

export function NumberField({ item, itemKey, view, describedBy, invalid, labelText }: FieldProps) {
  const { value, set, onBlur, readOnly } = useAnswerField(itemKey);
  const stored = typeof value === 'number' ? value : null;
  const [text, setText] = useState(stored === null ? '' : String(stored));
  // Follow a value set from elsewhere (a conflict resolved, another person's change), not our own typing.
  useEffect(() => {
    setText((current) => (parseNumber(current) === stored ? current : stored === null ? '' : String(stored)));
  }, [stored]);
  if (item.type !== 'integer' && item.type !== 'decimal') return null;
  const notNumber = text.trim() !== '' && parseNumber(text) === null;
  const unitId = item.unit ? `unit-${itemKey}` : '';
  return (
    <span className="number-input">
      <input
        id={domIds.control(itemKey)}
        type="text"
        inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
        value={text}
        readOnly={readOnly}
        aria-label={labelText || undefined}
        aria-required={view.required || undefined}
        aria-invalid={invalid || notNumber || undefined}
        aria-describedby={[describedBy, unitId].filter(Boolean).join(' ')}
        onBlur={onBlur}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseNumber(e.target.value);
          set(parsed === null ? undefined : parsed);
        }}
      />
      {item.unit && (
        <span className="unit" id={unitId}>
          {item.unit}
        </span>
      )}
    </span>
  );
}
