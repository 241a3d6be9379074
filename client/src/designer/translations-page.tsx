import { memo, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Path } from '../../../forms/index.ts';
import { definitionTexts } from '../../../forms/index.ts';
import { type DefinitionStore, ROOT } from './definition-store.ts';
import { designerApi } from './designer-api.ts';
import { DesignerNav, DraftStatusView, FileButton, useDraft } from './editor-page.tsx';
import { useNode } from './item-form.tsx';

/** `/designer/<key>/translations`: every text in every language side by side, missing ones marked. */
export function TranslationsPage({ questionnaireKey }: { questionnaireKey: string }) {
  const { t } = useTranslation();
  const draft = useDraft(questionnaireKey);
  return (
    <main id="content" className="page designer-page" tabIndex={-1}>
      <DesignerNav questionnaireKey={questionnaireKey} current="translations" />
      <h1>{t('designer.translations.title', { key: questionnaireKey })}</h1>
      {draft.kind === 'loading' && <p>{t('designer.loading')}</p>}
      {draft.kind === 'error' && <p className="issue">{draft.message}</p>}
      {draft.kind === 'missing' && <p className="notice">{t('designer.editor.noDraft')}</p>}
      {draft.kind === 'ready' && (
        <>
          <DraftStatusView autosave={draft.autosave} />
          <Translations
            questionnaireKey={questionnaireKey}
            store={draft.store}
            flush={() => draft.autosave.flush()}
          />
        </>
      )}
    </main>
  );
}

function Translations(props: {
  questionnaireKey: string;
  store: DefinitionStore;
  flush: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { store } = props;
  const rows = useSyncExternalStore(
    (listener) => store.subscribeStructure(listener),
    () => store.treeRows(),
  );
  const root = useNode(store, ROOT);
  const languages = Array.isArray(root?.data.languages) ? (root.data.languages as string[]) : ['en'];
  const sections = rows.filter((row) => row.depth === 0);
  const [section, setSection] = useState<string>(ROOT);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [message, setMessage] = useState('');
  const shown = useMemo(() => {
    if (section === ROOT) return [ROOT];
    const start = rows.findIndex((row) => row.uid === section);
    const end = rows.findIndex((row, i) => i > start && row.depth === 0);
    return rows.slice(start, end === -1 ? undefined : end).map((row) => row.uid);
  }, [rows, section]);

  const download = async () => {
    await props.flush();
    window.location.href = designerApi.links.translations(props.questionnaireKey);
  };
  const upload = async (file: File) => {
    try {
      await props.flush();
      const result = await designerApi.importTranslations(props.questionnaireKey, file);
      store.load((await designerApi.draft(props.questionnaireKey)).definition);
      setMessage(t('designer.translations.imported', { count: result.updated }));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <div className="designer-bar">
        <div className="field">
          <label htmlFor="texts-section">{t('designer.translations.section')}</label>
          <select id="texts-section" value={section} onChange={(e) => setSection(e.target.value)}>
            <option value={ROOT}>{t('designer.tree.settings')}</option>
            {sections.map((row) => (
              <SectionOption key={row.uid} store={store} uid={row.uid} />
            ))}
          </select>
        </div>
        <div className="field checkbox-field">
          <input
            id="only-missing"
            type="checkbox"
            checked={onlyMissing}
            onChange={(e) => setOnlyMissing(e.target.checked)}
          />
          <label htmlFor="only-missing">{t('designer.translations.onlyMissing')}</label>
        </div>
        <button type="button" className="secondary" onClick={() => void download()}>
          {t('designer.translations.export')}
        </button>
        <FileButton
          label={t('designer.translations.import')}
          accept=".xlsx"
          onFile={(file) => void upload(file)}
        />
      </div>
      <p aria-live="polite">{message}</p>
      <table className="designer-table translations-table">
        <caption className="visually-hidden">{t('designer.translations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('designer.translations.where')}</th>
            {languages.map((lang) => (
              <th key={lang} scope="col">
                {t(`designer.language.${lang}`, { defaultValue: lang })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((uid) => (
            <NodeTexts key={uid} store={store} uid={uid} languages={languages} onlyMissing={onlyMissing} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function SectionOption({ store, uid }: { store: DefinitionStore; uid: string }) {
  const { i18n } = useTranslation();
  const node = useNode(store, uid);
  const title = node?.data.title;
  const text =
    typeof title === 'string'
      ? title
      : ((title as Record<string, string> | undefined)?.[i18n.language] ?? '');
  return <option value={uid}>{text || String(node?.data.id ?? '')}</option>;
}

/** The texts of one node, one row each; re-rendered only when that node changes. */
const NodeTexts = memo(function NodeTexts(props: {
  store: DefinitionStore;
  uid: string;
  languages: string[];
  onlyMissing: boolean;
}) {
  const { t } = useTranslation();
  const node = useNode(props.store, props.uid);
  if (!node) return null;
  const defaultLanguage = String(props.store.node(ROOT)?.data.defaultLanguage ?? 'en');
  const texts = definitionTexts(node.data, defaultLanguage);
  const owner = node.kind === 'root' ? '' : String(node.data.id ?? '');
  return (
    <>
      {texts.map(({ path, texts: byLanguage }) => {
        const missing = props.languages.filter((lang) => !byLanguage[lang]);
        if (props.onlyMissing && missing.length === 0) return null;
        const where = [owner, ...path].filter((p) => p !== '').join('.');
        return (
          <tr key={path.join('.')} className={missing.length > 0 ? 'has-missing' : undefined}>
            <th scope="row">
              <code>{where}</code>
            </th>
            {props.languages.map((lang) => (
              <td key={lang} className={byLanguage[lang] ? undefined : 'missing'}>
                <TextCell
                  id={`t-${props.uid}-${path.join('-')}-${lang}`}
                  label={t('designer.translations.cell', {
                    where,
                    language: t(`designer.language.${lang}`, { defaultValue: lang }),
                  })}
                  lang={lang}
                  value={byLanguage[lang] ?? ''}
                  missing={!byLanguage[lang]}
                  onChange={(text) => setText(props.store, props.uid, path, byLanguage, lang, text)}
                />
              </td>
            ))}
          </tr>
        );
      })}
    </>
  );
});

function setText(
  store: DefinitionStore,
  uid: string,
  path: Path,
  current: Record<string, string>,
  lang: string,
  text: string,
) {
  const next = { ...current };
  if (text === '') delete next[lang];
  else next[lang] = text;
  store.set(uid, path, next);
}

function TextCell(props: {
  id: string;
  label: string;
  lang: string;
  value: string;
  missing: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <textarea
        id={props.id}
        aria-label={props.label}
        lang={props.lang}
        rows={1}
        value={props.value}
        aria-describedby={props.missing ? `${props.id}-missing` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.missing && (
        <span id={`${props.id}-missing`} className="missing-mark">
          {t('designer.translations.missing')}
        </span>
      )}
    </>
  );
}
