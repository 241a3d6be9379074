import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import type { CycleReport } from './desk-api.ts';
import { DeskLink } from './desk-link.tsx';
import { statusOrder } from './status-chart.tsx';

type Column = 'party' | 'status' | 'progress' | 'issues' | 'lastChanged' | 'submitted' | 'published';
type Filter = '' | CycleReport['status'] | 'reopen_requested' | 'published';

const columns: Column[] = ['party', 'status', 'progress', 'issues', 'lastChanged', 'submitted', 'published'];
const filters: Filter[] = ['', 'not_started', 'in_progress', 'submitted', 'reopen_requested', 'published'];

function filterOf(value: string | null): Filter {
  return filters.find((filter) => filter === value) ?? '';
}

/** What a column sorts by: text or a number (dates as milliseconds, missing ones first). */
function sortValue(report: CycleReport, column: Column): string | number {
  const time = (value: string | null) => (value ? Date.parse(value) : -1);
  switch (column) {
    case 'party':
      return report.party.name.toLocaleLowerCase();
    case 'status':
      return statusOrder.indexOf(report.status);
    case 'progress':
      return report.progress.percent;
    case 'issues':
      return report.issueCount;
    case 'lastChanged':
      return time(report.lastChangedAt);
    case 'submitted':
      return time(report.submittedAt);
    case 'published':
      return time(report.publishedAt);
  }
}

function matches(report: CycleReport, filter: Filter, search: string): boolean {
  if (filter === 'reopen_requested' && report.reopenRequestedAt === null) return false;
  if (filter === 'published' && report.publishedAt === null) return false;
  if (filter !== '' && filter !== 'reopen_requested' && filter !== 'published' && report.status !== filter)
    return false;
  const text = search.trim().toLocaleLowerCase();
  return (
    text === '' ||
    report.party.name.toLocaleLowerCase().includes(text) ||
    report.party.code.toLocaleLowerCase().includes(text)
  );
}

/**
 * Every Party's report of a cycle: filtered by status and by Party, sorted by any column (the header
 * buttons; again reverses), each opening its report or the panel of what the secretariat can do with it.
 */
export function ReportTable({
  reports,
  query,
  selected,
  onSelect,
  canManage,
}: {
  reports: CycleReport[];
  query: URLSearchParams;
  selected: number | null;
  onSelect: (id: number) => void;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>(() => filterOf(query.get('status')));
  const [search, setSearch] = useState(() => query.get('q') ?? '');
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>(() => ({
    column: columns.find((column) => column === query.get('sort')) ?? 'party',
    ascending: query.get('order') !== 'desc',
  }));

  // The view is in the address, so that it can be bookmarked or sent ("who has not started").
  useEffect(() => {
    const params = new URLSearchParams();
    if (filter) params.set('status', filter);
    if (search) params.set('q', search);
    if (sort.column !== 'party') params.set('sort', sort.column);
    if (!sort.ascending) params.set('order', 'desc');
    const text = params.toString();
    const here = window.location.pathname;
    if (window.location.search !== (text ? `?${text}` : '')) navigate(text ? `${here}?${text}` : here, true);
  }, [filter, search, sort]);

  const shown = useMemo(() => {
    const rows = reports.filter((report) => matches(report, filter, search));
    const direction = sort.ascending ? 1 : -1;
    return rows.sort((a, b) => {
      const left = sortValue(a, sort.column);
      const right = sortValue(b, sort.column);
      const order =
        typeof left === 'string' && typeof right === 'string'
          ? left.localeCompare(right, i18n.language)
          : Number(left) - Number(right);
      return order * direction || a.party.code.localeCompare(b.party.code);
    });
  }, [reports, filter, search, sort, i18n.language]);

  const sortBy = (column: Column) =>
    setSort((current) => ({
      column,
      ascending: current.column === column ? !current.ascending : true,
    }));

  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('desk.table.title')}</h2>
      <div className="desk-filters">
        <div className="field">
          <label htmlFor="status-filter">{t('desk.table.filterStatus')}</label>
          <select
            id="status-filter"
            value={filter}
            onChange={(event) => setFilter(filterOf(event.target.value))}
          >
            <option value="">{t('desk.table.all')}</option>
            {statusOrder.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
            <option value="reopen_requested">{t('desk.table.reopenRequested')}</option>
            <option value="published">{t('desk.table.published')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="party-search">{t('desk.table.search')}</label>
          <input
            id="party-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </div>
      <p role="status" className="desk-count">
        {t('desk.table.showing', { count: shown.length, total: reports.length })}
      </p>
      <div className="table-scroll">
        <table className="desk-table">
          <caption className="visually-hidden">{t('desk.table.caption')}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort.column === column;
                return (
                  <th
                    key={column}
                    scope="col"
                    aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(column)}>
                      {t(`desk.table.${column}`)}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.ascending ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t('desk.table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((report) => (
              <tr key={report.id} className={selected === report.id ? 'selected' : undefined}>
                <th scope="row">
                  {report.party.name} <span className="muted">({report.party.code})</span>
                </th>
                <td>
                  <span className={`status status-${report.status}`}>{t(`status.${report.status}`)}</span>
                  {report.reopenRequestedAt && (
                    <span className="badge">{t('desk.table.reopenRequested')}</span>
                  )}
                </td>
                <td>
                  <progress
                    max={100}
                    value={report.progress.percent}
                    aria-label={t('desk.table.progressOf', { party: report.party.name })}
                  />{' '}
                  {report.progress.percent}%
                </td>
                <td>{report.issueCount}</td>
                <td>{formatDateTime(report.lastChangedAt, i18n.language) || '—'}</td>
                <td>{formatDateTime(report.submittedAt, i18n.language) || '—'}</td>
                <td>{formatDateTime(report.publishedAt, i18n.language) || '—'}</td>
                <td className="row-actions">
                  <DeskLink to={`/reports/${report.id}`}>
                    {t('desk.table.open')}
                    <span className="visually-hidden"> {report.party.name}</span>
                  </DeskLink>
                  {canManage && (
                    <button
                      type="button"
                      className="secondary"
                      data-report={report.id}
                      aria-expanded={selected === report.id}
                      aria-controls={selected === report.id ? 'report-actions' : undefined}
                      onClick={() => onSelect(report.id)}
                    >
                      {t('desk.table.manage')}
                      <span className="visually-hidden"> {report.party.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
