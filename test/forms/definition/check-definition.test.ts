import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionLimits, type Problem } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { definitionWith, errorsOf, num, text } from '../helpers.ts';

const codes = (problems: Problem[]) => problems.map((p) => p.code);
const first = (items: unknown[], extra?: Record<string, unknown>) => {
  const errors = errorsOf(items, extra);
  if (errors.length === 0) expect.fail('expected a problem');
  return errors[0] as Problem;
};

describe('checkDefinition', () => {
  describe('the example questionnaire', () => {
    it('checks clean: no errors, only warnings about missing translations', () => {
      const result = checkDefinition(questionnaire);
      if (!result.ok) expect.fail(JSON.stringify(result.issues, null, 2));
      expect(new Set(codes(result.warnings))).toEqual(new Set(['missing_translation']));
      expect(result.value.sections).toHaveLength(4);
    });
  });

  describe('shape', () => {
    it('refuses what is not a definition, with the path of each problem', () => {
      for (const input of [null, 42, 'x', [], {}, { format: 'other' }]) {
        const result = checkDefinition(input);
        expect(result.ok).toBe(false);
      }
      const result = checkDefinition(definitionWith([{ id: 'Bad-Id', type: 'text', label: 'x' }]));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.path).toEqual(['sections', 0, 'items', 0, 'id']);
    });

    it('refuses an unknown item type', () => {
      const result = checkDefinition(definitionWith([{ id: 'x', type: 'slider', label: 'x' }]));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.path.slice(0, 4)).toEqual(['sections', 0, 'items', 0]);
    });

    it('refuses an item without a label, except notes and groups', () => {
      expect(errorsOf([{ id: 'x', type: 'integer' }])).not.toHaveLength(0);
      expect(errorsOf([{ id: 'n', type: 'note', text: 'hello' }])).toHaveLength(0);
      expect(errorsOf([{ id: 'g', type: 'group', items: [text('x')] }])).toHaveLength(0);
    });

    it('refuses option values with dots or spaces (they become keys and path segments)', () => {
      expect(
        errorsOf([{ id: 'c', type: 'choice', label: 'c', options: [{ value: 'a.b', label: 'A' }] }]),
      ).not.toHaveLength(0);
      expect(
        errorsOf([{ id: 'c', type: 'choice', label: 'c', options: [{ value: 'a b', label: 'A' }] }]),
      ).not.toHaveLength(0);
    });
  });

  describe('ids', () => {
    it('refuses a duplicate id in the definition, even in another section or a group', () => {
      const result = checkDefinition(
        definitionWith([text('a'), { id: 'g', type: 'group', items: [text('a')] }]),
      );
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues[0]).toMatchObject({
          code: 'duplicate_id',
          path: ['sections', 0, 'items', 1, 'items', 0, 'id'],
        });
      }
    });

    it('allows the same id in two repeats, but not twice in one', () => {
      const repeat = (id: string, items: unknown[]) => ({ id, type: 'repeat', label: id, items });
      expect(errorsOf([repeat('r1', [text('name')]), repeat('r2', [text('name')])])).toHaveLength(0);
      expect(codes(errorsOf([repeat('r1', [text('name'), text('name')])]))).toEqual(['duplicate_id']);
    });

    it('refuses an id that collides with the <id>_other answer of a choice', () => {
      const items = [
        { id: 'q', type: 'choice', options: 'yes_no', other: true, label: 'q' },
        text('q_other'),
      ];
      expect(codes(errorsOf(items))).toContain('duplicate_id');
    });

    it('refuses a duplicate section id', () => {
      const errors = errorsOf([text('a')], {
        sections: [
          { id: 's', title: 'S', items: [text('a')] },
          { id: 's', title: 'S', items: [text('b')] },
        ],
      });
      expect(errors[0]).toMatchObject({ code: 'duplicate_id', path: ['sections', 1, 'id'] });
    });

    it('refuses renamedFrom naming an item of the same version', () => {
      expect(first([text('a'), text('b', { renamedFrom: ['a'] })])).toMatchObject({
        code: 'renamed_from_current',
        path: ['sections', 0, 'items', 1, 'renamedFrom', 0],
      });
    });
  });

  describe('code lists and options', () => {
    it('refuses an unknown code list for options, rows or a loop', () => {
      expect(first([{ id: 'c', type: 'choice', options: 'nope', label: 'c' }])).toMatchObject({
        code: 'unknown_code_list',
        path: ['sections', 0, 'items', 0, 'options'],
      });
      expect(
        first([{ id: 't', type: 'table', rows: 'nope', columns: [num('x')], label: 't' }]),
      ).toMatchObject({
        code: 'unknown_code_list',
        path: ['sections', 0, 'items', 0, 'rows'],
      });
    });

    it('refuses a loop over something that is neither a code list nor a multiple choice', () => {
      const loop = (over: string) => ({ id: 'l', type: 'loop', over, label: 'l', items: [text('x')] });
      expect(first([text('a'), loop('a')])).toMatchObject({
        code: 'loop_over',
        path: ['sections', 0, 'items', 1, 'over'],
      });
      expect(first([loop('nothing')])).toMatchObject({ code: 'loop_over' });
      expect(first([{ id: 'c', type: 'choice', options: 'yes_no', label: 'c' }, loop('c')])).toMatchObject({
        code: 'loop_over',
      });
      expect(
        errorsOf([{ id: 'c', type: 'choice', multiple: true, options: 'yes_no', label: 'c' }, loop('c')]),
      ).toHaveLength(0);
      expect(errorsOf([loop('birds')])).toHaveLength(0);
    });

    it('refuses duplicate option values and duplicate table rows', () => {
      const options = [
        { value: 'a', label: 'A' },
        { value: 'a', label: 'B' },
      ];
      expect(first([{ id: 'c', type: 'choice', options, label: 'c' }])).toMatchObject({
        code: 'duplicate',
        path: ['sections', 0, 'items', 0, 'options', 1, 'value'],
      });
      const rows = [
        { id: 'r', label: 'R' },
        { id: 'r', label: 'R' },
      ];
      expect(first([{ id: 't', type: 'table', rows, columns: [num('x')], label: 't' }])).toMatchObject({
        code: 'duplicate',
      });
    });

    it('warns about a code list nobody uses', () => {
      const result = checkDefinition(definitionWith([text('a')]));
      expect(result.ok && codes(result.warnings)).toEqual(['unused_code_list', 'unused_code_list']);
    });
  });

  describe('bounds', () => {
    it('refuses min greater than max, and the like', () => {
      expect(first([num('a', { min: 5, max: 1 })])).toMatchObject({
        code: 'min_max',
        path: ['sections', 0, 'items', 0, 'min'],
      });
      expect(
        first([{ id: 'd', type: 'date', label: 'd', min: '2020-01-02', max: '2020-01-01' }]),
      ).toMatchObject({ code: 'min_max' });
      expect(first([text('t', { minLength: 5, maxLength: 2 })])).toMatchObject({ code: 'min_max' });
      expect(
        first([{ id: 'r', type: 'repeat', label: 'r', items: [text('x')], minItems: 3, maxItems: 1 }]),
      ).toMatchObject({
        code: 'min_max',
      });
      const choice = {
        id: 'c',
        type: 'choice',
        multiple: true,
        options: 'yes_no',
        label: 'c',
        minSelected: 2,
        maxSelected: 1,
      };
      expect(first([choice])).toMatchObject({ code: 'min_max' });
    });

    it('refuses minSelected above the number of options, and minSelected without multiple', () => {
      expect(
        first([{ id: 'c', type: 'choice', multiple: true, options: 'yes_no', label: 'c', minSelected: 3 }]),
      ).toMatchObject({
        code: 'min_max',
      });
      expect(
        first([{ id: 'c', type: 'choice', options: 'yes_no', label: 'c', minSelected: 1 }]),
      ).toMatchObject({
        code: 'needs_multiple',
      });
    });

    it('refuses an impossible date bound', () => {
      expect(first([{ id: 'd', type: 'date', label: 'd', min: '2020-02-31' }])).toMatchObject({
        code: 'date',
      });
    });

    it('refuses a pattern that could backtrack for ever', () => {
      expect(first([text('t', { pattern: '(a+)+$' })])).toMatchObject({
        code: 'pattern',
        path: ['sections', 0, 'items', 0, 'pattern'],
      });
      expect(errorsOf([text('t', { pattern: '[A-Z]{3}' })])).toHaveLength(0);
    });
  });

  describe('fields that do not belong', () => {
    it('refuses a constraint, required or default on an item that holds no value', () => {
      expect(first([{ id: 'n', type: 'note', text: 'x', constraint: '. > 1' }])).toMatchObject({
        code: 'no_value',
        path: ['sections', 0, 'items', 0, 'constraint'],
      });
      expect(first([{ id: 'g', type: 'group', required: true, items: [text('a')] }])).toMatchObject({
        code: 'no_value',
      });
      expect(
        first([{ id: 'c', type: 'calculated', label: 'c', expression: '1', required: true }]),
      ).toMatchObject({
        code: 'no_value',
      });
    });

    it('warns about unknown fields and ignores them', () => {
      const result = checkDefinition(definitionWith([text('a', { colour: 'red' })], { extra: 1 }));
      expect(result.ok).toBe(true);
      if (result.ok) {
        const unknown = result.warnings.filter((w) => w.code === 'unknown_field');
        expect(unknown.map((w) => w.path)).toEqual([['extra'], ['sections', 0, 'items', 0, 'colour']]);
        expect(result.value.sections[0]?.items[0]).not.toHaveProperty('colour');
      }
    });
  });

  describe('expressions', () => {
    it('refuses a syntax error with the path of the field and the column', () => {
      expect(first([num('a'), num('b', { relevant: 'a >' })])).toMatchObject({
        code: 'syntax',
        path: ['sections', 0, 'items', 1, 'relevant'],
        column: 4,
      });
    });

    it('refuses an unknown id, with its column', () => {
      expect(first([num('a', { relevant: 'b > 1 && zz == 2' })])).toMatchObject({
        code: 'unknown_id',
        path: ['sections', 0, 'items', 0, 'relevant'],
        column: 1,
      });
    });

    it('refuses a reference to an item that holds no value', () => {
      const items = [{ id: 'n', type: 'note', text: 'x' }, num('a', { relevant: 'n == 1' })];
      expect(first(items)).toMatchObject({ code: 'no_value' });
    });

    it('refuses comparing a number with a text', () => {
      expect(first([num('a'), text('s', { relevant: 'a == s' })])).toMatchObject({
        code: 'type_mismatch',
        column: 1,
      });
      expect(first([num('a'), text('s', { relevant: "a > 'x'" })])).toMatchObject({ code: 'type_mismatch' });
    });

    it('refuses sum() of a text, arithmetic on texts and ! on numbers', () => {
      const items = [text('s'), num('a')];
      expect(
        first([...items, { id: 'c', type: 'calculated', label: 'c', expression: 'sum(s)' }]),
      ).toMatchObject({
        code: 'type_mismatch',
        column: 5,
      });
      expect(
        first([...items, { id: 'c', type: 'calculated', label: 'c', expression: 's + 1' }]),
      ).toMatchObject({
        code: 'type_mismatch',
      });
      expect(first([...items, num('b', { relevant: '!a' })])).toMatchObject({
        code: 'type_mismatch',
        column: 2,
      });
    });

    it('refuses == between a multiple choice and a text, suggesting selected()', () => {
      const items = [
        { id: 'm', type: 'choice', multiple: true, options: 'yes_no', label: 'm' },
        num('a', { relevant: "m == 'yes'" }),
      ];
      expect(first(items).message).toContain('selected(');
    });

    it('refuses selected() with an option the question does not have', () => {
      const items = [
        { id: 'c', type: 'choice', options: 'yes_no', label: 'c' },
        num('a', { relevant: "selected(c, 'maybe')" }),
      ];
      expect(first(items)).toMatchObject({ code: 'unknown_option', column: 13 });
    });

    it('refuses a wrong number of arguments', () => {
      expect(first([num('a', { relevant: 'round()' })])).toMatchObject({ code: 'arity' });
      expect(first([num('a', { relevant: 'today(1) == null' })])).toMatchObject({ code: 'arity' });
      expect(first([num('a', { relevant: 'if(true, 1) == 1' })])).toMatchObject({ code: 'arity' });
    });

    it('refuses if() whose branches have different types', () => {
      expect(
        first([{ id: 'c', type: 'calculated', label: 'c', expression: "if(true, 1, 'x')" }]),
      ).toMatchObject({
        code: 'type_mismatch',
      });
    });

    it('refuses a relevant, required, constraint or filter that does not give true/false', () => {
      expect(first([num('a', { relevant: 'a + 1' })])).toMatchObject({ code: 'not_boolean' });
      expect(first([num('b'), num('a', { required: 'b' })])).toMatchObject({
        code: 'not_boolean',
        path: ['sections', 0, 'items', 1, 'required'],
      });
      expect(first([num('a', { constraint: '. * 2' })])).toMatchObject({ code: 'not_boolean' });
    });

    it('refuses the values of every row where one value is needed', () => {
      const repeat = { id: 'r', type: 'repeat', label: 'r', items: [num('x')] };
      expect(first([repeat, num('a', { relevant: 'r.x > 1' })])).toMatchObject({ code: 'many_values' });
      expect(first([repeat, { id: 'c', type: 'calculated', label: 'c', expression: 'r.x' }])).toMatchObject({
        code: 'many_values',
      });
      expect(first([repeat, num('a', { relevant: 'r > 1' })])).toMatchObject({ code: 'rows_value' });
    });

    it('refuses unknown table rows and columns in table.row.col', () => {
      const table = { id: 't', type: 'table', label: 't', rows: 'birds', columns: [num('n')] };
      expect(first([table, num('a', { relevant: 't.crane.zz > 1' })])).toMatchObject({ code: 'unknown_id' });
      expect(first([table, num('a', { relevant: 't.owl.n > 1' })])).toMatchObject({ code: 'unknown_row' });
      expect(errorsOf([table, num('a', { relevant: 't.crane.n > 1' })])).toHaveLength(0);
    });

    it('refuses . outside a constraint and @value or @option outside a loop, table or filter', () => {
      expect(first([num('a', { relevant: '. > 1' })])).toMatchObject({ code: 'self_outside_constraint' });
      expect(first([num('a', { relevant: "@value == 'x'" })])).toMatchObject({ code: 'value_outside_loop' });
      expect(first([num('a', { relevant: "@option.group == 'x'" })])).toMatchObject({
        code: 'option_outside_loop',
      });
    });

    it('refuses @option naming an attribute no option has', () => {
      const loop = {
        id: 'l',
        type: 'loop',
        over: 'birds',
        label: 'l',
        filter: "@option.colour == 'red'",
        items: [text('x')],
      };
      expect(first([loop])).toMatchObject({
        code: 'unknown_attribute',
        path: ['sections', 0, 'items', 0, 'filter'],
      });
    });

    it('refuses a matches() pattern that is not a quoted text, or is unsafe', () => {
      expect(first([text('s'), text('t', { constraint: 'matches(., s)' })])).toMatchObject({
        code: 'pattern',
        column: 12,
      });
      expect(first([text('t', { constraint: "matches(., '(a|aa)*b')" })])).toMatchObject({ code: 'pattern' });
      expect(first([text('t', { constraint: "matches(., '(a)\\\\1')" })])).toMatchObject({ code: 'pattern' });
    });

    it('refuses a default of the wrong type', () => {
      expect(first([num('a', { default: "'x'" })])).toMatchObject({ code: 'default_type' });
      expect(first([text('a', { default: 3 })])).toMatchObject({ code: 'default_type' });
      expect(
        errorsOf([num('a', { default: 3 }), { id: 'd', type: 'date', label: 'd', default: 'today()' }]),
      ).toHaveLength(0);
    });
  });

  describe('cycles', () => {
    it('refuses calculations that depend on each other', () => {
      const items = [
        { id: 'x', type: 'calculated', label: 'x', expression: 'y + 1' },
        { id: 'y', type: 'calculated', label: 'y', expression: 'x + 1' },
      ];
      const problem = first(items);
      expect(problem.code).toBe('cycle');
      expect(problem.message).toMatch(/x → y → x|y → x → y/);
    });

    it('refuses relevance that depends on itself, directly or through a calculation', () => {
      expect(first([num('a', { relevant: 'a > 1' })])).toMatchObject({ code: 'cycle' });
      const items = [
        num('a', { relevant: 'c > 1' }),
        { id: 'c', type: 'calculated', label: 'c', expression: 'a * 2' },
      ];
      expect(first(items)).toMatchObject({ code: 'cycle' });
    });

    it('refuses a group whose relevance reads an item inside it', () => {
      const items = [{ id: 'g', type: 'group', relevant: 'a > 1', items: [num('a')] }];
      expect(first(items)).toMatchObject({ code: 'cycle' });
    });

    it('refuses an item of a repeat whose relevance counts the rows of its own repeat', () => {
      const repeat = { id: 'r', type: 'repeat', label: 'r', items: [num('x', { relevant: 'count(r) > 1' })] };
      expect(first([repeat])).toMatchObject({ code: 'cycle' });
    });

    it('refuses defaults that depend on each other', () => {
      expect(first([num('a', { default: 'b' }), num('b', { default: 'a' })])).toMatchObject({
        code: 'cycle',
      });
    });

    it('allows a constraint or required to read anything, including later items', () => {
      expect(
        errorsOf([num('a', { constraint: '. < b', required: 'b > 1' }), num('b', { constraint: '. > a' })]),
      ).toHaveLength(0);
    });
  });

  describe('translations', () => {
    it('warns about texts missing a language of the definition, with the path', () => {
      const result = checkDefinition(
        definitionWith([{ id: 'a', type: 'text', label: { en: 'A', fr: 'A' } }], {
          languages: ['en', 'fr', 'es'],
        }),
      );
      expect(result.ok).toBe(true);
      if (result.ok) {
        const warning = result.warnings.find(
          (w) => w.code === 'missing_translation' && w.path.includes('items'),
        );
        expect(warning).toMatchObject({ path: ['sections', 0, 'items', 0, 'label'], severity: 'warning' });
        expect(warning?.message).toContain('es');
      }
    });

    it('refuses a default language that is not among the languages', () => {
      expect(first([text('a')], { defaultLanguage: 'fr' })).toMatchObject({ code: 'default_language' });
    });
  });

  describe('limits', () => {
    it('refuses input nested deeper than the JSON limit without overflowing the stack', () => {
      let deep: unknown = {};
      for (let i = 0; i < 100_000; i++) deep = { a: deep };
      const result = checkDefinition(deep);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.code).toBe('too_deep');
    });

    it('refuses cyclic objects', () => {
      const cyclic: Record<string, unknown> = { format: 'ors-questionnaire@1' };
      cyclic.self = cyclic;
      expect(checkDefinition(cyclic).ok).toBe(false);
    });

    it('refuses groups nested deeper than the item depth limit', () => {
      let item: unknown = text('leaf');
      for (let i = 0; i < definitionLimits.maxItemDepth + 1; i++)
        item = { id: `g${i}`, type: 'group', items: [item] };
      expect(codes(errorsOf([item]))).toContain('too_deep');
    });

    it('refuses more items than the limit', () => {
      const items = Array.from({ length: definitionLimits.maxItems + 1 }, (_, i) => ({
        id: `q${i}`,
        type: 'note',
        text: 'x',
      }));
      expect(codes(errorsOf(items))).toContain('too_many_items');
    });
  });
});
