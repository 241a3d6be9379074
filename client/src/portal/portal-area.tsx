import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router.ts';
import { type PublishedSummary, portalApi } from './portal-api.ts';
import { PublishedReportPage } from './published-report.tsx';
import './portal.css';

/** The public portal: `/portal` lists the published reports, `/portal/<id>` shows one. No sign-in. */
export function PortalArea({ path, query }: { path: string[]; query: URLSearchParams }) {
  const [first] = path;
  if (first !== undefined && /^\d{1,10}$/.test(first) && path.length === 1) {
    return <PublishedReportPage key={first} id={Number(first)} />;
  }
  return <PortalList query={query} />;
}

function PortalList({ query }: { query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const [reports, setReports] = useState<PublishedSummary[] | null>(null);
  const [error, setError] = useState('');
  const lang = i18n.language;
  const instrument = query.get('instrument') ?? '';
  const cycle = query.get('cycle') ?? '';
  const party = query.get('party') ?? '';

  useEffect(() => {
    portalApi
      .reports(lang)
      .then((found) => setReports(found.reports))
      .catch(() => setError(t('portal.loadFailed')));
  }, [lang, t]);

  const update = (change: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    navigate(text ? `/portal?${text}` : '/portal', true);
  };

  const all = reports ?? [];
  const instruments = [...new Set(all.map((r) => r.instrument))].sort();
  const cycles = [
    ...new Map(
      all.filter((r) => !instrument || r.instrument === instrument).map((r) => [r.cycle.id, r.cycle]),
    ).values(),
  ];
  const words = party.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = all.filter(
    (r) =>
      (!instrument || r.instrument === instrument) &&
      (!cycle || String(r.cycle.id) === cycle) &&
      words.every((word) => `${r.party.code} ${r.party.name}`.toLowerCase().includes(word)),
  );
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });

  return (
    <main id="content" className="page portal" tabIndex={-1}>
      <h1>{t('portal.title')}</h1>
      <p>{t('portal.intro')}</p>
      <search className="portal-search" aria-label={t('portal.search')}>
        <label className="field">
          <span>{t('portal.instrument')}</span>
          <select value={instrument} onChange={(e) => update({ instrument: e.target.value, cycle: '' })}>
            <option value="">{t('portal.any')}</option>
            {instruments.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('portal.cycle')}</span>
          <select value={cycle} onChange={(e) => update({ cycle: e.target.value })}>
            <option value="">{t('portal.any')}</option>
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('portal.party')}</span>
          <input type="search" value={party} onChange={(e) => update({ party: e.target.value })} />
        </label>
      </search>
      <p role="alert" className="issue">
        {error}
      </p>
      <p aria-live="polite">{reports && t('portal.count', { shown: shown.length, total: all.length })}</p>
      {shown.length > 0 && (
        <table className="data-table portal-table">
          <caption className="visually-hidden">{t('portal.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.party')}</th>
              <th scope="col">{t('portal.instrument')}</th>
              <th scope="col">{t('portal.cycle')}</th>
              <th scope="col">{t('portal.published')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a
                    href={`/portal/${r.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/portal/${r.id}`);
                    }}
                  >
                    {r.party.name} ({r.party.code})
                  </a>
                </th>
                <td>{r.instrument}</td>
                <td>{r.cycle.title}</td>
                <td>{r.publishedAt ? date.format(new Date(r.publishedAt)) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
