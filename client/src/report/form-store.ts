import type { AnswerIssue, Definition, FormState, Plan } from '../../../forms/index.ts';
import { compileDefinition, createFormState } from '../../../forms/index.ts';

const planCache = new WeakMap<Definition, Plan>();

/** Compiles a definition once per definition object. */
export function planFor(definition: Definition): Plan {
  let plan = planCache.get(definition);
  if (!plan) {
    plan = compileDefinition(definition);
    planCache.set(definition, plan);
  }
  return plan;
}

/** What an item shows, read from the engine. */
export interface ItemView {
  relevant: boolean;
  required: boolean;
  calculated: unknown;
  issues: readonly AnswerIssue[];
}

/**
 * The engine's incremental state of one report, with the few things the page adds: whether required
 * answers are flagged yet (after a submit attempt), and a signature per key so that a component re-renders
 * only when what it shows changed.
 */
export class FormStore {
  readonly form: FormState;
  private reveal = false;
  private readonly revealListeners = new Set<() => void>();

  constructor(
    readonly plan: Plan,
    answers: Record<string, unknown>,
    party: string | undefined,
  ) {
    this.form = createFormState(plan, answers, party === undefined ? {} : { party });
  }

  get definition(): Definition {
    return this.plan.definition;
  }

  /** A string that changes exactly when the item's relevance, required state, calculated value or issues do. */
  signature(key: string): string {
    const form = this.form;
    if (!form.isRelevant(key)) return '-';
    let text = form.isRequired(key) ? 'R' : 'o';
    const calculated = form.calculatedValue(key);
    if (calculated !== null && calculated !== undefined) text += `=${JSON.stringify(calculated)}`;
    for (const issue of form.issuesFor(key)) text += `|${issue.key}:${issue.code}:${issue.message}`;
    return text;
  }

  view(key: string): ItemView {
    const form = this.form;
    return {
      relevant: form.isRelevant(key),
      required: form.isRequired(key),
      calculated: form.calculatedValue(key),
      issues: form.issuesFor(key),
    };
  }

  subscribe(key: string, listener: () => void): () => void {
    return this.form.subscribe(key, listener);
  }

  revealed(): boolean {
    return this.reveal;
  }

  /** Shows every `required` issue (after a submit attempt or a jump from the issue list). */
  revealRequired(): void {
    if (this.reveal) return;
    this.reveal = true;
    for (const listener of this.revealListeners) listener();
  }

  subscribeReveal(listener: () => void): () => void {
    this.revealListeners.add(listener);
    return () => this.revealListeners.delete(listener);
  }
}
