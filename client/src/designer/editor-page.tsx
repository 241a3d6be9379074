import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CheckResult,
  type Definition,
  formatProblem,
  type Path,
  type Problem,
} from '../../../forms/index.ts';
import { ApiError } from '../api/api-error.ts';
import { navigate } from '../app/router.ts';
import { DefinitionStore, ROOT } from './definition-store.ts';
import { DesignTree } from './design-tree.tsx';
import { designerApi, type MappingNote } from './designer-api.ts';
import { DraftAutosave, unsentDraft } from './draft-autosave.ts';
import { DesignerContext, type DesignerContextValue, fieldId, NodeForm } from './item-form.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { itemOfType, itemTypes } from './schema-fields.ts';
import { runTreeAction, type TreeAction } from './tree-actions.ts';

/** Loads a questionnaire's draft into a store with its autosave; shared by the editor and the translations. */
export function useDraft(key: string, attempt = 0) {
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'missing' }
    | { kind: 'error'; message: string }
    | { kind: 'ready'; store: DefinitionStore; autosave: DraftAutosave; restored: boolean }
  >({ kind: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt loads the draft again.
  useEffect(() => {
    let cancelled = false;
    let autosave: DraftAutosave | null = null;
    designerApi.draft(key).then(
      (draft) => {
        if (cancelled) return;
        const kept = unsentDraft(key);
        const store = new DefinitionStore(draft.definition);
        autosave = new DraftAutosave({
          key,
          store,
          send: (definition) => designerApi.saveDraft(key, definition),
        });
        // Edits made here and never acknowledged come back, and are sent again.
        const restored = kept !== null && JSON.stringify(kept) !== JSON.stringify(draft.definition);
        if (restored) store.load(kept);
        setState({ kind: 'ready', store, autosave, restored });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setState({ kind: 'missing' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    const onHide = () => {
      autosave?.keepLocally();
      void autosave?.flush();
    };
    window.addEventListener('pagehide', onHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onHide);
      autosave?.stop();
    };
  }, [key, attempt]);
  return state;
}

/** The context of the designer's forms: the store, and the checker's problems at a place. */
export function useDesignerContext(store: DefinitionStore): DesignerContextValue {
  return useMemo(() => {
    const samePath = (a: Path, b: Path) => a.length === b.length && a.every((segment, i) => segment === b[i]);
    return {
      store,
      problemsAt: (uid: string, field: Path) => {
        const checked = store.check();
        const problems = checked.ok ? checked.warnings : checked.issues;
        return problems.filter((problem) => {
          const place = store.locate(problem.path);
          return place.uid === uid && samePath(place.field, field);
        });
      },
    };
  }, [store]);
}

/** The checker's verdict, recomputed a moment after the last change. */
function useCheck(store: DefinitionStore): CheckResult {
  const [checked, setChecked] = useState(() => store.check());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribeChange(() => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => setChecked(store.check()), 300);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return checked;
}

export function DraftStatusView({ autosave }: { autosave: DraftAutosave }) {
  const { t } = useTranslation();
  const status = useSyncExternalStore(
    (listener) => autosave.subscribe(listener),
    () => autosave.status(),
  );
  return (
    <div
      className={`save-status save-${status.kind}`}
      role="status"
      aria-live="polite"
      data-status={status.kind}
    >
      <span className="save-dot" aria-hidden="true" />
      <span>{t(`designer.save.${status.kind}`)}</span>
      {(status.kind === 'failed' || status.kind === 'invalid') && (
        <button type="button" className="link-button" onClick={() => void autosave.flush()}>
          {t('designer.save.retry')}
        </button>
      )}
    </div>
  );
}

/** Saves `value` as a JSON file in the person's downloads. */
export function downloadJson(fileName: string, value: unknown) {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** A button that opens a file chooser and hands over the file chosen. */
export function FileButton(props: { label: string; accept: string; onFile: (file: File) => void }) {
  return (
    <label className="button secondary file-button">
      {props.label}
      <input
        type="file"
        accept={props.accept}
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}

/** Focuses the control of a field, once the form of its node has rendered. */
export function focusField(uid: string, field: Path) {
  let frames = 0;
  const find = () => {
    const id = fieldId(uid, field);
    const target =
      document.getElementById(id) ??
      document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"]`) ??
      document.getElementById(`row-${uid}`);
    if (target) {
      const details = target.closest('details');
      if (details) details.open = true;
      target.scrollIntoView({ block: 'center' });
      target.focus();
    } else if (frames++ < 60) requestAnimationFrame(find);
  };
  requestAnimationFrame(find);
}

export function DesignerNav({ questionnaireKey, current }: { questionnaireKey: string; current: string }) {
  const { t } = useTranslation();
  const links = [
    ['edit', `/designer/${questionnaireKey}`],
    ['translations', `/designer/${questionnaireKey}/translations`],
    ['versions', `/designer/${questionnaireKey}/versions`],
  ] as const;
  return (
    <nav className="designer-nav" aria-label={t('designer.nav.label')}>
      <a
        href="/designer"
        onClick={(e) => {
          e.preventDefault();
          navigate('/designer');
        }}
      >
        {t('designer.nav.list')}
      </a>
      {links.map(([name, href]) => (
        <a
          key={name}
          href={href}
          aria-current={name === current ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(href);
          }}
        >
          {t(`designer.nav.${name}`)}
        </a>
      ))}
    </nav>
  );
}

/** `/designer/<key>`: the draft's tree, the form of the selected node, its problems and the live preview. */
export function EditorPage({ questionnaireKey }: { questionnaireKey: string }) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const draft = useDraft(questionnaireKey, attempt);
  return (
    <main id="content" className="page designer-page" tabIndex={-1}>
      <DesignerNav questionnaireKey={questionnaireKey} current="edit" />
      <h1>{t('designer.editor.title', { key: questionnaireKey })}</h1>
      {draft.kind === 'loading' && <p>{t('designer.loading')}</p>}
      {draft.kind === 'error' && <p className="issue">{draft.message}</p>}
      {draft.kind === 'missing' && (
        <NoDraft questionnaireKey={questionnaireKey} onStarted={() => setAttempt((n) => n + 1)} />
      )}
      {draft.kind === 'ready' && (
        <Editor
          questionnaireKey={questionnaireKey}
          store={draft.store}
          autosave={draft.autosave}
          restored={draft.restored}
        />
      )}
    </main>
  );
}

/** A questionnaire whose draft was published: a new draft starts from its latest version. */
function NoDraft({ questionnaireKey, onStarted }: { questionnaireKey: string; onStarted: () => void }) {
  const { t } = useTranslation();
  const [latest, setLatest] = useState<number | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    designerApi.detail(questionnaireKey).then(
      (detail) => setLatest(detail.versions.at(-1)?.version ?? null),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [questionnaireKey]);
  const start = async (version: number) => {
    try {
      await designerApi.draftFrom(questionnaireKey, version);
      onStarted();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <p className="notice">{t('designer.editor.noDraft')}</p>
      {error && <p className="issue">{error}</p>}
      {latest !== null && (
        <button type="button" onClick={() => void start(latest)}>
          {t('designer.versions.draftFrom', { version: latest })}
        </button>
      )}
    </>
  );
}

function Editor(props: {
  questionnaireKey: string;
  store: DefinitionStore;
  autosave: DraftAutosave;
  restored: boolean;
}) {
  const { t } = useTranslation();
  const { store, autosave } = props;
  const context = useDesignerContext(store);
  const checked = useCheck(store);
  const [selected, setSelected] = useState<string>(() => store.treeRows()[0]?.uid ?? ROOT);
  const [lastValid, setLastValid] = useState<Definition | null>(checked.ok ? checked.value : null);
  const [newType, setNewType] = useState('text');
  const [announcement, setAnnouncement] = useState('');
  const [mapping, setMapping] = useState<MappingNote[] | null>(null);
  useEffect(() => {
    if (checked.ok) setLastValid(checked.value);
  }, [checked]);

  const problems: Problem[] = checked.ok ? checked.warnings : checked.issues;
  const errors = problems.filter((p) => p.severity === 'error');

  const act = (action: TreeAction) => {
    if (selected === ROOT) return;
    const next = runTreeAction(store, selected, action);
    setAnnouncement(t(next === null ? 'designer.tree.cannot' : `designer.tree.done.${action}`));
    if (next !== null) {
      setSelected(next);
      requestAnimationFrame(() => document.getElementById(`row-${next}`)?.focus());
    }
  };

  const add = (kind: 'section' | 'item') => {
    const template =
      kind === 'section' ? { id: 'section', title: {}, items: [] } : itemOfType(newType, { id: newType });
    const uid = store.add(kind, template, selected === ROOT ? null : selected);
    if (uid === '') return;
    setSelected(uid);
    setAnnouncement(t('designer.tree.added'));
    focusField(uid, ['label']);
  };

  const exportJson = () => downloadJson(`${props.questionnaireKey}.json`, store.definition());

  const importJson = async (file: File) => {
    try {
      const imported: unknown = JSON.parse(await file.text());
      // The draft stays this questionnaire's: the server refuses another key or instrument.
      const { key, instrument } = store.node(ROOT)?.data ?? {};
      store.load(imported && typeof imported === 'object' ? { ...imported, key, instrument } : imported);
      setSelected(store.treeRows()[0]?.uid ?? ROOT);
      setAnnouncement(t('designer.io.imported'));
    } catch {
      setAnnouncement(t('designer.io.notJson'));
    }
  };

  const importXlsForm = async (file: File) => {
    try {
      const instrument = String(store.node(ROOT)?.data.instrument ?? '');
      const converted = await designerApi.convertXlsForm(instrument, props.questionnaireKey, file);
      setMapping(converted.report);
      if (converted.definition) {
        store.load(converted.definition);
        setSelected(store.treeRows()[0]?.uid ?? ROOT);
      }
      setAnnouncement(t('designer.io.imported'));
    } catch (error) {
      setAnnouncement(error instanceof Error ? error.message : String(error));
    }
  };

  const downloadXlsForm = async () => {
    await autosave.flush();
    window.location.href = designerApi.links.draftXlsForm(props.questionnaireKey);
  };

  return (
    <DesignerContext.Provider value={context}>
      <div className="designer-bar">
        <DraftStatusView autosave={autosave} />
        <span className={errors.length > 0 ? 'badge badge-error' : 'badge'} data-errors={errors.length}>
          {t('designer.problems.count', { count: errors.length })}
        </span>
        <button type="button" className="secondary" onClick={exportJson}>
          {t('designer.io.exportJson')}
        </button>
        <FileButton
          label={t('designer.io.importJson')}
          accept="application/json,.json"
          onFile={(file) => void importJson(file)}
        />
        <button type="button" className="secondary" onClick={() => void downloadXlsForm()}>
          {t('designer.io.exportXlsForm')}
        </button>
        <FileButton
          label={t('designer.io.importXlsForm')}
          accept=".xlsx"
          onFile={(file) => void importXlsForm(file)}
        />
      </div>
      {props.restored && <p className="notice">{t('designer.editor.restored')}</p>}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {mapping && <MappingReport notes={mapping} onClose={() => setMapping(null)} />}
      <div className="designer-grid">
        <section className="designer-tree-panel" aria-labelledby="tree-title">
          <h2 id="tree-title">{t('designer.tree.title')}</h2>
          <div className="tree-toolbar" role="toolbar" aria-label={t('designer.tree.toolbar')}>
            <button
              type="button"
              className={selected === ROOT ? 'secondary selected' : 'secondary'}
              aria-pressed={selected === ROOT}
              onClick={() => setSelected(ROOT)}
            >
              {t('designer.tree.settings')}
            </button>
            <label htmlFor="new-item-type" className="visually-hidden">
              {t('designer.tree.newType')}
            </label>
            <select id="new-item-type" value={newType} onChange={(e) => setNewType(e.target.value)}>
              {[...itemTypes.keys()].map((type) => (
                <option key={type} value={type}>
                  {t(`designer.type.${type}`)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => add('item')}>
              {t('designer.tree.addItem')}
            </button>
            <button type="button" className="secondary" onClick={() => add('section')}>
              {t('designer.tree.addSection')}
            </button>
            {(['up', 'down', 'in', 'out', 'duplicate', 'delete'] as const).map((action) => (
              <button
                key={action}
                type="button"
                className="secondary"
                disabled={selected === ROOT}
                onClick={() => act(action)}
                aria-keyshortcuts={shortcutNames[action]}
              >
                {t(`designer.tree.${action}`)}
              </button>
            ))}
          </div>
          <DesignTree selected={selected} onSelect={setSelected} />
        </section>
        <section className="designer-form-panel" aria-labelledby="form-title">
          <h2 id="form-title">{t(selected === ROOT ? 'designer.form.settings' : 'designer.form.title')}</h2>
          <NodeForm key={selected} uid={selected} />
          <ProblemsPanel
            problems={problems}
            store={store}
            onGo={(uid, field) => {
              setSelected(uid);
              focusField(uid, field);
            }}
          />
        </section>
        <PreviewPanel definition={lastValid} />
      </div>
    </DesignerContext.Provider>
  );
}

const shortcutNames: Record<TreeAction, string> = {
  up: 'Alt+ArrowUp',
  down: 'Alt+ArrowDown',
  in: 'Alt+ArrowRight',
  out: 'Alt+ArrowLeft',
  duplicate: 'Control+D',
  delete: 'Delete',
};

/** Every problem of the definition, errors first, each a link to its place. */
function ProblemsPanel(props: {
  problems: Problem[];
  store: DefinitionStore;
  onGo: (uid: string, field: Path) => void;
}) {
  const { t, i18n } = useTranslation();
  const sorted = [...props.problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <section className="designer-problems" aria-labelledby="problems-title">
      <h2 id="problems-title">{t('designer.problems.title', { count: props.problems.length })}</h2>
      {sorted.length === 0 ? (
        <p>{t('designer.problems.none')}</p>
      ) : (
        <ul>
          {sorted.slice(0, 200).map((problem, i) => {
            const place = props.store.locate(problem.path);
            const id = String(props.store.node(place.uid)?.data.id ?? '');
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own.
              <li key={i} className={`problem problem-${problem.severity}`}>
                <a
                  href={`#${fieldId(place.uid, place.field)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onGo(place.uid, place.field);
                  }}
                >
                  <span className="problem-severity">{t(`designer.problems.${problem.severity}`)}</span>{' '}
                  <code>{[id, ...place.field].filter((p) => p !== '').join('.')}</code>
                  {problem.column !== undefined &&
                    ` (${t('designer.problems.column', { column: problem.column })})`}
                  : {formatProblem(problem, i18n.language)}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function MappingReport({ notes, onClose }: { notes: MappingNote[]; onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="mapping-report" aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t('designer.io.mapping', { count: notes.length })}</h2>
      {notes.length === 0 ? (
        <p>{t('designer.io.mappingClean')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('designer.io.sheet')}</th>
              <th scope="col">{t('designer.io.row')}</th>
              <th scope="col">{t('designer.io.column')}</th>
              <th scope="col">{t('designer.io.severity')}</th>
              <th scope="col">{t('designer.io.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {notes.map((note, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no identity of their own.
              <tr key={i}>
                <td>{note.sheet}</td>
                <td>{note.row}</td>
                <td>{note.column ?? ''}</td>
                <td>{t(`designer.io.${note.severity}`)}</td>
                <td>{note.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {onClose && (
        <button type="button" className="secondary" onClick={onClose}>
          {t('designer.close')}
        </button>
      )}
    </section>
  );
}
