import type { FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';

export function CalculatedField({ item, itemKey, view, labelText }: FieldProps) {
  const { t, lang } = useReport();
  const unit = 'unit' in item ? item.unit : undefined;
  const value = view.calculated;
  const shown =
    value === null || value === undefined
      ? '—'
      : typeof value === 'number'
        ? new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(value)
        : typeof value === 'boolean'
          ? t(value ? 'field.yes' : 'field.no')
          : String(value);
  return (
    <output id={domIds.control(itemKey)} className="calculated" aria-label={labelText} aria-live="polite">
      {shown}
      {unit && value !== null && value !== undefined ? ` ${unit}` : ''}
      <span className="calculated-tag"> ({t('field.calculated')})</span>
    </output>
  );
}
