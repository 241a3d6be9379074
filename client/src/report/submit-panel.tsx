import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerIssue } from '../../../forms/index.ts';
import { useDerived, useReport } from './report-context.tsx';

export interface SubmitOutcome {
  ok: boolean;
  message?: string;
}

/** The issues that remain, each a link to its item, and the submit button. */
export function SubmitPanel({
  onGoTo,
  onSubmit,
}: {
  onGoTo: (key: string) => void;
  onSubmit: () => Promise<SubmitOutcome>;
}) {
  const { t } = useTranslation();
  const { store, text, issueText } = useReport();
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  // Recomputed only while this panel is shown.
  const issuesText = useDerived(() => JSON.stringify(store.form.issues()));
  const issues = JSON.parse(issuesText) as AnswerIssue[];

  const labelOf = (issue: AnswerIssue) => {
    const planned = store.plan.item(issue.itemId);
    const item = planned?.item;
    const label = item && 'label' in item && item.label !== undefined ? text(item.label) : issue.itemId;
    const where = issue.path.length > 1 ? ` (${issue.path.slice(1, -1).join(' › ')})` : '';
    return `${item?.number ? `${item.number} ` : ''}${label}${where}`;
  };

  return (
    <section className="submit-panel" aria-labelledby="submit-title">
      <h2 id="submit-title">{t('submit.title')}</h2>
      {issues.length > 0 ? (
        <>
          <p>{t('submit.remaining', { count: issues.length })}</p>
          <ul className="issue-links">
            {issues.map((issue) => (
              <li key={`${issue.key}:${issue.code}`}>
                <a
                  href={`?section=${encodeURIComponent(issue.sectionId)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    onGoTo(issue.key);
                  }}
                >
                  {labelOf(issue)}
                </a>
                : {issueText(issue)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('submit.none')}</p>
      )}
      <button
        type="button"
        className="primary"
        disabled={working}
        onClick={async () => {
          setWorking(true);
          setOutcome(null);
          const result = await onSubmit();
          setOutcome(result);
          setWorking(false);
        }}
      >
        {working ? t('submit.working') : t('submit.button')}
      </button>
      <div aria-live="assertive" className="submit-outcome">
        {outcome && !outcome.ok && <p className="issue">{outcome.message}</p>}
      </div>
    </section>
  );
}
