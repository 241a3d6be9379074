import { describe, expect, it } from 'vitest';
import { definitionSchema, itemSchema } from '../../../forms/index.ts';
import { errorsOf } from '../helpers.ts';

const parses = (item: unknown) => itemSchema.safeParse(item).success;

describe('definitionSchema', () => {
  it('accepts every item type with its fields', () => {
    const items = [
      {
        id: 'a',
        type: 'text',
        label: 'A',
        minLength: 1,
        maxLength: 9,
        pattern: '[a-z]+',
        format: 'email',
        number: '1.1',
        help: { en: 'Help' },
        concept: 'x.y',
        required: true,
        relevant: 'true',
        constraint: '. != null',
        constraintMessage: 'No',
        readonly: false,
        default: "'x'",
        renamedFrom: ['old_a'],
      },
      { id: 'b', type: 'textarea', label: 'B' },
      { id: 'c', type: 'integer', label: 'C', min: 0, max: 10, unit: 'sites', default: 3 },
      { id: 'd', type: 'decimal', label: 'D', min: -1.5, unit: 'km²' },
      { id: 'e', type: 'date', label: 'E', min: '2000-01-01', max: '2100-12-31', default: 'today()' },
      { id: 'f', type: 'boolean', label: 'F', required: 'c > 1', default: true },
      { id: 'g', type: 'choice', label: 'G', options: 'yes_no', appearance: 'radio' },
      {
        id: 'h',
        type: 'choice',
        label: 'H',
        options: [
          { value: 'x', label: { en: 'X', fr: 'X' }, attributes: { group: 'birds', range: ['FRA'] } },
        ],
        multiple: true,
        minSelected: 1,
        maxSelected: 1,
        other: true,
        appearance: 'checkbox',
      },
      { id: 'i', type: 'ranking', label: 'I', options: 'birds', maxRanked: 2 },
      {
        id: 'j',
        type: 'table',
        label: 'J',
        rows: [{ id: 'r1', label: 'Row 1' }],
        columns: [
          { id: 'k', type: 'integer', label: 'K' },
          { id: 'kc', type: 'calculated', label: 'KC', expression: 'k * 2' },
        ],
      },
      {
        id: 'l',
        type: 'table',
        label: 'L',
        rows: 'birds',
        filter: 'contains(@option.range, @party)',
        columns: [{ id: 'm', type: 'choice', options: 'yes_no', label: 'M' }],
      },
      {
        id: 'n',
        type: 'repeat',
        label: 'N',
        minItems: 0,
        maxItems: 5,
        items: [
          { id: 'o', type: 'text', label: 'O' },
          { id: 'on', type: 'note', text: 'note' },
        ],
      },
      { id: 'p', type: 'group', label: 'P', relevant: 'f', items: [{ id: 'q', type: 'text', label: 'Q' }] },
      {
        id: 'r',
        type: 'loop',
        label: 'R',
        over: 'birds',
        filter: "@option.group != 'x'",
        items: [
          { id: 's', type: 'text', label: 'S' },
          {
            id: 'inner',
            type: 'loop',
            over: 'yes_no',
            label: 'Inner',
            items: [{ id: 'u', type: 'integer', label: 'U' }],
          },
        ],
      },
      { id: 'v', type: 'file', label: 'V', accept: ['application/pdf'], maxSizeMB: 20, multiple: true },
      { id: 'w', type: 'calculated', label: 'W', expression: 'c + 1', unit: 'sites' },
      { id: 'x', type: 'note', text: { en: 'Read this', fr: 'Lisez ceci' } },
    ];
    for (const item of items) expect(parses(item), item.id).toBe(true);
    expect(errorsOf(items)).toEqual([]);
  });

  it('accepts a plain string as text in the default language', () => {
    expect(parses({ id: 'a', type: 'text', label: 'Name' })).toBe(true);
  });

  it('refuses items missing what their type needs', () => {
    expect(parses({ id: 'a', type: 'choice', label: 'A' })).toBe(false);
    expect(parses({ id: 'a', type: 'table', label: 'A', rows: 'x', columns: [] })).toBe(false);
    expect(
      parses({
        id: 'a',
        type: 'table',
        label: 'A',
        rows: 'x',
        columns: [{ id: 'f', type: 'file', label: 'F' }],
      }),
    ).toBe(false);
    expect(
      parses({ id: 'a', type: 'repeat', label: 'A', items: [{ id: 'g', type: 'group', items: [] }] }),
    ).toBe(false);
    expect(parses({ id: 'a', type: 'loop', label: 'A', items: [] })).toBe(false);
    expect(parses({ id: 'a', type: 'calculated', label: 'A' })).toBe(false);
    expect(parses({ id: 'a', type: 'note' })).toBe(false);
    expect(parses({ id: 'a', type: 'date', label: 'A', min: '01/01/2000' })).toBe(false);
    expect(parses({ id: 'a', type: 'text', label: 'A', format: 'phone' })).toBe(false);
  });

  it('refuses ids that are not identifiers', () => {
    for (const id of ['A', '1a', 'a-b', 'a.b', '', '_a', 'a b']) {
      expect(parses({ id, type: 'text', label: 'x' }), id).toBe(false);
    }
  });

  it('refuses a definition of another format', () => {
    expect(definitionSchema.safeParse({ format: 'ors-questionnaire@2' }).success).toBe(false);
  });
});
