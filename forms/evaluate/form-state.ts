import { valuesEqual } from '../expression/values.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { PlanNode } from '../plan/plan-node.ts';
import type { Plan } from '../plan/types.ts';
import { type EvalFrame, evaluateValue, type NodeState, validateNode } from './engine.ts';
import { evaluateRoot, forEachState, progressOf, serializeRun } from './report-run.ts';
import type {
  AnswerIssue,
  EvaluationContext,
  FormState,
  FormStateListener,
  ReportEvaluation,
  ReportProgress,
} from './types.ts';

interface Snapshot {
  relevant: boolean;
  required: boolean;
  value: unknown;
  issues: readonly AnswerIssue[];
}

const noIssues: readonly AnswerIssue[] = Object.freeze([]);

/**
 * Creates the incremental state of a report for the browser. `setAnswer` re-evaluates only the items
 * that depend on the changed answer (through the plan's dependency graph) and returns the keys whose
 * relevance, required state, calculated value or issues changed; listeners of exactly those keys are
 * called. Item keys are `id` at top level and `container.row.id` inside (`new_sites.0.site_name`,
 * `species_detail.aquila_clanga.main_threats`); sections are `section:<id>`.
 *
 * @example
 * const form = createFormState(plan, answers, { party: 'FRA' });
 * form.subscribe('pa_area_km2', () => rerender());
 * form.setAnswer('pa_count', 0); // Set { 'pa_count', 'pa_area_km2', 'pa_mean_area', 'new_sites', … }
 * form.isRelevant('pa_area_km2'); // false
 */
export function createFormState(
  plan: Plan,
  answers: Record<string, unknown>,
  ctx: EvaluationContext = {},
): FormState {
  return new IncrementalFormState(plan as CompiledPlan, answers, ctx);
}

/** The FormState implementation; `root` is exposed to the engine's own modules (defaults). */
export class IncrementalFormState implements FormState {
  readonly root: EvalFrame;
  private readonly byKey = new Map<string, NodeState>();
  private readonly listeners = new Map<string, Set<FormStateListener>>();
  private cachedProgress: ReportProgress | null = null;
  // Renderers read issues and progress after every change; both are computed once per change.
  private cachedEvaluation: ReportEvaluation | null = null;

  constructor(
    private readonly plan: CompiledPlan,
    answers: Record<string, unknown>,
    ctx: EvaluationContext,
  ) {
    const copy: Record<string, unknown> = {};
    if (answers !== null && typeof answers === 'object') {
      for (const key of Object.keys(answers)) if (key !== '__proto__') copy[key] = answers[key];
    }
    this.root = evaluateRoot(plan, copy, ctx);
    forEachState(this.root, (state) => {
      this.byKey.set(state.key, state);
    });
  }

  get(id: string): unknown {
    return Object.hasOwn(this.root.raw, id) ? this.root.raw[id] : undefined;
  }

  answers(): Readonly<Record<string, unknown>> {
    return this.root.raw;
  }

  setAnswer(id: string, value: unknown): ReadonlySet<string> {
    const changed = new Set<string>();
    const start = this.plan.answerNodes.get(id);
    if (start === undefined) return changed;
    if (value === undefined) delete this.root.raw[id];
    else this.root.raw[id] = value;
    changed.add(id);
    changed.add(start.key);

    const reevaluate = this.plan.valueClosure(start);
    const revalidate = new Set<PlanNode>(reevaluate);
    for (const node of reevaluate) {
      for (const dependent of this.plan.checkDependents.get(node) ?? []) revalidate.add(dependent);
    }
    const before = new Map<string, Snapshot>();
    for (const node of revalidate) this.snapshot(node, before, true);
    for (const node of reevaluate) evaluateValue(this.plan, node, this.root);
    for (const node of revalidate) validateNode(this.plan, node, this.root);
    const after = new Map<string, Snapshot>();
    for (const node of revalidate) this.snapshot(node, after, false);

    for (const [key, old] of before) {
      const now = after.get(key);
      if (now === undefined || differs(old, now)) changed.add(key);
    }
    for (const key of after.keys()) if (!before.has(key)) changed.add(key);
    this.cachedProgress = null;
    this.cachedEvaluation = null;
    this.notify(changed);
    return changed;
  }

  /** Records the state of a top-level node and everything inside it; `forget` drops them from the index. */
  private snapshot(node: PlanNode, into: Map<string, Snapshot>, forget: boolean): void {
    const state = this.root.states[node.index];
    if (state === undefined) return;
    const record = (s: NodeState) => {
      into.set(s.key, {
        relevant: s.relevant,
        required: s.required,
        value: s.node.type === 'calculated' ? s.value : null,
        issues: s.issues,
      });
      if (forget) this.byKey.delete(s.key);
      else this.byKey.set(s.key, s);
    };
    record(state);
    if (state.rows !== null) for (const row of state.rows) forEachState(row, record);
  }

  private notify(changed: ReadonlySet<string>): void {
    const called = new Set<FormStateListener>();
    const call = (listener: FormStateListener) => {
      if (called.has(listener)) return;
      called.add(listener);
      listener(changed);
    };
    for (const key of changed) for (const listener of this.listeners.get(key) ?? []) call(listener);
    for (const listener of this.listeners.get('*') ?? []) call(listener);
  }

  isRelevant(key: string): boolean {
    return this.byKey.get(key)?.relevant ?? false;
  }

  isRequired(key: string): boolean {
    return this.byKey.get(key)?.required ?? false;
  }

  calculatedValue(key: string): unknown {
    const state = this.byKey.get(key);
    return state !== undefined && state.node.type === 'calculated' ? state.value : null;
  }

  issuesFor(key: string): readonly AnswerIssue[] {
    const state = this.byKey.get(key);
    return state?.relevant ? state.issues : noIssues;
  }

  issues(): AnswerIssue[] {
    return this.evaluation().issues;
  }

  progress(): ReportProgress {
    this.cachedProgress ??= this.cachedEvaluation?.progress ?? progressOf(this.plan, this.root);
    return this.cachedProgress;
  }

  evaluation(): ReportEvaluation {
    this.cachedEvaluation ??= serializeRun(this.plan, this.root);
    return this.cachedEvaluation;
  }

  subscribe(key: string, listener: FormStateListener): () => void {
    let set = this.listeners.get(key);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}

function differs(a: Snapshot, b: Snapshot): boolean {
  if (a.relevant !== b.relevant || a.required !== b.required) return true;
  if (!valuesEqual(a.value, b.value)) return true;
  if (a.issues === b.issues) return false;
  if (a.issues.length !== b.issues.length) return true;
  for (let i = 0; i < a.issues.length; i++) {
    const x = a.issues[i];
    const y = b.issues[i];
    if (x?.code !== y?.code || x?.key !== y?.key || x?.message !== y?.message) return true;
  }
  return false;
}
