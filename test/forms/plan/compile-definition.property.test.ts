import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDefinition, definitionSchema, evaluateReport } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };

const expression = fc.oneof(
  fc.constantFrom(
    'pa_count > 0',
    'zz == 1',
    'pa_mean_area > 1',
    'count(new_sites) > 0',
    '(((',
    'x.y.z',
    '@value',
    'sum(pa_count)',
  ),
  fc.stringMatching(/^[a-z_@.()'!=<>&|+*/, 0-9-]{1,30}$/),
);

describe('compileDefinition', () => {
  it('compiles and evaluates any definition of the right shape, even with broken logic, without throwing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(3), fc.nat(8), fc.constantFrom('relevant', 'constraint', 'required'), expression),
          { maxLength: 4 },
        ),
        fc.dictionary(
          fc.constantFrom('pa_count', 'new_sites', 'has_appendix_i', 'species_detail'),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        (edits, answers) => {
          const doc = structuredClone(questionnaire) as { sections: { items: Record<string, unknown>[] }[] };
          for (const [s, i, field, source] of edits) {
            const item = doc.sections[s]?.items[i];
            if (item && item.type !== 'note' && item.type !== 'group') item[field] = source;
          }
          const parsed = definitionSchema.safeParse(doc);
          if (!parsed.success) return;
          const plan = compileDefinition(parsed.data);
          expect(() => evaluateReport(plan, answers, { party: 'FRA' })).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
