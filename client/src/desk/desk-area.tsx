import { useTranslation } from 'react-i18next';

/** The desk area: reads `path` (the address below its prefix) and shows the matching page. */
export function DeskArea({ path, query }: { path: string[]; query: URLSearchParams }) {
  const { t } = useTranslation();
  void path;
  void query;
  return (
    <main id="content" className="page" tabIndex={-1}>
      <h1>{t('desk.title')}</h1>
    </main>
  );
}
