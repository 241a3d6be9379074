import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateQuestionnaire } from '../../../bench/generate-questionnaire.ts';
import { carryAnswers, checkAnswerShape, compileDefinition, type Definition } from '../../../forms/index.ts';
import { answersArbitrary } from '../arbitraries.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const definitions: [string, Definition][] = [
  ['the example questionnaire', checked(questionnaire)],
  ['a generated questionnaire', checked(generateQuestionnaire(60).definition)],
];

describe.each(definitions)('carryAnswers on %s', (_name, definition) => {
  const plan = compileDefinition(definition);

  it('loses nothing when carrying well-shaped answers to an identical version', () => {
    fc.assert(
      fc.property(answersArbitrary(plan, false), (answers) => {
        expect(checkAnswerShape(plan, answers)).toEqual([]);
        const result = carryAnswers(definition, structuredClone(definition), answers);
        expect(result.dropped).toEqual([]);
        expect(result.answers).toEqual(answers);
      }),
      { numRuns: 150 },
    );
  });

  it('only ever returns answers that fit the new version', () => {
    fc.assert(
      fc.property(answersArbitrary(plan, true), (answers) => {
        const result = carryAnswers(definition, definition, answers);
        expect(checkAnswerShape(plan, result.answers)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
