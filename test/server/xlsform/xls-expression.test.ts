// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is XLSForm syntax, not a template.
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../forms/index.ts';
import { toXlsExpression } from '../../../server/xlsform/ors-expression.ts';
import { translateXlsExpression } from '../../../server/xlsform/xls-expression.ts';

const ids: Record<string, string> = { a: 'a', b: 'b', 'my-name': 'my_name', field: 'sites.field', x: 'x' };
const resolve = (name: string) => ids[name] ?? null;
const translate = (xls: string) => translateXlsExpression(xls, resolve);

describe('translateXlsExpression', () => {
  it.each([
    ["${a} = 'yes' and ${b} != 'no'", "a == 'yes' && b != 'no'"],
    ['${a} > 1 or not(${b} < 2)', 'a > 1 || !(b < 2)'],
    ["not(selected(${a}, 'yes') and selected (., 'no'))", "!(selected(a, 'yes') && selected(., 'no'))"],
    ['count-selected(${a}) >= 2', 'count(a) >= 2'],
    ['string-length(.) <= 20', 'len(.) <= 20'],
    ["if(${a} > 0, 'some', 'none')", "if(a > 0, 'some', 'none')"],
    ['. <= today()', '. <= today()'],
    ["regex(${a}, '^[0-9]+\\.[0-9]$')", "matches(a, '^[0-9]+\\\\.[0-9]$')"],
    ['sum(${field})', 'sum(sites.field)'],
    ['round(${a} div ${b}, 1)', 'round(a / b, 1)'],
    ['(${a} + ${b}) * 2', '(a + b) * 2'],
    ['${a} - (${b} - 1)', 'a - (b - 1)'],
    ["${a} = ''", 'empty(a)'],
    ["${a} != ''", '!empty(a)'],
    ['${my-name} = true()', 'my_name == true'],
    ['coalesce(${a}, 0)', 'if(empty(a), 0, a)'],
    ['-${a} < 0', '-a < 0'],
    ['"it\'s"', "'it\\'s'"],
  ])('translates %s', (xls, ors) => {
    expect(translate(xls)).toEqual({ ok: true, expression: ors });
    expect(parseExpression(ors).ok).toBe(true);
  });

  it.each([
    ['${nowhere} > 1', 'unknown reference ${nowhere}'],
    ["concat(${a}, 'x')", 'the function concat() is not supported'],
    ['${a} mod 2 = 0', 'the operator mod is not supported'],
    ['/data/a > 1', 'XPath paths (/data/…) are not supported: use ${name}'],
    ['position(..) = 1', 'relative paths (..) are not supported'],
    ['round()', 'round() takes 1 to 2 arguments'],
    ['${a} >', 'the expression ends too early'],
    ["'open", 'a text is not closed by a quote'],
  ])('refuses %s, saying why', (xls, reason) => {
    expect(translate(xls)).toEqual({ ok: false, reason });
  });
});

describe('toXlsExpression', () => {
  const names = { isMultipleChoice: (id: string) => id === 'groups' };

  it.each([
    ["a == 'yes' && !empty(b)", "${a} = 'yes' and not(${b} = '')"],
    ['count(groups) > 0 || count(sites) > 1', 'count-selected(${groups}) > 0 or count(${sites}) > 1'],
    ["matches(., '^a') && len(.) < 5", "regex(., '^a') and string-length(.) < 5"],
    ['sum(sites.area) / 2', 'sum(${area}) div 2'],
    ['a == true', '${a} = true()'],
    ['(a + b) * 2', '(${a} + ${b}) * 2'],
  ])('writes %s as %s', (ors, xls) => {
    expect(toXlsExpression(ors, names)).toBe(xls);
  });

  it('gives null for what XLSForm cannot say', () => {
    expect(toXlsExpression('contains(@option.range, @party)', names)).toBeNull();
    expect(toXlsExpression('status.birds.trend == null', names)).toBeNull();
  });

  it('reads back as the same ORS expression', () => {
    const ors = "!(selected(a, 'x') && count(groups) >= 2) || round(b / 3, 1) > -1";
    const xls = toXlsExpression(ors, names) as string;
    expect(translateXlsExpression(xls, (n) => n)).toEqual({ ok: true, expression: ors });
  });
});
