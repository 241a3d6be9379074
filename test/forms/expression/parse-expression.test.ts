import { describe, expect, it } from 'vitest';
import { definitionLimits, type Expression, parseExpression } from '../../../forms/index.ts';

const parse = (src: string): Expression => {
  const result = parseExpression(src);
  if (!result.ok) expect.fail(JSON.stringify(result.issues));
  return result.value;
};

/** A compact rendering of a tree, to compare shapes readably. */
function show(e: Expression): string {
  switch (e.type) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'reference':
      return e.path.join('.');
    case 'self':
      return '.';
    case 'context':
      return `@${e.name}`;
    case 'option':
      return `@option.${e.attribute}`;
    case 'unary':
      return `(${e.operator}${show(e.argument)})`;
    case 'binary':
    case 'logical':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'call':
      return `${e.name}(${e.arguments.map(show).join(', ')})`;
  }
}

const columnOf = (src: string) => {
  const result = parseExpression(src);
  return result.ok ? undefined : result.issues[0]?.column;
};

describe('parseExpression', () => {
  it('parses number, text, boolean and null literals', () => {
    expect(parse('12')).toMatchObject({ type: 'literal', value: 12 });
    expect(parse('3.5')).toMatchObject({ type: 'literal', value: 3.5 });
    expect(parse("'text'")).toMatchObject({ type: 'literal', value: 'text' });
    expect(parse('"text"')).toMatchObject({ type: 'literal', value: 'text' });
    expect(parse("'a\\'b'")).toMatchObject({ value: "a'b" });
    expect(parse('true')).toMatchObject({ value: true });
    expect(parse('false')).toMatchObject({ value: false });
    expect(parse('null')).toMatchObject({ value: null });
  });

  it('parses ids, table cells and repeat fields as references with a path', () => {
    expect(parse('pa_count')).toMatchObject({ type: 'reference', path: ['pa_count'] });
    expect(parse('species_status.row_id.column_id')).toMatchObject({
      path: ['species_status', 'row_id', 'column_id'],
    });
    expect(parse('new_sites.site_area_km2')).toMatchObject({ path: ['new_sites', 'site_area_km2'] });
    expect(parse('table.2020.count')).toMatchObject({ path: ['table', '2020', 'count'] });
    expect(parse('table.DEU.count')).toMatchObject({ path: ['table', 'DEU', 'count'] });
  });

  it('parses @party, @value, @option.<attribute> and . (the answer itself)', () => {
    expect(parse('@party')).toMatchObject({ type: 'context', name: 'party' });
    expect(parse('@value')).toMatchObject({ type: 'context', name: 'value' });
    expect(parse('@option.range')).toMatchObject({ type: 'option', attribute: 'range' });
    expect(parse('.')).toMatchObject({ type: 'self' });
    expect(show(parse('. == true'))).toBe('(. == true)');
    expect(show(parse("matches(., '^https://')"))).toBe('matches(., "^https://")');
  });

  it('gives && lower precedence than ==, and * higher than +', () => {
    expect(show(parse("a == 1 && b == 'x' || c"))).toBe('(((a == 1) && (b == "x")) || c)');
    expect(show(parse('1 + 2 * 3 - 4 / 2'))).toBe('((1 + (2 * 3)) - (4 / 2))');
    expect(show(parse('a < b == c >= d'))).toBe('((a < b) == (c >= d))');
  });

  it('associates operators of one precedence to the left', () => {
    expect(show(parse('10 - 4 - 3'))).toBe('((10 - 4) - 3)');
    expect(show(parse('8 / 4 / 2'))).toBe('((8 / 4) / 2)');
  });

  it('parses unary ! and - and parentheses', () => {
    expect(show(parse('!a && -b < 3'))).toBe('((!a) && ((-b) < 3))');
    expect(show(parse('!(a || b)'))).toBe('(!(a || b))');
    expect(show(parse('-(1 + 2) * 3'))).toBe('((-(1 + 2)) * 3)');
  });

  it('parses every function with its arguments', () => {
    expect(show(parse("selected(q, 'v')"))).toBe('selected(q, "v")');
    expect(show(parse('today()'))).toBe('today()');
    expect(show(parse('if(a > 0, round(b / a, 1), null)'))).toBe('if((a > 0), round((b / a), 1), null)');
    expect(show(parse('min(a, b, 3)'))).toBe('min(a, b, 3)');
  });

  it('keeps 0-based offsets of every node in the text', () => {
    const e = parse('a  +  bb');
    expect(e).toMatchObject({ start: 0, end: 8 });
    if (e.type !== 'binary') expect.fail();
    expect(e.right).toMatchObject({ start: 6, end: 8 });
  });

  it('reports syntax errors with the 1-based column where they are found', () => {
    expect(columnOf('a ==')).toBe(5);
    expect(columnOf('a = 1')).toBe(3);
    expect(columnOf('(a + 1')).toBe(7);
    expect(columnOf("'open")).toBe(1);
    expect(columnOf('a & b')).toBe(3);
    expect(columnOf('a b')).toBe(3);
    expect(columnOf('')).toBe(1);
    expect(columnOf('1abc')).toBe(2);
  });

  it('refuses unknown functions and unknown @ names', () => {
    const unknown = parseExpression('eval(a)');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]).toMatchObject({ code: 'unknown_function', column: 1 });
    const at = parseExpression('x == @user');
    expect(at.ok).toBe(false);
    if (!at.ok) expect(at.issues[0]).toMatchObject({ code: 'unknown_name', column: 6 });
    expect(parseExpression('@option').ok).toBe(false);
    expect(parseExpression('@party.x').ok).toBe(false);
    expect(parseExpression('a.b(1)').ok).toBe(false);
  });

  it('refuses operators the language does not have', () => {
    for (const src of ['a % 2', 'a ** 2', 'a ? b : c', 'a = b', 'a[0]', 'a; b', '`x`', 'a === b']) {
      expect(parseExpression(src).ok, src).toBe(false);
    }
  });

  it('refuses expressions nested deeper than the limit', () => {
    const depth = definitionLimits.maxExpressionNesting;
    expect(parseExpression(`${'('.repeat(depth)}1${')'.repeat(depth)}`).ok).toBe(true);
    const deep = parseExpression(`${'('.repeat(depth + 1)}1${')'.repeat(depth + 1)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.issues[0]?.code).toBe('too_deep');
    expect(parseExpression(`${'!'.repeat(depth + 1)}a`).ok).toBe(false);
  });

  it('refuses expressions longer than the limit', () => {
    const long = parseExpression(`a${' + a'.repeat(definitionLimits.maxExpressionLength)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues[0]?.code).toBe('too_long');
  });

  it('parses a long flat chain of operators without deep recursion', () => {
    expect(parseExpression(`a${' + a'.repeat(300)}`).ok).toBe(true);
  });
});
