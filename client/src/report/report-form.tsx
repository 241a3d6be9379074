import { type ReactNode, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Definition, Item, Plan } from '../../../forms/index.ts';
import type { SaveBody, SaveResult } from '../api/types.ts';
import { Autosave } from './autosave.ts';
import { ConflictPanel } from './conflict-panel.tsx';
import type { Contributions } from './contributions.ts';
import { FormStore, planFor } from './form-store.ts';
import { ItemList } from './item-node.tsx';
import { normalizeAnswer } from './normalize.ts';
import {
  makeTexts,
  ReportContext,
  type ReportContextValue,
  useDerived,
  useReport,
  type Values,
} from './report-context.tsx';
import { SaveIndicator } from './save-indicator.tsx';
import { SectionNav, SUBMIT_SECTION } from './section-nav.tsx';
import { type SubmitOutcome, SubmitPanel } from './submit-panel.tsx';

export interface ReportFormProps {
  reportId: number;
  definition: Definition;
  answers: Record<string, unknown>;
  revision: number;
  party?: string;
  readOnly?: boolean;
  uploads?: boolean;
  /** The section shown (from the address); the first one when null. */
  section: string | null;
  onSection: (id: string) => void;
  send: (body: SaveBody) => Promise<SaveResult>;
  refetch?: () => Promise<{ revision: number; answers: Record<string, unknown> }>;
  onSubmit?: () => Promise<SubmitOutcome>;
  /** Called after each acknowledged save. */
  onSaved?: () => void;
  /** Shown above the sections (title, deadline, banners). */
  header?: ReactNode;
  /** For a contributor: the answer paths it may change (what was handed to it); every path otherwise. */
  editable?: (path: string) => boolean;
  /** Who last changed each answer, shown under each question. */
  contributions?: Contributions;
  /** Whether the submit step shows (default true; false for a contributor, who never submits). */
  canSubmit?: boolean;
  /** Inside another page (the designer's preview): the sections go in a plain region, not the page's `<main>`. */
  embedded?: boolean;
}

const everything = () => true;

/**
 * Tables and loops (and the tables and loops inside each loop iteration) start as objects, so that row and
 * option ids that look like numbers stay object keys when react-hook-form writes into them.
 */
function formValues(plan: Plan, answers: Record<string, unknown>): Values {
  const values: Values = structuredClone(answers);
  const prepare = (holder: Record<string, unknown>, items: readonly Item[], templatePrefix: string) => {
    for (const item of items) {
      if (item.type === 'group') prepare(holder, item.items, templatePrefix);
      if (item.type !== 'table' && item.type !== 'loop') continue;
      const current = holder[item.id];
      const own = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : {};
      holder[item.id] = own;
      if (item.type !== 'loop') continue;
      const templateKey = templatePrefix + item.id;
      for (const option of plan.item(templateKey)?.options ?? []) {
        const iteration = (own as Record<string, unknown>)[option.value];
        const row =
          iteration !== null && typeof iteration === 'object' && !Array.isArray(iteration) ? iteration : {};
        (own as Record<string, unknown>)[option.value] = row;
        prepare(row as Record<string, unknown>, item.items, `${templateKey}.`);
      }
    }
  };
  for (const section of plan.definition.sections) prepare(values, section.items, '');
  return values;
}

function emptyFormValue(value: unknown, type: string | undefined): unknown {
  if (value !== undefined) return structuredClone(value);
  return type === 'table' || type === 'loop' ? {} : undefined;
}

/**
 * A report being filled in: the section navigation, the current section (only it is mounted), the
 * conflicts, the save status and the submit step. The plan is compiled once per definition; each answer
 * change re-evaluates only what depends on it.
 */
