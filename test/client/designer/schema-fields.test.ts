import { describe, expect, it } from 'vitest';
import {
  columnTypes,
  fieldsOf,
  itemOfType,
  itemTypes,
  repeatChildTypes,
} from '../../../client/src/designer/schema-fields.ts';

const kinds = (type: string) =>
  Object.fromEntries(fieldsOf(itemTypes.get(type) as never).map((spec) => [spec.name, spec.field.kind]));

describe('the designer forms read off the definition schema', () => {
  it('knows every item type of the format, and which may be a table column or a repeat item', () => {
    expect([...itemTypes.keys()].sort()).toEqual(
      [
        'boolean',
        'calculated',
        'choice',
        'date',
        'decimal',
        'file',
        'group',
        'integer',
        'loop',
        'note',
        'ranking',
        'repeat',
        'table',
        'text',
        'textarea',
      ].sort(),
    );
    expect(columnTypes.has('file')).toBe(false);
    expect(columnTypes.has('calculated')).toBe(true);
    expect(repeatChildTypes.has('group')).toBe(false);
  });

  it('gives each field the control its schema calls for', () => {
    expect(kinds('choice')).toMatchObject({
      id: 'text',
      label: 'localized',
      relevant: 'expression',
      required: 'required',
      default: 'default',
      options: 'options',
      multiple: 'boolean',
      minSelected: 'number',
      appearance: 'enum',
      renamedFrom: 'list',
    });
    expect(kinds('table')).toMatchObject({ rows: 'options', columns: 'columns', filter: 'expression' });
    expect(kinds('calculated')).toMatchObject({ expression: 'expression', unit: 'text' });
    // A group's and a loop's items are the tree's business, not a field of the form.
    expect(kinds('group')).not.toHaveProperty('items');
    expect(kinds('loop')).toMatchObject({ over: 'text' });
  });

  it('keeps what two types share when the type of an item changes, and drops the rest', () => {
    const choice = itemOfType('choice', {
      id: 'q',
      type: 'integer',
      label: { en: 'Q' },
      min: 1,
      relevant: 'x > 0',
    });
    expect(choice).toMatchObject({ id: 'q', type: 'choice', label: { en: 'Q' }, relevant: 'x > 0' });
    expect(choice).not.toHaveProperty('min');
    expect(choice.options).toEqual([{ value: 'option_1', label: {} }]);
  });
});
