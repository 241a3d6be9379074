import { useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { type Definition, evaluateReport, formatIssue } from '../../../forms/index.ts';
import type { SaveBody, SaveResult } from '../api/types.ts';
import { planFor } from '../report/form-store.ts';
import { ReportForm } from '../report/report-form.tsx';

/** The preview's report id: answers tried here live in memory, never on the server. */
const previewReportId = -1;

/**
 * The respondent's own form on the current definition, in any of its languages, with answers kept in
 * memory and a panel showing what the engine makes of them: calculations, relevance and issues.
 */
export function PreviewPanel({ definition }: { definition: Definition | null }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState(i18n.language);
  const [party, setParty] = useState('FRA');
  const [section, setSection] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const answersRef = useRef(answers);
  const previewI18n = useMemo(() => i18n.cloneInstance({ lng: lang }), [i18n, lang]);
  // A new definition remounts the form (it compiles its plan once), keeping the answers tried so far.
  const generation = useRef({ definition, count: 0 });
  if (generation.current.definition !== definition)
    generation.current = { definition, count: generation.current.count + 1 };

  const evaluation = useMemo(
    () => (definition ? evaluateReport(planFor(definition), answers, { party }) : null),
    [definition, answers, party],
  );

  const send = async (body: SaveBody): Promise<SaveResult> => {
    const next = { ...answersRef.current, ...body.set };
    for (const id of body.unset ?? []) delete next[id];
    answersRef.current = next;
    setAnswers(next);
    const result = definition ? evaluateReport(planFor(definition), next, { party }) : null;
    return {
      revision: body.baseRevision + 1,
      issues: result?.issues ?? [],
      progress: result?.progress ?? { answered: 0, required: 0, percent: 100 },
      calculated: result?.calculated ?? {},
    } as SaveResult;
  };

  const languages = definition?.languages ?? [];
  return (
    <section className="designer-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('designer.preview.title')}</h2>
      <div className="preview-controls">
        <div className="field">
          <label htmlFor="preview-language">{t('designer.preview.language')}</label>
          <select id="preview-language" value={lang} onChange={(e) => setLang(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`designer.language.${l}`, { defaultValue: l })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="preview-party">{t('designer.preview.party')}</label>
          <input
            id="preview-party"
            value={party}
            size={5}
            onChange={(e) => setParty(e.target.value.toUpperCase())}
          />
        </div>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            answersRef.current = {};
            setAnswers({});
            generation.current = { definition, count: generation.current.count + 1 };
          }}
        >
          {t('designer.preview.clear')}
        </button>
      </div>
      {definition === null ? (
        <p className="notice">{t('designer.preview.invalid')}</p>
      ) : (
        <>
          <div className="preview-form" lang={lang}>
            <I18nextProvider i18n={previewI18n}>
              <ReportForm
                key={`${generation.current.count}-${lang}-${party}`}
                reportId={previewReportId}
                definition={definition}
                answers={answersRef.current}
                revision={0}
                party={party}
                section={section}
                onSection={setSection}
                send={send}
                embedded
              />
            </I18nextProvider>
          </div>
          {evaluation && (
            <div className="preview-state" aria-live="polite">
              <h3>{t('designer.preview.calculated')}</h3>
              {Object.keys(evaluation.calculated).length === 0 ? (
                <p>{t('designer.preview.none')}</p>
              ) : (
                <dl className="preview-values">
                  {Object.entries(evaluation.calculated).map(([key, value]) => (
                    <div key={key}>
                      <dt>
                        <code>{key}</code>
                      </dt>
                      <dd data-calculated={key}>{value === null ? '—' : JSON.stringify(value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
              <h3>{t('designer.preview.irrelevant')}</h3>
              <p data-irrelevant>
                {evaluation.irrelevant.length === 0
                  ? t('designer.preview.none')
                  : evaluation.irrelevant.join(', ')}
              </p>
              <h3>{t('designer.preview.issues', { count: evaluation.issues.length })}</h3>
              <ul>
                {evaluation.issues.slice(0, 50).map((issue) => (
                  <li key={`${issue.key}-${issue.code}`}>
                    <code>{issue.key}</code>: {definition && formatIssue(issue, lang, planFor(definition))}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
