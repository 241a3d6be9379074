import type { z } from 'zod';
import { buildPlan } from '../plan/build-plan.ts';
import type { CheckResult, Path, Problem, ProblemParams } from '../result.ts';
import { checkStructure } from './check-structure.ts';
import { checkTranslations } from './check-translations.ts';
import { definitionLimits } from './limits.ts';
import { languageTagPattern } from './localized-text.ts';
import { prescanJson } from './prescan-json.ts';
import {
  definitionSchema,
  identifierPattern,
  isoDatePattern,
  keyPattern,
  optionValuePattern,
} from './schema.ts';

/**
 * Checks a questionnaire definition: its shape (zod), then every rule that needs the whole document —
 * duplicate ids, unknown ids and code lists, expression syntax and types, cycles, bounds, limits — and
 * warns about missing translations. Problems carry exact paths (`['sections', 2, 'items', 5, 'relevant']`)
 * and, in expressions, the 1-based `column`. Never throws, whatever the input.
 *
 * @example
 * const checked = checkDefinition(JSON.parse(body));
 * if (!checked.ok) reply.code(422).send({ errors: checked.issues });
 */
export function checkDefinition(input: unknown): CheckResult {
  try {
    return check(input);
  } catch {
    // A last guard for "never throws": every known failure is reported as a problem above.
    return {
      ok: false,
      issues: [
        { path: [], code: 'internal', message: 'the definition could not be checked', severity: 'error' },
      ],
    };
  }
}

function check(input: unknown): CheckResult {
  const tooBig = prescanJson(input);
  if (tooBig !== null) return { ok: false, issues: [tooBig] };
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, definitionLimits.maxProblems).map(
      (issue): Problem => ({
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol') as Path,
        code: issue.code,
        message: issue.message,
        severity: 'error',
        ...zodParams(issue),
      }),
    );
    return { ok: false, issues };
  }
  const definition = parsed.data;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  checkStructure(definition, input, errors, warnings);
  if (!errors.some((e) => e.code === 'too_many_items' || e.code === 'too_deep')) {
    for (const problem of buildPlan(definition).problems) {
      (problem.severity === 'error' ? errors : warnings).push(problem);
    }
  }
  checkTranslations(definition, warnings);
  if (errors.length > 0)
    return { ok: false, issues: [...errors, ...warnings].slice(0, definitionLimits.maxProblems) };
  return { ok: true, value: definition, warnings: warnings.slice(0, definitionLimits.maxProblems) };
}

const formatKinds = new Map([
  [String(identifierPattern), 'identifier'],
  [String(optionValuePattern), 'option_value'],
  [String(isoDatePattern), 'date'],
  [String(keyPattern), 'key'],
  [String(languageTagPattern), 'language_tag'],
]);

/** The values of a schema issue that its localized sentence names (expected type, bound, keys). */
function zodParams(issue: z.core.$ZodIssue): { params?: ProblemParams } {
  switch (issue.code) {
    case 'invalid_type':
      return { params: { expected: issue.expected } };
    case 'too_small':
      return { params: { kind: issue.origin, limit: Number(issue.minimum) } };
    case 'too_big':
      return { params: { kind: issue.origin, limit: Number(issue.maximum) } };
    case 'invalid_value':
      return { params: { values: issue.values.map((v) => JSON.stringify(v)).join(', ') } };
    case 'invalid_format':
      return {
        params: { kind: formatKinds.get(String(issue.pattern)) ?? issue.format, format: issue.format },
      };
    case 'invalid_union':
      if (issue.discriminator === undefined) return {};
      return {
        params: {
          kind: 'discriminator',
          field: issue.discriminator,
          values: ('options' in issue && Array.isArray(issue.options) ? issue.options : [])
            .map(String)
            .join(', '),
        },
      };
    case 'unrecognized_keys':
      return { params: { keys: issue.keys.join(', ') } };
    default:
      return {};
  }
}
