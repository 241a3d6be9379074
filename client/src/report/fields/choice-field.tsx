import type { Option } from '../../../../forms/index.ts';
import { choiceAppearance, type FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

/** The options of a choice or ranking: the plan resolves code lists. */
export function useOptions(templateKey: string): readonly Option[] {
  const { store } = useReport();
  return store.plan.item(templateKey)?.options ?? [];
}

export function ChoiceField(props: FieldProps & { cell?: boolean }) {
  const { item, itemKey, templateKey, view, describedBy, invalid, labelText, cell } = props;
  const { t, text } = useReport();
  const { value, set, onBlur, readOnly } = useAnswerField(itemKey);
  const options = useOptions(templateKey);
  if (item.type !== 'choice') return null;
  const appearance = choiceAppearance(item, options.length);
  const controlId = domIds.control(itemKey);
  const aria = {
    'aria-required': view.required || undefined,
    'aria-invalid': invalid || undefined,
  };

  let control: React.ReactNode;
  if (item.multiple) {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    const toggle = (option: string, on: boolean) => {
      // Keep the definition's order of options, whatever the order of clicks.
      const next = options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v)));
      set(next.length === 0 ? undefined : next);
    };
    if (appearance === 'dropdown') {
      control = (
        <select
          id={controlId}
          multiple
          value={chosen}
          disabled={readOnly}
          aria-label={cell || item.other ? labelText : undefined}
          aria-describedby={describedBy}
          {...aria}
          onBlur={onBlur}
          onChange={(e) => {
            const selected = Array.from(e.target.selectedOptions, (o) => o.value);
            set(selected.length === 0 ? undefined : selected);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {text(option.label)}
            </option>
          ))}
        </select>
      );
    } else {
      const boxes = (
        <>
          {options.map((option, index) => (
            <label key={option.value} className="option">
              <input
                type="checkbox"
                id={index === 0 ? controlId : undefined}
                checked={chosen.includes(option.value)}
                disabled={readOnly}
                onChange={(e) => toggle(option.value, e.target.checked)}
              />
              <span>{text(option.label)}</span>
            </label>
          ))}
        </>
      );
      control = cell ? (
        <fieldset className="options cell-group" aria-label={labelText}>
          {boxes}
        </fieldset>
      ) : (
        <span className="options">{boxes}</span>
      );
    }
  } else {
    const chosen = typeof value === 'string' ? value : '';
    if (appearance === 'dropdown') {
      control = (
        <select
          id={controlId}
          value={chosen}
          disabled={readOnly}
          aria-label={cell || item.other ? labelText : undefined}
          aria-describedby={describedBy}
          {...aria}
          onBlur={onBlur}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{t('field.choose')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {text(option.label)}
            </option>
          ))}
        </select>
      );
    } else {
      const radios = (
        <>
          {options.map((option, index) => (
            <label key={option.value} className="option">
              <input
                type="radio"
                name={itemKey}
                id={index === 0 ? controlId : undefined}
                checked={chosen === option.value}
                disabled={readOnly}
                onChange={() => set(option.value)}
              />
              <span>{text(option.label)}</span>
            </label>
          ))}
          {chosen !== '' && !readOnly && !view.required && (
            <button type="button" className="link-button" onClick={() => set(undefined)}>
              {t('field.clear')}
            </button>
          )}
        </>
      );
      const className = options.length <= 4 ? 'options options-inline' : 'options';
      control = cell ? (
        <span className={className} role="radiogroup" aria-label={labelText} {...aria}>
          {radios}
        </span>
      ) : (
        <span className={className}>{radios}</span>
      );
    }
  }
  return (
    <>
      {control}
      {item.other && <OtherText name={`${itemKey}_other`} />}
    </>
  );
}

function OtherText({ name }: { name: string }) {
  const { t } = useReport();
  const { value, set, onBlur, readOnly } = useAnswerField(name);
  const id = domIds.control(name);
  return (
    <div className="other">
      <label htmlFor={id}>{t('field.other')}</label>
      <input
        id={id}
        type="text"
        value={typeof value === 'string' ? value : ''}
        readOnly={readOnly}
        onBlur={onBlur}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );
}
