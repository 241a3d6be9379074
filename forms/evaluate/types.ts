import type { Path } from '../result.ts';

/** Who reports and when: `@party` and `today()` in expressions. `today` is `YYYY-MM-DD` (default: now, UTC). */
export interface EvaluationContext {
  party?: string;
  today?: string;
}

/** Why an answer is not acceptable yet; `required` and `constraint` are the common ones. */
export type AnswerIssueCode =
  | 'required'
  | 'type'
  | 'option'
  | 'min'
  | 'max'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'format'
  | 'minSelected'
  | 'maxSelected'
  | 'maxRanked'
  | 'minItems'
  | 'maxItems'
  | 'accept'
  | 'maxSize'
  | 'constraint';

/**
 * An issue with one answer. `path` is the answer path (`[id]`, `[table, row, col]`, `[repeat, index, item]`,
 * `[loop, option, item]`); `key` is the same path joined with dots (the item key used by `FormState`);
 * `itemId` is the item's template key (`id` at top level, `repeat.item` or `loop.item` inside).
 */
export interface AnswerIssue {
  path: Path;
  key: string;
  itemId: string;
  sectionId: string;
  code: AnswerIssueCode;
  params?: Record<string, string | number>;
  message: string;
}

/** Answered out of required, among relevant items; `percent` is rounded down, 100 when nothing is required. */
export interface Progress {
  answered: number;
  required: number;
  percent: number;
}

export interface SectionProgress extends Progress {
  issues: number;
  relevant: boolean;
}

export interface ReportProgress extends Progress {
  issues: number;
  sections: Record<string, SectionProgress>;
}

/** Everything the engine decides about a report; plain JSON, safe to send to a client. */
export interface ReportEvaluation {
  /** Calculated values by item key (`null` when not relevant or not computable). */
  calculated: Record<string, unknown>;
  /** Keys of items that are not relevant (an irrelevant container's contents are not listed). */
  irrelevant: string[];
  issues: AnswerIssue[];
  progress: ReportProgress;
}

/** Called with the keys that changed, after the change. */
export type FormStateListener = (changed: ReadonlySet<string>) => void;

/**
 * A report being filled in, re-evaluated incrementally: only what depends on a changed answer is
 * recomputed, and only the listeners of changed keys are called.
 */
export interface FormState {
  /** The stored answer of a top-level answer id (`undefined` when none). */
  get(id: string): unknown;
  /** All stored answers (do not mutate). */
  answers(): Readonly<Record<string, unknown>>;
  /**
   * Stores (or, with `undefined`, removes) the answer of a top-level answer id and returns the keys whose
   * value, relevance, required state, calculated value or issues changed (the id itself included).
   */
  setAnswer(id: string, value: unknown): ReadonlySet<string>;
  isRelevant(key: string): boolean;
  isRequired(key: string): boolean;
  calculatedValue(key: string): unknown;
  issuesFor(key: string): readonly AnswerIssue[];
  /** Every current issue (computed once per change; do not mutate). */
  issues(): AnswerIssue[];
  progress(): ReportProgress;
  /** The same plain object `evaluateReport` returns for the current answers (computed once per change; do not mutate). */
  evaluation(): ReportEvaluation;
  /** Calls `listener` when `key` changes (`'*'`: on every change); returns the unsubscribe function. */
  subscribe(key: string, listener: FormStateListener): () => void;
}
