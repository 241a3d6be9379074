import { useTranslation } from 'react-i18next';
import { useDerived, useReport } from './report-context.tsx';

export const SUBMIT_SECTION = 'submit';

/** The sections with their progress and issue counts; the submit step last. */
export function SectionNav({ current, onSelect }: { current: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const { store, text, readOnly, canSubmit } = useReport();
  const progressText = useDerived(() => JSON.stringify(store.form.progress().sections));
  const progress = JSON.parse(progressText) as Record<
    string,
    { percent: number; issues: number; relevant: boolean } | undefined
  >;
  return (
    <nav className="section-nav" aria-label={t('report.sections')}>
      <h2 className="nav-title">{t('report.sections')}</h2>
      <ol>
        {store.definition.sections.map((section) => {
          const entry = progress[section.id];
          const relevant = entry?.relevant ?? true;
          return (
            <li key={section.id}>
              <a
                href={`?section=${encodeURIComponent(section.id)}`}
                aria-current={current === section.id ? 'step' : undefined}
                className={relevant ? undefined : 'not-applicable'}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(section.id);
                }}
              >
                <span className="nav-section-title">{text(section.title)}</span>
                {relevant ? (
                  <span className="nav-meta">
                    <progress className="meter" aria-hidden="true" max={100} value={entry?.percent ?? 0} />
                    <span>{t('report.sectionStatus', { percent: entry?.percent ?? 0 })}</span>
                    {(entry?.issues ?? 0) > 0 && (
                      <span className="badge">{t('report.issues', { count: entry?.issues ?? 0 })}</span>
                    )}
                  </span>
                ) : (
                  <span className="nav-meta">{t('report.notApplicable')}</span>
                )}
              </a>
            </li>
          );
        })}
        {!readOnly && canSubmit && (
          <li>
            <a
              href={`?section=${SUBMIT_SECTION}`}
              aria-current={current === SUBMIT_SECTION ? 'step' : undefined}
              onClick={(event) => {
                event.preventDefault();
                onSelect(SUBMIT_SECTION);
              }}
            >
              <span className="nav-section-title">{t('submit.title')}</span>
            </a>
          </li>
        )}
      </ol>
    </nav>
  );
}
