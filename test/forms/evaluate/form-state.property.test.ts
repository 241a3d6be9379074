import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateQuestionnaire } from '../../../bench/generate-questionnaire.ts';
import {
  compileDefinition,
  createFormState,
  evaluateReport,
  type FormState,
  type Plan,
} from '../../../forms/index.ts';
import { answersArbitrary, editsArbitrary } from '../arbitraries.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const ctx = { party: 'FRA', today: '2025-06-01' };
const plans: [string, Plan][] = [
  ['the example questionnaire', compileDefinition(checked(questionnaire))],
  ['a generated questionnaire', compileDefinition(checked(generateQuestionnaire(60).definition))],
];

/** Every key the form can be asked about, with what it says about each. */
function observe(form: FormState, keys: Iterable<string>): Map<string, string> {
  const seen = new Map<string, string>();
  for (const key of keys) {
    seen.set(
      key,
      JSON.stringify([
        form.isRelevant(key),
        form.isRequired(key),
        form.calculatedValue(key),
        form.issuesFor(key),
      ]),
    );
  }
  return seen;
}

function keysOf(plan: Plan, form: FormState): Set<string> {
  const evaluation = form.evaluation();
  return new Set([
    ...plan.items.map((i) => i.key),
    ...evaluation.irrelevant,
    ...Object.keys(evaluation.calculated),
    ...evaluation.issues.map((i) => i.key),
  ]);
}

describe.each(plans)('createFormState on %s', (_name, plan) => {
  it('agrees with evaluateReport after any sequence of changes', () => {
    fc.assert(
      fc.property(answersArbitrary(plan), editsArbitrary(plan), (answers, edits) => {
        const form = createFormState(plan, answers, ctx);
        for (const [id, value] of edits) {
          form.setAnswer(id, value);
          expect(form.evaluation()).toEqual(evaluateReport(plan, { ...form.answers() }, ctx));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reports every key whose relevance, required state, value or issues changed', () => {
    fc.assert(
      fc.property(answersArbitrary(plan), editsArbitrary(plan), (answers, edits) => {
        const form = createFormState(plan, answers, ctx);
        for (const [id, value] of edits) {
          const keys = keysOf(plan, form);
          const before = observe(form, keys);
          const changed = form.setAnswer(id, value);
          for (const key of keysOf(plan, form)) keys.add(key);
          const after = observe(form, keys);
          for (const key of keys) {
            if (before.get(key) !== after.get(key))
              expect(changed, `${key} changed after ${id}`).toContain(key);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
