import { memo, type ReactNode } from 'react';
import type { AnswerIssue, Item } from '../../../forms/index.ts';
import { formatDateTime } from '../app/format.ts';
import { useContribution } from './contributions.ts';
import { BooleanField } from './fields/boolean-field.tsx';
import { CalculatedField } from './fields/calculated-field.tsx';
import { ChoiceField } from './fields/choice-field.tsx';
import { DateField } from './fields/date-field.tsx';
import { FileField } from './fields/file-field.tsx';
import { LoopField } from './fields/loop-field.tsx';
import { NumberField } from './fields/number-field.tsx';
import { RankingField } from './fields/ranking-field.tsx';
import { RepeatField } from './fields/repeat-field.tsx';
import { TableField } from './fields/table-field.tsx';
import { TextField } from './fields/text-field.tsx';
import type { ItemView } from './form-store.ts';
import { answerIdOf } from './normalize.ts';
import { countRender } from './render-count.ts';
import { domIds, useItemView, useRejected, useReport, useRevealed } from './report-context.tsx';

/** Where an item sits: its key (`id`, `rep.0.id`, `loop.opt.id`) and its template key (`rep.id`). */
export interface Placed {
  item: Item;
  itemKey: string;
  templateKey: string;
}

/** What every field control receives. */
export interface FieldProps extends Placed {
  view: ItemView;
  /** ids of the help and issue texts, for aria-describedby. */
  describedBy: string;
  invalid: boolean;
  /** The visible label, for controls labelled by aria-label (table cells). */
  labelText: string;
}

/** The items of a section, group, repeat row or loop iteration. */
export function ItemList({
  items,
  prefix,
  templatePrefix,
}: {
  items: readonly Item[];
  prefix: string;
  templatePrefix: string;
}) {
  return (
    <>
      {items.map((item) => (
        <ItemNode
          key={item.id}
          item={item}
          itemKey={prefix + item.id}
          templateKey={templatePrefix + item.id}
        />
      ))}
    </>
  );
}

/** Issues the person should see now: `required` ones only after a submit attempt. */
export function useVisibleIssues(issues: readonly AnswerIssue[]): readonly AnswerIssue[] {
  const revealed = useRevealed();
  return revealed ? issues : issues.filter((issue) => issue.code !== 'required');
}

