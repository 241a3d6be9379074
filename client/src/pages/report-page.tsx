import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../forms/index.ts';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import type { Report } from '../api/types.ts';
import { formatDate } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { collabApi, type HandOver } from '../report/collab-api.ts';
import { Contributions } from '../report/contributions.ts';
import { planFor } from '../report/form-store.ts';
import { contributesTo, editableThrough, writesWholeReport } from '../report/handed-parts.ts';
import { HandedToYou, HandOverPanel } from '../report/handover-panel.tsx';
import { PrefillPanel } from '../report/prefill-panel.tsx';
import { ReportForm } from '../report/report-form.tsx';
import '../report/collab.css';
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

export function ReportPage({ id, section }: { id: number; section: string | null }) {
  const { t, i18n } = useTranslation();
  const { me, setMe } = useSession();
  const [loaded, setLoaded] = useState<{ report: Report; definition: Definition } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [handOvers, setHandOvers] = useState<HandOver[]>([]);
  /** Bumped when answers changed outside the form (prefill accepted): the form starts again from them. */
  const [formVersion, setFormVersion] = useState(0);
  const [contributions] = useState(() => new Contributions());
  const contributionsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadContributions = useCallback(() => {
    collabApi.contributions(id).then(
      (result) => contributions.set(result.answers),
      () => {},
    );
  }, [id, contributions]);

  /** After saves, at most once every two seconds. */
  const refreshContributions = useCallback(() => {
    if (contributionsTimer.current !== null) return;
    contributionsTimer.current = setTimeout(() => {
      contributionsTimer.current = null;
      loadContributions();
    }, 2000);
  }, [loadContributions]);

  useEffect(
    () => () => {
      if (contributionsTimer.current !== null) clearTimeout(contributionsTimer.current);
    },
    [],
  );

  const loadHandOvers = useCallback(async () => {
    try {
      setHandOvers((await collabApi.handOvers(id)).handovers);
    } catch {
      setHandOvers([]);
    }
  }, [id]);

  const load = useCallback(async () => {
    try {
      const report = await api.report(id);
      const definition = await definitionOf(report.questionnaire.key, report.questionnaire.version);
      setLoaded({ report, definition });
      loadContributions();
      await loadHandOvers();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setMe(null);
      else setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [id, setMe, loadContributions, loadHandOvers]);

  useEffect(() => {
    void load();
  }, [load]);

  const roles = me?.roles ?? [];
  const party = loaded?.report.party.code ?? '';
  const instrument = loaded?.report.instrument ?? '';
  const whole = writesWholeReport(roles, party, instrument);
  const contributor = !whole && contributesTo(roles, party, instrument);
  const mine = useMemo(() => handOvers.filter((each) => each.contributor.id === me?.id), [handOvers, me?.id]);
  const definitionLoaded = loaded?.definition;
  const editable = useMemo(() => {
    if (!contributor || !definitionLoaded) return undefined;
    const plan = planFor(definitionLoaded);
    return editableThrough(mine, (answerId) => plan.sectionOf(answerId));
  }, [contributor, definitionLoaded, mine]);

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
      {!submitted && whole && (
        <HandOverPanel
          reportId={report.id}
          definition={definition}
          handOvers={handOvers}
          onChanged={loadHandOvers}
          party={party}
          instrument={instrument}
        />
      )}
      {!submitted && contributor && (
        <HandedToYou
          reportId={report.id}
          definition={definition}
          handOvers={mine}
          onChanged={loadHandOvers}
        />
      )}
      {!submitted && (whole || mine.length > 0) && (
        <PrefillPanel
          reportId={report.id}
          definition={definition}
          editable={editable ?? (() => true)}
          onApplied={async () => {
            await load();
            setFormVersion((version) => version + 1);
            loadContributions();
          }}
        />
      )}
    </div>
  );
  return (
    <ReportForm
      key={`${report.status}-${submitted ? report.revision : ''}-${formVersion}`}
      reportId={report.id}
      definition={definition}
      answers={report.answers}
      revision={report.revision}
      party={report.party.code}
      readOnly={submitted || (!whole && !contributor && me !== null)}
      {...(editable ? { editable } : {})}
      canSubmit={!contributor}
      contributions={contributions}
      uploads
      section={section}
      onSection={onSection}
      send={(body) => api.saveAnswers(report.id, body)}
      refetch={() => api.report(report.id)}
      onSubmit={onSubmit}
      onSaved={() => {
        setStarted(true);
        refreshContributions();
      }}
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
