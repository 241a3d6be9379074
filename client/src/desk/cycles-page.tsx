import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';
import { useSession } from '../app/session.tsx';
import { deskApi } from './desk-api.ts';
import { managedInstruments, problemText } from './desk-format.ts';
import { DeskLink } from './desk-link.tsx';
import { useLoad } from './use-load.ts';

/** `/cycles`: the cycles the person follows, newest first, and the way to open a new one. */
export function CyclesPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [loaded] = useLoad(() => deskApi.cycles(), 'cycles');
  const canOpen = managedInstruments(me?.roles ?? []).length > 0;
  const lang = i18n.language;

  return (
    <main id="content" className="page desk" tabIndex={-1}>
      <h1>{t('desk.title')}</h1>
      <p>{t('desk.cycles.intro')}</p>
      {canOpen && (
        <p>
          <DeskLink to="/cycles/new" className="button">
            {t('desk.cycles.open')}
          </DeskLink>
        </p>
      )}
      {loaded.state === 'loading' && <p role="status">{t('desk.loading')}</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="issue">
          {t('desk.loadFailed', { message: problemText(loaded.error) })}
        </p>
      )}
      {loaded.state === 'ready' && loaded.value.cycles.length === 0 && <p>{t('desk.cycles.none')}</p>}
      {loaded.state === 'ready' && loaded.value.cycles.length > 0 && (
        <div className="table-scroll">
          <table className="desk-table">
            <caption className="visually-hidden">{t('desk.cycles.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.cycles.cycle')}</th>
                <th scope="col">{t('desk.cycles.instrument')}</th>
                <th scope="col">{t('desk.cycles.questionnaire')}</th>
                <th scope="col">{t('desk.cycles.opens')}</th>
                <th scope="col">{t('desk.cycles.deadline')}</th>
                <th scope="col">{t('desk.cycles.state')}</th>
                <th scope="col">{t('desk.cycles.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.cycles.map((cycle) => (
                <tr key={cycle.id}>
                  <th scope="row">
                    <DeskLink to={`/cycles/${cycle.id}`}>{cycle.title}</DeskLink>
                  </th>
                  <td>{cycle.instrument}</td>
                  <td>
                    {t('desk.cycles.version', {
                      key: cycle.questionnaire.key,
                      version: cycle.questionnaire.version,
                    })}
                  </td>
                  <td>{formatDate(cycle.opensAt, lang)}</td>
                  <td>{formatDate(cycle.closesAt, lang)}</td>
                  <td>
                    <span className={`status ${cycle.closedAt ? '' : 'status-submitted'}`}>
                      {cycle.closedAt ? t('desk.cycle.closed') : t('desk.cycle.open')}
                    </span>
                  </td>
                  <td>
                    {t('desk.cycles.submittedOf', { count: cycle.submittedCount, total: cycle.reportCount })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
