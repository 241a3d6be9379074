import { useTranslation } from 'react-i18next';

/** The designer area: reads `path` (the address below its prefix) and shows the matching page. */
export function DesignerArea({ path, query }: { path: string[]; query: URLSearchParams }) {
  const { t } = useTranslation();
  void path;
  void query;
  return (
    <main id="content" className="page" tabIndex={-1}>
      <h1>{t('designer.title')}</h1>
    </main>
  );
}
