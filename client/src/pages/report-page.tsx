import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../forms/index.ts';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import type { Report } from '../api/types.ts';
import { formatDate } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { ReportForm } from '../report/report-form.tsx';
import type { SubmitOutcome } from '../report/submit-panel.tsx';

const definitions = new Map<string, Promise<Definition>>();

/** A published questionnaire version never changes: fetched once per page load. */
function definitionOf(key: string, version: number): Promise<Definition> {
  const id = `${key}@${version}`;
  let found = definitions.get(id);
  if (!found) {
    found = api.questionnaire(key, version).then((v) => v.definition);
    found.catch(() => definitions.delete(id));
    definitions.set(id, found);
  }
  return found;
}

let uploads: Promise<boolean> | null = null;

export function ReportPage({ id, section }: { id: number; section: string | null }) {
  const { t, i18n } = useTranslation();
  const { setMe } = useSession();
  const [loaded, setLoaded] = useState<{ report: Report; definition: Definition; uploads: boolean } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [started, setStarted] = useState(false);

  const load = useCallback(async () => {
    try {
      const report = await api.report(id);
      uploads ??= api.uploadsAvailable();
      const [definition, canUpload] = await Promise.all([
        definitionOf(report.questionnaire.key, report.questionnaire.version),
        uploads,
      ]);
      setLoaded({ report, definition, uploads: canUpload });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setMe(null);
      else setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [id, setMe]);

  useEffect(() => {
    void load();
  }, [load]);

  const onSection = (next: string) => {
    navigate(`/reports/${id}?section=${encodeURIComponent(next)}`);
    document.getElementById('content')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  };

  const onSubmit = async (): Promise<SubmitOutcome> => {
    try {
      await api.submit(id);
      setNotice(t('submit.done'));
      navigate(`/reports/${id}`, true);
      await load();
      return { ok: true };
    } catch (failure) {
      const message =
        failure instanceof ApiError
          ? failure.problem.detail || failure.problem.title
          : failure instanceof Error
            ? failure.message
            : String(failure);
      return { ok: false, message: t('submit.refused', { message }) };
    }
  };

  if (error) {
    return (
      <main id="content" className="page" tabIndex={-1}>
        <p className="issue">{t('report.loadFailed', { message: error })}</p>
      </main>
    );
  }
  if (!loaded) {
    return (
      <main id="content" className="page" tabIndex={-1} aria-busy="true">
        <p>{t('report.loading')}</p>
      </main>
    );
  }
  const { report, definition } = loaded;
  const lang = i18n.language;
  const submitted = report.status === 'submitted';
  const status = started && report.status === 'not_started' ? 'in_progress' : report.status;
  const header = (
    <div className="report-header">
      <p className="breadcrumb">
        <a
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('reports.title')}
        </a>
      </p>
      <h1>
        {report.party.name} — {report.cycle.title}
      </h1>
      <p className="report-meta">
        <span>{t('report.deadline', { date: formatDate(report.cycle.closesAt, lang) })}</span>{' '}
        <span className={`status status-${status}`}>{t(`status.${status}`)}</span>
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {submitted && <SubmittedBanner report={report} onRequested={load} />}
    </div>
  );
  return (
    <ReportForm
      key={`${report.status}-${submitted ? report.revision : ''}`}
      reportId={report.id}
      definition={definition}
      answers={report.answers}
      revision={report.revision}
      party={report.party.code}
      readOnly={submitted}
      uploads={loaded.uploads}
      section={section}
      onSection={onSection}
      send={(body) => api.saveAnswers(report.id, body)}
      refetch={() => api.report(report.id)}
      onSubmit={onSubmit}
      onSaved={() => setStarted(true)}
      header={header}
    />
  );
}

function SubmittedBanner({ report, onRequested }: { report: Report; onRequested: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;
  return (
    <div className="submitted-banner">
      <p>{t('report.readOnly', { date: formatDate(report.submittedAt, lang) })}</p>
      <p className="actions">
        <a className="button" href={api.exportUrl(report.id)} download>
          {t('report.downloadPdf')}
        </a>
        {report.reopenRequestedAt ? (
          <span role="status">
            {t('report.reopenRequested', { date: formatDate(report.reopenRequestedAt, lang) })}
          </span>
        ) : (
          !asking && (
            <button type="button" className="secondary" onClick={() => setAsking(true)}>
              {t('report.requestReopen')}
            </button>
          )
        )}
      </p>
      {asking && !report.reopenRequestedAt && (
        <form
          className="reopen-form"
          onSubmit={async (event) => {
            event.preventDefault();
            setError(null);
            try {
              await api.requestReopen(report.id, reason);
              setAsking(false);
              await onRequested();
            } catch (failure) {
              setError(failure instanceof Error ? failure.message : String(failure));
            }
          }}
        >
          <label htmlFor="reopen-reason">{t('report.reopenReason')}</label>
          <textarea
            id="reopen-reason"
            rows={3}
            value={reason}
            required
            onChange={(e) => setReason(e.target.value)}
          />
          <div aria-live="assertive">
            {error && <p className="issue">{t('report.reopenFailed', { message: error })}</p>}
          </div>
          <button type="submit" className="primary" disabled={reason.trim() === ''}>
            {t('report.sendRequest')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            {t('report.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}
