import type { TFunction } from 'i18next';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Control, UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import type { AnswerIssue } from '../../../forms/index.ts';
import { formatIssue, localize } from '../../../forms/index.ts';
import type { Autosave } from './autosave.ts';
import type { Contributions } from './contributions.ts';
import type { FormStore, ItemView } from './form-store.ts';

export type Values = Record<string, unknown>;

export interface ReportContextValue {
  store: FormStore;
  autosave: Autosave;
  control: Control<Values>;
  getValues: UseFormGetValues<Values>;
  setValue: UseFormSetValue<Values>;
  /** Hands the current value of a top-level answer to the engine and to autosave. */
  commit: (answerId: string) => void;
  lang: string;
  readOnly: boolean;
  /**
   * Whether the person may change an answer path (`id`, `loop.option.inner`): false outside what was
   * handed over to a contributor; always true for whoever writes the whole report.
   */
  editable: (path: string) => boolean;
  /** True when `editable` limits the person to parts handed over to it. */
  handedOnly: boolean;
  /** Whether the submit step shows (a contributor never submits). */
  canSubmit: boolean;
  /** Who last changed each answer, when the page shows it. */
  contributions: Contributions | undefined;
  reportId: number;
  uploads: boolean;
  /** The definition's text in the person's language. */
  text: (value: Parameters<typeof localize>[0]) => string;
  issueText: (issue: AnswerIssue) => string;
  /** The interface strings (one subscription to i18next for the whole form, not one per item). */
  t: TFunction;
}

export const ReportContext = createContext<ReportContextValue | null>(null);

export function useReport(): ReportContextValue {
  const value = useContext(ReportContext);
  if (value === null) throw new Error('useReport outside a report');
  return value;
}

export function makeTexts(store: FormStore, lang: string) {
  const defaultLanguage = store.definition.defaultLanguage;
  return {
    text: (value: Parameters<typeof localize>[0]) => localize(value, lang, defaultLanguage),
    issueText: (issue: AnswerIssue) => formatIssue(issue, lang, store.plan),
  };
}

/** The engine's view of one item; the component re-renders only when it changes. */
export function useItemView(key: string): ItemView {
  const { store } = useReport();
  useSyncExternalStore(
    (listener) => store.subscribe(key, listener),
    () => store.signature(key),
  );
  return store.view(key);
}

export function useRevealed(): boolean {
  const { store } = useReport();
  return useSyncExternalStore(
    (listener) => store.subscribeReveal(listener),
    () => store.revealed(),
  );
}

/** A message when the server refused the answer `answerId` (kept in the browser meanwhile). */
export function useRejected(answerId: string | null): string | undefined {
  const { autosave } = useReport();
  return useSyncExternalStore(
    (listener) => autosave.subscribeRejected(listener),
    () => (answerId === null ? undefined : autosave.rejected.get(answerId)),
  );
}

/** Re-renders when any answer changes, with `compute` deciding (by its string) whether anything shows. */
export function useDerived(compute: () => string): string {
  const { store } = useReport();
  return useSyncExternalStore((listener) => store.subscribe('*', listener), compute);
}

/** DOM ids of an item key (keys may hold dots: these are used with getElementById only). */
export const domIds = {
  item: (key: string) => `item-${key}`,
  control: (key: string) => `q-${key}`,
  help: (key: string) => `help-${key}`,
  issues: (key: string) => `issues-${key}`,
};
