import type { Plan } from '../plan/types.ts';

/**
 * The ids that hold answers at the top level of a report, in definition order (`<id>_other` included).
 *
 * @example
 * answerIds(plan); // ['focal_point_name', 'has_appendix_i', 'appendix_i_present', 'appendix_i_present_other', …]
 */
export function answerIds(plan: Plan): readonly string[] {
  return plan.answerIds;
}
