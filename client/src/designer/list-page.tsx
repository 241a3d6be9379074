import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../forms/index.ts';
import { navigate } from '../app/router.ts';
import { designerApi, type MappingNote, type QuestionnaireSummary } from './designer-api.ts';
import { MappingReport } from './editor-page.tsx';

const go = (href: string) => (event: { preventDefault: () => void }) => {
  event.preventDefault();
  navigate(href);
};

/** `/designer`: every questionnaire with its draft and versions; a new one from nothing or from XLSForm. */
export function ListPage() {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<QuestionnaireSummary[] | null>(null);
  const [instruments, setInstruments] = useState<{ code: string; name: unknown }[]>([]);
  const [error, setError] = useState('');
  const [key, setKey] = useState('');
  const [instrument, setInstrument] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<{ key: string; notes: MappingNote[] } | null>(null);

  useEffect(() => {
    designerApi.list().then(
      (body) => setList(body.questionnaires),
      (e: Error) => setError(e.message),
    );
    designerApi.instruments().then(
      (body) => {
        setInstruments(body.instruments);
        setInstrument((current) => current || (body.instruments[0]?.code ?? ''));
      },
      () => setInstruments([]),
    );
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      await designerApi.create({
        format: 'ors-questionnaire@1',
        key,
        instrument,
        title: { [i18n.language]: title },
        defaultLanguage: 'en',
        languages: ['en', 'fr', 'es'],
        sections: [
          { id: 'section_1', title: { [i18n.language]: t('designer.list.firstSection') }, items: [] },
        ],
      });
      navigate(`/designer/${key}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const importWorkbook = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError('');
    try {
      const imported = await designerApi.importXlsForm(instrument, file);
      setReport({ key: imported.key, notes: imported.report });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <main id="content" className="page designer-page" tabIndex={-1}>
      <h1>{t('designer.title')}</h1>
      {error && (
        <p className="issue" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('designer.list.title')}</h2>
        {list === null ? (
          <p>{t('designer.loading')}</p>
        ) : list.length === 0 ? (
          <p>{t('designer.list.empty')}</p>
        ) : (
          <table className="designer-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.list.key')}</th>
                <th scope="col">{t('designer.list.instrument')}</th>
                <th scope="col">{t('designer.list.latest')}</th>
                <th scope="col">{t('designer.list.draft')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((q) => (
                <tr key={q.key}>
                  <th scope="row">
                    <a href={`/designer/${q.key}`} onClick={go(`/designer/${q.key}`)}>
                      {q.key}
                    </a>
                  </th>
                  <td>{q.instrument}</td>
                  <td>
                    <a href={`/designer/${q.key}/versions`} onClick={go(`/designer/${q.key}/versions`)}>
                      {q.latestVersion === null
                        ? t('designer.list.unpublished')
                        : t('designer.list.version', { version: q.latestVersion })}
                    </a>
                  </td>
                  <td>{q.hasDraft ? t('designer.list.hasDraft') : t('designer.list.noDraft')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="designer-columns">
        <form className="designer-card" onSubmit={(e) => void create(e)} aria-labelledby="new-title">
          <h2 id="new-title">{t('designer.list.new')}</h2>
          <div className="field">
            <label htmlFor="new-key">{t('designer.list.key')}</label>
            <input
              id="new-key"
              required
              pattern="[a-z0-9][a-z0-9_\-]*"
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby="new-key-hint"
              spellCheck={false}
            />
            <span id="new-key-hint" className="hint">
              {t('designer.list.keyHint')}
            </span>
          </div>
          <InstrumentSelect
            id="new-instrument"
            value={instrument}
            onChange={setInstrument}
            instruments={instruments}
          />
          <div className="field">
            <label htmlFor="new-title-text">{t('designer.list.titleField')}</label>
            <input id="new-title-text" required value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <button type="submit">{t('designer.list.create')}</button>
        </form>
        <form
          className="designer-card"
          onSubmit={(e) => void importWorkbook(e)}
          aria-labelledby="import-title"
        >
          <h2 id="import-title">{t('designer.list.import')}</h2>
          <InstrumentSelect
            id="import-instrument"
            value={instrument}
            onChange={setInstrument}
            instruments={instruments}
          />
          <div className="field">
            <label htmlFor="import-file">{t('designer.list.workbook')}</label>
            <input
              id="import-file"
              type="file"
              accept=".xlsx"
              required
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit">{t('designer.list.importButton')}</button>
        </form>
      </div>
      {report && (
        <>
          <MappingReport notes={report.notes} />
          <p>
            <a href={`/designer/${report.key}`} onClick={go(`/designer/${report.key}`)}>
              {t('designer.list.openImported', { key: report.key })}
            </a>
          </p>
        </>
      )}
    </main>
  );
}

function InstrumentSelect(props: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  instruments: { code: string; name: unknown }[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{t('designer.list.instrument')}</label>
      <select id={props.id} value={props.value} required onChange={(e) => props.onChange(e.target.value)}>
        {props.instruments.map((instrument) => (
          <option key={instrument.code} value={instrument.code}>
            {instrument.code} — {localize(instrument.name as never, i18n.language)}
          </option>
        ))}
      </select>
    </div>
  );
}
