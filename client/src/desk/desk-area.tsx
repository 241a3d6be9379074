import { useTranslation } from 'react-i18next';
import { CycleDashboardPage } from './cycle-dashboard-page.tsx';
import { CyclesPage } from './cycles-page.tsx';
import { DeskLink } from './desk-link.tsx';
import { OpenCyclePage } from './open-cycle-page.tsx';
import './desk.css';

/**
 * The secretariat's desk under `/cycles`: the list of cycles (`/cycles`), opening one (`/cycles/new`)
 * and a cycle's dashboard (`/cycles/<id>`).
 */
export function DeskArea({ path, query }: { path: string[]; query: URLSearchParams }) {
  const { t } = useTranslation();
  const [first, ...rest] = path;
  if (first === undefined) return <CyclesPage />;
  if (first === 'new' && rest.length === 0) return <OpenCyclePage />;
  if (/^[1-9]\d{0,9}$/.test(first) && rest.length === 0)
    return <CycleDashboardPage key={first} id={Number(first)} query={query} />;
  return (
    <main id="content" className="page" tabIndex={-1}>
      <h1>{t('app.notFound')}</h1>
      <DeskLink to="/cycles">{t('desk.title')}</DeskLink>
    </main>
  );
}
