import { readFileSync } from 'node:fs';
// ajv comes with fastify; it stands in for any editor or language validating definitions by the schema.
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { definitionJsonSchema } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };

describe('definitionJsonSchema', () => {
  it('describes the definition format with every item type', () => {
    const text = JSON.stringify(definitionJsonSchema());
    for (const type of [
      'text',
      'integer',
      'choice',
      'table',
      'repeat',
      'loop',
      'group',
      'calculated',
      'note',
      'file',
      'ranking',
    ]) {
      expect(text).toContain(`"${type}"`);
    }
  });

  it('accepts the example questionnaire and refuses a broken one in a JSON Schema validator', () => {
    const validate = new Ajv2020({ strict: false }).compile(definitionJsonSchema());
    expect(validate(questionnaire)).toBe(true);
    expect(
      validate({
        ...questionnaire,
        sections: [{ id: 'x', title: 'X', items: [{ id: 'a', type: 'slider' }] }],
      }),
    ).toBe(false);
  });

  it('matches docs/definition.schema.json (run `npx tsx scripts/write-definition-schema.ts` after a change)', () => {
    const written = JSON.parse(
      readFileSync(new URL('../../../docs/definition.schema.json', import.meta.url), 'utf8'),
    );
    expect(written).toEqual(definitionJsonSchema());
  });
});