export function ReportForm(props: ReportFormProps) {
  const { reportId, definition, readOnly = false, uploads = false, contributions } = props;
  const editable = props.editable ?? everything;
  const handedOnly = props.editable !== undefined;
  const canSubmit = props.canSubmit ?? true;
  const { t, i18n } = useTranslation();
  const [setup] = useState(() => {
    const autosave = new Autosave({
      reportId,
      revision: props.revision,
      send: props.send,
      refetch: props.refetch,
      onSaved: () => props.onSaved?.(),
    });
    const answers: Record<string, unknown> = { ...props.answers };
    if (!readOnly) {
      for (const [id, value] of Object.entries(autosave.restoredChanges())) {
        if (value === null) delete answers[id];
        else answers[id] = value;
      }
    }
    const store = new FormStore(planFor(definition), answers, props.party);
    return { autosave, store, values: formValues(store.plan, answers) };
  });
  const { autosave, store } = setup;
  const { control, getValues, setValue } = useForm<Values>({ defaultValues: setup.values });

  const lang = i18n.language;
  const context = useMemo<ReportContextValue>(() => {
    const commit = (answerId: string) => {
      const value = normalizeAnswer(getValues(answerId));
      store.form.setAnswer(answerId, value);
      autosave.change(answerId, value);
    };
    return {
      store,
      autosave,
      control,
      getValues,
      setValue,
      commit,
      lang,
      readOnly,
      editable,
      handedOnly,
      canSubmit,
      contributions,
      reportId,
      uploads,
      t,
      ...makeTexts(store, lang),
    };
  }, [
    store,
    autosave,
    control,
    getValues,
    setValue,
    lang,
    readOnly,
    editable,
    handedOnly,
    canSubmit,
    contributions,
    reportId,
    uploads,
    t,
  ]);

  /** Puts a value decided elsewhere (theirs, in a conflict; another person's change) into form and engine. */
  const applyValue = useCallback(
    (id: string, value: unknown) => {
      const type = store.plan.item(id)?.type;
      setValue(id, emptyFormValue(value, type));
      store.form.setAnswer(id, normalizeAnswer(value));
    },
    [store, setValue],
  );

  useEffect(() => {
    // Others' changes learnt on a conflict are applied where the person has nothing pending.
    autosave.onRemote((answers, isPending) => {
      for (const id of store.plan.answerIds) {
        if (isPending(id)) continue;
        const remote = answers[id];
        if (JSON.stringify(remote) !== JSON.stringify(store.form.get(id))) applyValue(id, remote);
      }
    });
    if (readOnly) return;
    autosave.start();
    const onHide = () => {
      if (document.visibilityState === 'hidden') void autosave.flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      autosave.stop();
      if (autosave.pendingCount() > 0) void autosave.flush();
    };
  }, [autosave, store, readOnly, applyValue]);

  const sections = definition.sections;
  const current =
    props.section === SUBMIT_SECTION && !readOnly && canSubmit
      ? SUBMIT_SECTION
      : ((sections.find((s) => s.id === props.section) ?? sections[0])?.id ?? '');
  const [focusKey, setFocusKey] = useState<string | null>(null);

  useEffect(() => {
    if (focusKey === null) return;
    // The item may mount a few frames later (a large section renders its tail in a transition).
    let frames = 0;
    let handle = 0;
    const find = () => {
      const control = document.getElementById(`q-${focusKey}`);
      const focusable = control !== null && (control.tabIndex >= 0 || control.hasAttribute('tabindex'));
      const target =
        (focusable ? control : null) ??
        document.getElementById(`item-${focusKey}`) ??
        document.getElementById(`item-${focusKey.split('.')[0]}`);
      if (target) {
        setFocusKey(null);
        target.scrollIntoView({ block: 'center' });
        target.focus();
      } else if (frames++ < 120) handle = requestAnimationFrame(find);
      else setFocusKey(null);
    };
    find();
    return () => cancelAnimationFrame(handle);
  }, [focusKey]);

  const goTo = (key: string) => {
    store.revealRequired();
    const section = store.plan.sectionOf(key);
    if (section && section !== current) props.onSection(section);
    setFocusKey(key);
  };

  const submit = async (): Promise<SubmitOutcome> => {
    store.revealRequired();
    await autosave.flush();
    if (autosave.pendingCount() > 0) return { ok: false, message: t('submit.unsaved') };
    if (!props.onSubmit) return { ok: false };
    return props.onSubmit();
  };

  const index = sections.findIndex((s) => s.id === current);
  const section = sections[index];

  return (
    <ReportContext.Provider value={context}>
      <div className="report-layout">
        <div className="report-top">
          {props.header}
          <div className="report-status-bar">
            <OverallProgress />
            {!readOnly && <SaveIndicator autosave={autosave} />}
          </div>
          {!readOnly && <ConflictPanel onTakeTheirs={applyValue} />}
          {readOnly && autosave.pendingCount() > 0 && (
            <p className="issue" role="alert">
              {t('save.submitted', { count: autosave.pendingCount() })}
            </p>
          )}
        </div>
        <SectionNav current={current} onSelect={props.onSection} />
        <Main embedded={props.embedded === true}>
          {current === SUBMIT_SECTION ? (
            <SubmitPanel onGoTo={goTo} onSubmit={submit} />
          ) : section ? (
            <fieldset className="section-fieldset" disabled={readOnly}>
              <section key={section.id} className="section" aria-labelledby={`section-${section.id}`}>
                <h2 id={`section-${section.id}`}>{context.text(section.title)}</h2>
                {section.description && (
                  <p className="section-description">{context.text(section.description)}</p>
                )}
                <SectionItems key={section.id} items={section.items} />
              </section>
            </fieldset>
          ) : null}
          <div className="section-pager">
            {index > 0 && (
              <button
                type="button"
                className="secondary"
                onClick={() => props.onSection(sections[index - 1]?.id ?? '')}
              >
                ← {t('report.previous')}
              </button>
            )}
            {index >= 0 && (index < sections.length - 1 || (!readOnly && canSubmit)) && (
              <button
                type="button"
                className="secondary"
                onClick={() => props.onSection(sections[index + 1]?.id ?? SUBMIT_SECTION)}
              >
                {index < sections.length - 1 ? t('report.next') : t('submit.title')} →
              </button>
            )}
          </div>
        </Main>
      </div>
    </ReportContext.Provider>
  );
}

/** The page's main landmark, or a plain region when the form is embedded in another page. */
function Main({ embedded, children }: { embedded: boolean; children: ReactNode }) {
  if (embedded) return <div className="report-main">{children}</div>;
  return (
    <main id="content" className="report-main" tabIndex={-1}>
      {children}
    </main>
  );
}

/** Items painted first in a section; a longer section renders the rest in a transition, input staying live. */
const firstChunk = 120;

function SectionItems({ items }: { items: readonly Item[] }) {
  const [limit, setLimit] = useState(firstChunk);
  useEffect(() => {
    if (limit < items.length) startTransition(() => setLimit(items.length));
  }, [limit, items.length]);
  return (
    <ItemList items={limit < items.length ? items.slice(0, limit) : items} prefix="" templatePrefix="" />
  );
}

function OverallProgress() {
  const { t } = useTranslation();
  const { store } = useReport();
  const percent = Number(useDerived(() => String(store.form.progress().percent)));
  return (
    <div className="overall-progress">
      <span id="overall-label">{t('report.overall', { percent })}</span>
      <progress max={100} value={percent} aria-labelledby="overall-label" />
    </div>
  );
}
