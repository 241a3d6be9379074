import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { CycleSettings } from './cycle-settings.tsx';
import { type DeskStatus, deskApi } from './desk-api.ts';
import { managedInstruments, problemText } from './desk-format.ts';
import { DeskLink } from './desk-link.tsx';
import { ProgressChart } from './progress-chart.tsx';
import { RemindAll } from './remind-all.tsx';
import { ReopenRequests } from './reopen-requests.tsx';
import { ReportActions } from './report-actions.tsx';
import { ReportTable } from './report-table.tsx';
import { StatusChart } from './status-chart.tsx';
import { TimelineChart } from './timeline-chart.tsx';
import { useLoad } from './use-load.ts';

/**
 * `/cycles/<id>`: one cycle's dashboard. Every Party's report with its status, progress and last change;
 * charts of the statuses and of their course day by day; for the instrument's secretariat, the cycle's
 * settings, the actions on each report and the requests to reopen waiting for a decision.
 */
export function CycleDashboardPage({ id, query }: { id: number; query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [selected, setSelected] = useState<number | null>(null);
  const opened = query.get('opened');
  const [message, setMessage] = useState<string>(
    opened ? t('desk.dashboard.opened', { count: Number(opened) }) : '',
  );
  const [loaded, reload] = useLoad(async () => {
    const cycle = await deskApi.cycle(id);
    const canManage = managedInstruments(me?.roles ?? []).includes(cycle.instrument);
    const [reports, timeline, requests] = await Promise.all([
      deskApi.reports(id),
      deskApi.timeline(id),
      canManage ? deskApi.reopenRequests(id) : Promise.resolve({ requests: [] }),
    ]);
    return { cycle, canManage, reports: reports.reports, days: timeline.days, requests: requests.requests };
  }, `cycle-${id}`);

  // Said once: a reload of the page does not say it again.
  useEffect(() => {
    if (opened) navigate(window.location.pathname, true);
  }, [opened]);

  const done = useCallback(
    async (text: string) => {
      await reload();
      setMessage(text);
    },
    [reload],
  );

  const breadcrumb = (
    <p className="breadcrumb">
      <DeskLink to="/cycles">{t('desk.title')}</DeskLink>
    </p>
  );

  if (loaded.state !== 'ready') {
    return (
      <main id="content" className="page desk" tabIndex={-1}>
        {breadcrumb}
        <h1>{t('desk.dashboard.loadingTitle')}</h1>
        {loaded.state === 'loading' ? (
          <p role="status">{t('desk.loading')}</p>
        ) : (
          <p role="alert" className="issue">
            {t('desk.loadFailed', { message: problemText(loaded.error) })}
          </p>
        )}
      </main>
    );
  }

  const { cycle, canManage, reports, days, requests } = loaded.value;
  const counts: Record<DeskStatus, number> = { not_started: 0, in_progress: 0, submitted: 0 };
  for (const report of reports) counts[report.status] += 1;
  const chosen = reports.find((report) => report.id === selected) ?? null;
  const closed = cycle.closedAt !== null;

  return (
    <main id="content" className="page desk" tabIndex={-1}>
      {breadcrumb}
      <h1>{cycle.title}</h1>
      <dl className="desk-facts">
        <div>
          <dt>{t('desk.cycles.instrument')}</dt>
          <dd>{cycle.instrument}</dd>
        </div>
        <div>
          <dt>{t('desk.cycles.questionnaire')}</dt>
          <dd>
            {t('desk.cycles.version', { key: cycle.questionnaire.key, version: cycle.questionnaire.version })}
          </dd>
        </div>
        <div>
          <dt>{t('desk.cycles.opens')}</dt>
          <dd>{formatDate(cycle.opensAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('desk.cycles.deadline')}</dt>
          <dd>{formatDate(cycle.closesAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('desk.cycles.state')}</dt>
          <dd>
            <span className={`status ${closed ? '' : 'status-submitted'}`}>
              {closed ? t('desk.cycle.closed') : t('desk.cycle.open')}
            </span>
          </dd>
        </div>
      </dl>
      <p role="status" className="notice desk-message">
        {message}
      </p>
      {canManage && !closed && (
        <RemindAll cycleId={cycle.id} due={counts.not_started + counts.in_progress} onDone={done} />
      )}
      {canManage && <CycleSettings key={`${cycle.closesAt}-${cycle.closedAt}`} cycle={cycle} onDone={done} />}
      <section aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t('desk.chart.title')}</h2>
        <div className="desk-charts">
          <StatusChart counts={counts} />
          <TimelineChart days={days} />
          <ProgressChart days={days} />
        </div>
      </section>
      {canManage && <ReopenRequests requests={requests} onDone={done} />}
      <ReportTable
        reports={reports}
        query={query}
        selected={selected}
        onSelect={(reportId) => setSelected(reportId === selected ? null : reportId)}
        canManage={canManage}
      />
      {canManage && chosen && (
        <ReportActions
          report={chosen}
          cycleClosed={closed}
          onDone={done}
          onClose={() => {
            const id = chosen.id;
            setSelected(null);
            requestAnimationFrame(() =>
              document.querySelector<HTMLButtonElement>(`[data-report="${id}"]`)?.focus(),
            );
          }}
        />
      )}
    </main>
  );
}
