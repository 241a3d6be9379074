import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import type { ReportSummary } from '../api/types.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';

/** Every report the person can work on, grouped by instrument and cycle. */
export function MyReportsPage() {
  const { t, i18n } = useTranslation();
  const { setMe } = useSession();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .myReports()
      .then((result) => setReports(result.reports))
      .catch((failure) => {
        if (failure instanceof ApiError && failure.status === 401) setMe(null);
        else setError(failure instanceof Error ? failure.message : String(failure));
      });
  }, [setMe]);

  const groups = new Map<string, ReportSummary[]>();
  for (const report of reports ?? []) {
    const key = `${report.instrument} — ${report.cycle.title}`;
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  const lang = i18n.language;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <main id="content" className="page" tabIndex={-1}>
      <h1>{t('reports.title')}</h1>
      {error && <p className="issue">{t('reports.loadFailed', { message: error })}</p>}
      {reports?.length === 0 && <p>{t('reports.empty')}</p>}
      {[...groups].map(([title, list]) => (
        <section
          key={title}
          className="report-group"
          aria-labelledby={`group-${list[0]?.cycle.id}-${list[0]?.instrument}`}
        >
          <h2 id={`group-${list[0]?.cycle.id}-${list[0]?.instrument}`}>{title}</h2>
          <ul className="report-cards">
            {list.map((report) => {
              const overdue = report.status !== 'submitted' && report.cycle.closesAt.slice(0, 10) < today;
              return (
                <li key={report.id} className="report-card">
                  <h3>
                    <a
                      href={`/reports/${report.id}`}
                      aria-label={t('reports.open', { party: report.party.name, cycle: report.cycle.title })}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(`/reports/${report.id}`);
                      }}
                    >
                      {report.party.name}
                    </a>
                  </h3>
                  <dl>
                    <div>
                      <dt>{t('reports.status')}</dt>
                      <dd>
                        <span className={`status status-${report.status}`}>
                          {t(`status.${report.status}`)}
                        </span>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('reports.deadline')}</dt>
                      <dd>
                        {formatDate(report.cycle.closesAt, lang)}
                        {overdue && <span className="badge"> {t('reports.overdue')}</span>}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('reports.progress')}</dt>
                      <dd>
                        <progress max={100} value={report.progress.percent} aria-hidden="true" />{' '}
                        {t('reports.progressText', { ...report.progress })}
                        {report.issueCount > 0 && (
                          <span className="badge">{t('reports.issues', { count: report.issueCount })}</span>
                        )}
                      </dd>
                    </div>
                    {report.lastChangedAt && (
                      <div>
                        <dt>{t('reports.lastChanged')}</dt>
                        <dd>{formatDateTime(report.lastChangedAt, lang)}</dd>
                      </div>
                    )}
                  </dl>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}
