import type { FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

export function BooleanField({ itemKey, view, labelText, cell }: FieldProps & { cell?: boolean }) {
  const { t } = useReport();
  const { value, set, readOnly } = useAnswerField(itemKey);
  const choices = [
    { value: true, label: t('field.yes'), suffix: 'yes' },
    { value: false, label: t('field.no'), suffix: 'no' },
  ];
  const radios = (
    <>
      {choices.map((choice, index) => (
        <label key={choice.suffix} className="option">
          <input
            type="radio"
            id={index === 0 ? domIds.control(itemKey) : undefined}
            name={itemKey}
            checked={value === choice.value}
            disabled={readOnly}
            onChange={() => set(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
      {typeof value === 'boolean' && !readOnly && (
        <button type="button" className="link-button" onClick={() => set(undefined)}>
          {t('field.clear')}
        </button>
      )}
    </>
  );
  return cell ? (
    <span
      className="options options-inline"
      role="radiogroup"
      aria-label={labelText}
      aria-required={view.required || undefined}
    >
      {radios}
    </span>
  ) : (
    <span className="options options-inline">{radios}</span>
  );
}
