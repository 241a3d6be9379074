import './designer.css';
import { EditorPage } from './editor-page.tsx';
import { ListPage } from './list-page.tsx';
import { TranslationsPage } from './translations-page.tsx';
import { VersionsPage } from './versions-page.tsx';

/**
 * The questionnaire designer: `/designer` lists questionnaires, `/designer/<key>` edits the draft,
 * `/designer/<key>/translations` every text side by side, `/designer/<key>/versions` publishing, history
 * and comparison.
 */
export function DesignerArea({ path, query }: { path: string[]; query: URLSearchParams }) {
  const [key, page] = path;
  if (key === undefined) return <ListPage />;
  if (page === 'translations') return <TranslationsPage questionnaireKey={key} />;
  if (page === 'versions') return <VersionsPage questionnaireKey={key} compare={query} />;
  return <EditorPage key={key} questionnaireKey={key} />;
}
