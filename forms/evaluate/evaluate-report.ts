import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Plan } from '../plan/types.ts';
import { evaluateRoot, serializeRun } from './report-run.ts';
import type { EvaluationContext, ReportEvaluation } from './types.ts';

/**
 * Evaluates a whole report: calculated values, irrelevant items, issues (required answers missing,
 * failed constraints, bounds…) and progress. Irrelevant items are neither required nor validated.
 * Returns a plain object that is safe to serialise; never throws on any answers.
 *
 * @example
 * const result = evaluateReport(plan, { pa_count: 3, pa_area_km2: 12 }, { party: 'FRA', today: '2025-05-01' });
 * result.calculated.pa_mean_area; // 4
 * result.progress.percent; // 28
 */
export function evaluateReport(
  plan: Plan,
  answers: Record<string, unknown>,
  ctx: EvaluationContext = {},
): ReportEvaluation {
  const compiled = plan as CompiledPlan;
  return serializeRun(compiled, evaluateRoot(compiled, answers, ctx));
}
