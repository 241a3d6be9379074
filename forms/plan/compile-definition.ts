import type { Definition } from '../definition/schema.ts';
import { buildPlan } from './build-plan.ts';
import type { Plan } from './types.ts';

/**
 * Compiles a definition once into a plan: expressions become closures, evaluation order and the
 * dependency graph are computed. Meant for a definition that `checkDefinition` accepted; with one that
 * has problems it still returns a plan (what cannot be compiled evaluates to null) and never throws.
 *
 * @example
 * const plan = compileDefinition(checked.value);
 * plan.dependentsOf('pa_count'); // ['pa_count', 'pa_area_km2', 'pa_mean_area', 'new_sites', …]
 */
export function compileDefinition(definition: Definition): Plan {
  return buildPlan(definition).plan;
}
