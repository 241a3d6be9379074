import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compileDefinition,
  type Definition,
  type LocalizedText,
  localize,
  type PlannedItem,
} from '../../../forms/index.ts';
import { ApiError } from '../api/api-error.ts';
import { navigate } from '../app/router.ts';
import { chooseLanguage, languages } from '../i18n/index.ts';
import { formatAnswer } from '../report/format-answer.ts';
import { type PublishedReport, portalApi } from './portal-api.ts';

const empty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** One published report, as submitted: its answered questions in the reader's language, and its PDF. */
export function PublishedReportPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [report, setReport] = useState<PublishedReport | null>(null);
  const [definition, setDefinition] = useState<Definition | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    portalApi
      .report(id, lang)
      .then(async (found) => {
        const version = await portalApi.definition(found.questionnaire.key, found.questionnaire.version);
        if (!live) return;
        setReport(found);
        setDefinition(version.definition);
      })
      .catch((e: unknown) => {
        if (live)
          setError(e instanceof ApiError && e.status === 404 ? t('portal.notFound') : t('portal.loadFailed'));
      });
    return () => {
      live = false;
    };
  }, [id, lang, t]);

  const plan = useMemo(() => (definition ? compileDefinition(definition) : null), [definition]);
  const text = (value: LocalizedText | undefined | null) =>
    localize(value ?? '', lang, definition?.defaultLanguage ?? 'en');

  const back = (
    <a
      href="/portal"
      onClick={(event) => {
        event.preventDefault();
        navigate('/portal');
      }}
    >
      {t('portal.back')}
    </a>
  );
  if (error) {
    return (
      <main id="content" className="page portal" tabIndex={-1}>
        <h1>{t('portal.title')}</h1>
        <p role="alert" className="issue">
          {error}
        </p>
        {back}
      </main>
    );
  }
  if (!report || !plan || !definition) {
    return (
      <main id="content" className="page portal" tabIndex={-1} aria-busy="true">
        <p>{t('portal.loading')}</p>
      </main>
    );
  }

  const children = new Map<string | null, PlannedItem[]>();
  for (const item of plan.items)
    children.set(item.parentKey, [...(children.get(item.parentKey) ?? []), item]);
  const words = { yes: t('portal.yes'), no: t('portal.no'), empty: t('portal.unanswered') };
  const format = (item: PlannedItem, value: unknown) =>
    formatAnswer(item.item, item.options, value, (label) => text(label), words);
  const answerOf = (item: PlannedItem) =>
    item.type === 'calculated' ? report.calculated[item.key] : report.answers[item.id];
  const answeredIn = (item: PlannedItem): boolean =>
    item.type === 'group'
      ? (children.get(item.key) ?? []).some(answeredIn)
      : item.type !== 'note' && !empty(answerOf(item));
  const heading = (item: PlannedItem) =>
    `${'number' in item.item && item.item.number ? `${item.item.number} ` : ''}${text(item.item.label ?? item.id)}`;

  const columnHeads = (columns: PlannedItem[], rowHeads: boolean) => (
    <thead>
      <tr>
        {rowHeads && <td />}
        {columns.map((column) => (
          <th key={column.key} scope="col">
            {text(column.item.label ?? column.id)}
          </th>
        ))}
      </tr>
    </thead>
  );

  const renderItem = (item: PlannedItem): React.ReactNode => {
    if (!answeredIn(item)) return null;
    const value = answerOf(item);
    const inner = children.get(item.key) ?? [];
    switch (item.type) {
      case 'group':
        return (
          <section key={item.key} className="portal-group">
            <h3>{heading(item)}</h3>
            {inner.map(renderItem)}
          </section>
        );
      case 'table':
      case 'loop': {
        const rows = (item.options ?? []).filter(
          (row) => !empty((value as Record<string, unknown>)[row.value]),
        );
        return (
          <div key={item.key} className="portal-question">
            <table className="data-table">
              <caption>{heading(item)}</caption>
              {columnHeads(inner, true)}
              <tbody>
                {rows.map((row) => {
                  const cells = ((value as Record<string, Record<string, unknown>>)[row.value] ??
                    {}) as Record<string, unknown>;
                  return (
                    <tr key={row.value}>
                      <th scope="row">{text(row.label)}</th>
                      {inner.map((column) => (
                        <td key={column.key}>
                          {empty(cells[column.id]) ? '' : format(column, cells[column.id])}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      }
      case 'repeat': {
        const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
        return (
          <div key={item.key} className="portal-question">
            <table className="data-table">
              <caption>{heading(item)}</caption>
              {columnHeads(inner, false)}
              <tbody>
                {rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: repeat rows are identified by their place
                  <tr key={i}>
                    {inner.map((column) => (
                      <td key={column.key}>{empty(row[column.id]) ? '' : format(column, row[column.id])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }
      case 'file': {
        const files = (Array.isArray(value) ? value : [value]) as { name?: string }[];
        return (
          <dl key={item.key} className="portal-question">
            <dt>{heading(item)}</dt>
            <dd>{files.map((file) => file.name ?? '').join(', ')}</dd>
          </dl>
        );
      }
      default: {
        const other =
          item.item.type === 'choice' && item.item.other ? report.answers[`${item.id}_other`] : undefined;
        return (
          <dl key={item.key} className="portal-question">
            <dt>{heading(item)}</dt>
            <dd>
              {format(item, value)}
              {typeof other === 'string' && other !== '' ? ` — ${other}` : ''}
            </dd>
          </dl>
        );
      }
    }
  };

  const inLanguage = report.languages.includes(lang);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  return (
    <main
      id="content"
      className="page portal"
      tabIndex={-1}
      lang={inLanguage ? lang : definition.defaultLanguage}
    >
      {back}
      <h1>
        {report.party.name} — {text(definition.title)}
      </h1>
      <dl className="portal-meta">
        <div>
          <dt>{t('portal.instrument')}</dt>
          <dd>{report.instrument}</dd>
        </div>
        <div>
          <dt>{t('portal.cycle')}</dt>
          <dd>{report.cycle.title}</dd>
        </div>
        <div>
          <dt>{t('portal.submitted')}</dt>
          <dd>{report.submittedAt ? date.format(new Date(report.submittedAt)) : ''}</dd>
        </div>
      </dl>
      {!inLanguage && (
        <p className="notice">
          {t('portal.otherLanguage', {
            languages: report.languages.map((l) => t(`language.${l}`)).join(', '),
          })}
        </p>
      )}
      {report.languages.length > 1 && (
        <nav className="portal-languages" aria-label={t('portal.languages')}>
          {report.languages
            .filter((code): code is (typeof languages)[number] =>
              (languages as readonly string[]).includes(code),
            )
            .map((code) => (
              <button
                key={code}
                type="button"
                className="link-button"
                lang={code}
                aria-pressed={code === lang}
                onClick={() => chooseLanguage(code)}
              >
                {t(`language.${code}`)}
              </button>
            ))}
        </nav>
      )}
      <p>
        <a
          className="button"
          href={portalApi.pdfUrl(report.id, inLanguage ? lang : definition.defaultLanguage)}
          download
        >
          {t('portal.pdf')}
        </a>
      </p>
      {definition.sections.map((section) => {
        const items = (children.get(null) ?? []).filter((item) => item.sectionId === section.id);
        const shown = items.filter(answeredIn);
        return (
          <section key={section.id} className="portal-section" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>{text(section.title)}</h2>
            {shown.length === 0 ? (
              <p>{t('portal.sectionEmpty')}</p>
            ) : (
              <div className="portal-answers">{shown.map(renderItem)}</div>
            )}
          </section>
        );
      })}
    </main>
  );
}
