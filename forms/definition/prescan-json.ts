import type { Problem, ProblemParams } from '../result.ts';
import { definitionLimits } from './limits.ts';

/**
 * Walks raw input without recursion before any schema work, so that deeply nested, cyclic or huge
 * input is refused with a problem instead of exhausting the stack or memory.
 */
export function prescanJson(input: unknown): Problem | null {
  // Two parallel stacks rather than one of objects: this walks every value of a large definition.
  const values: unknown[] = [input];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() ?? 0;
    nodes++;
    if (nodes > definitionLimits.maxJsonNodes) {
      return problem(
        'too_large',
        `the definition holds more than ${definitionLimits.maxJsonNodes} JSON values`,
        { max: definitionLimits.maxJsonNodes },
      );
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= definitionLimits.maxJsonDepth) {
      return problem(
        'too_deep',
        `the definition is nested more than ${definitionLimits.maxJsonDepth} levels deep`,
        { kind: 'json', max: definitionLimits.maxJsonDepth },
      );
    }
    if (Array.isArray(value)) {
      for (const child of value) {
        values.push(child);
        depths.push(depth + 1);
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}

function problem(code: string, message: string, params: ProblemParams): Problem {
  return { path: [], code, message, severity: 'error', params };
}