/** One item: hidden when not relevant, else its label, help, control and issues. */
export const ItemNode = memo(function ItemNode({ item, itemKey, templateKey }: Placed) {
  countRender(itemKey);
  const view = useItemView(itemKey);
  const { t, text, issueText, store, contributions, editable, handedOnly, readOnly, lang } = useReport();
  const visible = useVisibleIssues(view.issues);
  const rejected = useRejected(itemKey.includes('.') ? null : answerIdOf(itemKey));
  const answered = useContribution(contributions, itemKey.includes('.') ? null : itemKey);
  if (!view.relevant) return null;

  const help = 'help' in item && item.help !== undefined ? text(item.help) : '';
  const describedBy = [help ? domIds.help(itemKey) : '', domIds.issues(itemKey)].filter(Boolean).join(' ');
  const invalid = visible.length > 0 || rejected !== undefined;
  const label = 'label' in item && item.label !== undefined ? text(item.label) : '';
  const props: FieldProps = { item, itemKey, templateKey, view, describedBy, invalid, labelText: label };

  if (item.type === 'note') {
    return (
      <div className="item item-note" id={domIds.item(itemKey)}>
        {label && <p className="item-label">{label}</p>}
        <p className="note">{text(item.text)}</p>
      </div>
    );
  }
  if (item.type === 'group') {
    return (
      <fieldset className="item item-group" id={domIds.item(itemKey)} tabIndex={-1}>
        {label && (
          <legend>
            <Heading number={item.number} label={label} required={false} />
          </legend>
        )}
        {help && (
          <p className="help" id={domIds.help(itemKey)}>
            {help}
          </p>
        )}
        <ItemList
          items={item.items}
          prefix={itemKey.slice(0, itemKey.length - item.id.length)}
          templatePrefix={templateKey.slice(0, templateKey.length - item.id.length)}
        />
      </fieldset>
    );
  }

  const grouped = usesFieldset(item, store.plan.item(templateKey)?.options?.length ?? 0);
  const heading = <Heading number={item.number} label={label} required={view.required} />;
  const body = (
    <>
      {help && (
        <p className="help" id={domIds.help(itemKey)}>
          {help}
        </p>
      )}
      {control(props)}
      <div className="issues" id={domIds.issues(itemKey)} aria-live="polite">
        {visible.map((issue) => (
          <p key={`${issue.key}:${issue.code}`} className="issue">
            {issueText(issue)}
          </p>
        ))}
        {rejected !== undefined && <p className="issue">{t('save.rejected', { message: rejected })}</p>}
      </div>
      {handedOnly && !readOnly && !editable(itemKey) && <p className="not-handed">{t('collab.notHanded')}</p>}
      {answered && <AnsweredBy line={answered} lang={lang} />}
    </>
  );
  const className = `item item-${item.type}${invalid ? ' has-issues' : ''}`;
  if (grouped) {
    return (
      <fieldset
        className={className}
        id={domIds.item(itemKey)}
        tabIndex={-1}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      >
        <legend>{heading}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className={className} id={domIds.item(itemKey)}>
      {item.type === 'calculated' ? (
        <span className="item-label" id={`label-${itemKey}`}>
          {heading}
        </span>
      ) : (
        <label className="item-label" htmlFor={domIds.control(itemKey)}>
          {heading}
        </label>
      )}
      {body}
    </div>
  );
});

/** "Answered by X on date" under a question, from the answer history (`useContribution`'s line). */
function AnsweredBy({ line, lang }: { line: string; lang: string }) {
  const { t } = useReport();
  const [name = '', at = '', source = ''] = line.split('\u0000');
  const date = formatDateTime(at, lang);
  const key = source === 'prefill' ? 'collab.prefilledBy' : 'collab.answeredBy';
  return <p className="answered-by">{t(key, { name: name || t('collab.someone'), date })}</p>;
}

function Heading({
  number,
  label,
  required,
}: {
  number: string | undefined;
  label: string;
  required: boolean;
}) {
  const { t } = useReport();
  return (
    <>
      {number && <span className="item-number">{number}</span>}
      <span className="item-text">{label}</span>
      {required && (
        <span className="required-mark">
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden"> ({t('report.required')})</span>
        </span>
      )}
    </>
  );
}

function usesFieldset(item: Item, optionCount: number): boolean {
  switch (item.type) {
    case 'boolean':
    case 'ranking':
    case 'table':
    case 'repeat':
    case 'loop':
      return true;
    case 'choice':
      return choiceAppearance(item, optionCount) !== 'dropdown' || item.other === true;
    default:
      return false;
  }
}

/** How a single choice shows when the definition does not say: radios for a few options, else a list. */
export function choiceAppearance(
  item: Extract<Item, { type: 'choice' }>,
  optionCount: number,
): 'radio' | 'dropdown' | 'checkbox' {
  if (item.multiple) return item.appearance === 'dropdown' ? 'dropdown' : 'checkbox';
  if (item.appearance === 'dropdown' || item.appearance === 'radio') return item.appearance;
  return optionCount > 8 ? 'dropdown' : 'radio';
}

function control(props: FieldProps): ReactNode {
  const { item } = props;
  switch (item.type) {
    case 'text':
    case 'textarea':
      return <TextField {...props} />;
    case 'integer':
    case 'decimal':
      return <NumberField {...props} />;
    case 'date':
      return <DateField {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'choice':
      return <ChoiceField {...props} />;
    case 'ranking':
      return <RankingField {...props} />;
    case 'table':
      return <TableField {...props} />;
    case 'repeat':
      return <RepeatField {...props} />;
    case 'loop':
      return <LoopField {...props} />;
    case 'file':
      return <FileField {...props} />;
    case 'calculated':
      return <CalculatedField {...props} />;
    case 'note':
    case 'group':
      return null;
  }
}
