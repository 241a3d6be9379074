import { describe, expect, it } from 'vitest';
import { compileDefinition, type Definition } from '../../../forms/index.ts';
import { matchQuestion } from '../../../server/analysis/match-question.ts';
import { aewaDefinition, cmsDefinition } from './seed.ts';

const version = (definition: unknown) => ({
  definition: definition as Definition,
  plan: compileDefinition(definition as Definition),
});
const v1 = version(cmsDefinition(1));
const v2 = version(cmsDefinition(2));
const aewa = version(aewaDefinition());

describe('matchQuestion', () => {
  it('matches the same id, a renamed question in both directions, and a shared concept', () => {
    expect(matchQuestion(v1, v2, 'trend')).toEqual({ id: 'trend', match: 'same' });
    expect(matchQuestion(v1, v2, 'pa_count')).toEqual({ id: 'pa_number', match: 'carried' });
    expect(matchQuestion(v2, v1, 'pa_number')).toEqual({ id: 'pa_count', match: 'carried' });
    expect(matchQuestion(v1, aewa, 'pa_count')).toEqual({ id: 'pa_total', match: 'concept' });
  });

  it('finds nothing for a question the other version does not ask', () => {
    expect(matchQuestion(v1, aewa, 'threats')).toBeNull();
  });
});
