import type { FieldProps } from '../item-node.tsx';
import { ItemList } from '../item-node.tsx';
import { domIds, useDerived, useReport } from '../report-context.tsx';

/** One block per option the engine keeps for the loop (chosen options, or a filtered code list). */
export function LoopField({ item, itemKey, templateKey }: FieldProps) {
  const { t, store, text } = useReport();
  const options = store.plan.item(templateKey)?.options ?? [];
  const children = item.type === 'loop' ? item.items : [];
  const present = useDerived(() =>
    options
      .filter((option) =>
        children.some((child) => store.form.isRelevant(`${itemKey}.${option.value}.${child.id}`)),
      )
      .map((option) => option.value)
      .join('\n'),
  );
  if (item.type !== 'loop') return null;
  const shown = present === '' ? [] : present.split('\n');
  if (shown.length === 0) {
    return (
      <p className="help" id={domIds.control(itemKey)}>
        {t('field.emptyLoop')}
      </p>
    );
  }
  return (
    <div className="loop" id={domIds.control(itemKey)}>
      {shown.map((value) => {
        const option = options.find((o) => o.value === value);
        return (
          <fieldset key={value} className="loop-block">
            <legend>{text(option?.label) || value}</legend>
            <ItemList items={children} prefix={`${itemKey}.${value}.`} templatePrefix={`${templateKey}.`} />
          </fieldset>
        );
      })}
    </div>
  );
}
