import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateQuestionnaire } from '../../../bench/generate-questionnaire.ts';
import { compileDefinition, evaluateReport, type Plan } from '../../../forms/index.ts';
import { answersArbitrary } from '../arbitraries.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const plans: [string, Plan][] = [
  ['the example questionnaire', compileDefinition(checked(questionnaire))],
  ['a generated questionnaire', compileDefinition(checked(generateQuestionnaire(60).definition))],
];

describe.each(plans)('evaluateReport on %s', (_name, plan) => {
  it('never reports an issue inside an irrelevant item', () => {
    fc.assert(
      fc.property(answersArbitrary(plan), fc.constantFrom('FRA', 'DEU', 'KAZ'), (answers, party) => {
        const result = evaluateReport(plan, answers, { party, today: '2025-06-01' });
        const irrelevant = new Set(result.irrelevant);
        for (const issue of result.issues) {
          const parts = issue.key.split('.');
          for (let i = 1; i <= parts.length; i++) {
            expect(irrelevant.has(parts.slice(0, i).join('.')), issue.key).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts progress within bounds, with as many issues as it lists', () => {
    fc.assert(
      fc.property(answersArbitrary(plan), (answers) => {
        const { progress, issues } = evaluateReport(plan, answers, { party: 'FRA' });
        expect(progress.answered).toBeLessThanOrEqual(progress.required);
        expect(progress.percent).toBeGreaterThanOrEqual(0);
        expect(progress.percent).toBeLessThanOrEqual(100);
        expect(progress.issues).toBe(issues.length);
        const bySection = Object.values(progress.sections).reduce((n, s) => n + s.issues, 0);
        expect(bySection).toBe(issues.length);
      }),
      { numRuns: 100 },
    );
  });
});
