import { scalarShapeFits } from '../answers/value-shape.ts';
import { isEmptyValue } from '../expression/values.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { PlanNode } from '../plan/plan-node.ts';
import type { Plan } from '../plan/types.ts';
import { IncrementalFormState } from './form-state.ts';
import type { EvaluationContext } from './types.ts';

/**
 * The `default` values of the top-level questions that have no answer yet, computed in order (a default
 * may read answers and other defaults), to prefill a new report. Defaults inside repeats, tables and loops
 * are not applied. Values that do not fit their item are left out.
 *
 * @example
 * defaultAnswers(plan, {}, { today: '2025-06-01' }); // { report_date: '2025-06-01', pa_count: 0 }
 */
export function defaultAnswers(
  plan: Plan,
  answers: Record<string, unknown>,
  ctx: EvaluationContext = {},
): Record<string, unknown> {
  const compiled = plan as CompiledPlan;
  const withDefault = compiled.root.nodes.filter((n) => n.defaultFn !== null && n.answerable);
  if (withDefault.length === 0) return {};
  const form = new IncrementalFormState(compiled, answers, ctx);
  const byId = new Map(withDefault.map((n) => [n.id, n]));
  const done = new Set<PlanNode>();
  const result: Record<string, unknown> = {};
  const apply = (node: PlanNode, visiting: Set<PlanNode>) => {
    if (done.has(node) || visiting.has(node)) return;
    visiting.add(node);
    for (const id of node.defaultReads ?? []) {
      const dependency = byId.get(id);
      if (dependency !== undefined) apply(dependency, visiting);
    }
    done.add(node);
    if (!isEmptyValue(form.get(node.id)) || node.defaultFn === null) return;
    const computed = node.defaultFn(form.root, null);
    // A multiple choice may default to one option written as a text.
    const item = node.item;
    const value =
      item.type === 'choice' && item.multiple && typeof computed === 'string' ? [computed] : computed;
    if (value === null || value === undefined || !scalarShapeFits(node.item, value)) return;
    result[node.id] = value;
    form.setAnswer(node.id, value);
  };
  for (const node of withDefault) apply(node, new Set());
  return result;
}
