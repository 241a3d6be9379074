import { describe, expect, it } from 'vitest';
import { evaluate, num } from '../helpers.ts';

describe('evaluating expressions', () => {
  describe('arithmetic', () => {
    it('adds, subtracts, multiplies and divides numbers', () => {
      expect(evaluate('a + b', { a: 2, b: 3 })).toBe(5);
      expect(evaluate('a - b', { a: 2, b: 3 })).toBe(-1);
      expect(evaluate('a * b', { a: 2, b: 3.5 })).toBe(7);
      expect(evaluate('a / b', { a: 3, b: 2 })).toBe(1.5);
      expect(evaluate('-a', { a: 2 })).toBe(-2);
      expect(evaluate('1 + 2 * 3')).toBe(7);
      expect(evaluate('(1 + 2) * 3')).toBe(9);
    });

    it('gives null when either side is null', () => {
      expect(evaluate('a + b', { a: 2 })).toBe(null);
      expect(evaluate('a * b', { b: 2 })).toBe(null);
      expect(evaluate('-a')).toBe(null);
      expect(evaluate('a + 1')).toBe(null);
    });

    it('gives null for a division by zero', () => {
      expect(evaluate('a / b', { a: 1, b: 0 })).toBe(null);
      expect(evaluate('1 / 0')).toBe(null);
    });
  });

  describe('comparisons', () => {
    it('compares numbers, texts and dates', () => {
      expect(evaluate('a < b', { a: 1, b: 2 })).toBe(true);
      expect(evaluate('a <= b', { a: 2, b: 2 })).toBe(true);
      expect(evaluate('a > b', { a: 1, b: 2 })).toBe(false);
      expect(evaluate('a >= b', { a: 3, b: 2 })).toBe(true);
      expect(evaluate("s < 'b'", { s: 'a' })).toBe(true);
      expect(evaluate("d >= '2020-01-01'", { d: '2021-05-01' })).toBe(true);
      expect(evaluate('d < today()', { d: '2025-05-31' })).toBe(true);
    });

    it('tests equality of numbers, texts, booleans and choices', () => {
      expect(evaluate('a == 2', { a: 2 })).toBe(true);
      expect(evaluate('a != 2', { a: 2 })).toBe(false);
      expect(evaluate("s == 'x'", { s: 'x' })).toBe(true);
      expect(evaluate('f == true', { f: true })).toBe(true);
      expect(evaluate('f == false', { f: true })).toBe(false);
      expect(evaluate("c == 'yes'", { c: 'yes' })).toBe(true);
    });

    it('makes every comparison with null false', () => {
      expect(evaluate('a < 1')).toBe(false);
      expect(evaluate('a > 1')).toBe(false);
      expect(evaluate('a <= b')).toBe(false);
      expect(evaluate('a >= 0')).toBe(false);
      expect(evaluate('a == 1')).toBe(false);
      expect(evaluate("s == 'x'")).toBe(false);
      expect(evaluate('f == false')).toBe(false);
    });

    it('makes != with exactly one null true, and == null / != null test for an answer', () => {
      expect(evaluate('a != 1')).toBe(true);
      expect(evaluate('a == null')).toBe(true);
      expect(evaluate('a != null')).toBe(false);
      expect(evaluate('a == null', { a: 0 })).toBe(false);
      expect(evaluate('a != null', { a: 0 })).toBe(true);
      expect(evaluate('null == null')).toBe(true);
    });

    it('treats an empty text and an empty choice as unanswered (null)', () => {
      expect(evaluate('s == null', { s: '' })).toBe(true);
      expect(evaluate('m == null', { m: [] })).toBe(true);
    });
  });

  describe('logic', () => {
    it('combines with && and || and negates with !', () => {
      expect(evaluate('f && a > 1', { f: true, a: 2 })).toBe(true);
      expect(evaluate('f && a > 1', { f: false, a: 2 })).toBe(false);
      expect(evaluate('f || a > 1', { f: false, a: 2 })).toBe(true);
      expect(evaluate('!f', { f: false })).toBe(true);
      expect(evaluate('!(a > 1)', { a: 2 })).toBe(false);
    });

    it('treats null as false in conditions', () => {
      expect(evaluate('f && true')).toBe(false);
      expect(evaluate('f || true')).toBe(true);
      expect(evaluate('!f')).toBe(true);
    });
  });

  describe('functions', () => {
    it('selected() tells whether a choice holds an option', () => {
      expect(evaluate("selected(m, 'yes')", { m: ['yes'] })).toBe(true);
      expect(evaluate("selected(m, 'no')", { m: ['yes'] })).toBe(false);
      expect(evaluate("selected(c, 'no')", { c: 'no' })).toBe(true);
      expect(evaluate("selected(m, 'yes')")).toBe(false);
    });

    it('count() counts chosen options, repeat rows and non-null values of a repeat field', () => {
      expect(evaluate('count(m)', { m: ['yes', 'no'] })).toBe(2);
      expect(evaluate('count(m)')).toBe(0);
      expect(evaluate('count(rep)', { rep: [{ x: 1 }, {}, { x: 3 }] })).toBe(3);
      expect(evaluate('count(rep.x)', { rep: [{ x: 1 }, {}, { x: 3 }] })).toBe(2);
      expect(evaluate('count(tab)')).toBe(2);
    });

    it('sum() adds a repeat field or table column, skipping nulls, and is 0 over nothing', () => {
      expect(evaluate('sum(rep.x)', { rep: [{ x: 1.5 }, {}, { x: 3 }] })).toBe(4.5);
      expect(evaluate('sum(rep.x)')).toBe(0);
      expect(evaluate('sum(tab.n)', { tab: { r1: { n: 2 }, r2: { n: 5 } } })).toBe(7);
      expect(evaluate('sum(a, b, 1)', { a: 2 })).toBe(3);
    });

    it('empty() is true for null, empty texts, empty choices and rows without answers', () => {
      expect(evaluate('empty(a)')).toBe(true);
      expect(evaluate('empty(a)', { a: 0 })).toBe(false);
      expect(evaluate('empty(s)', { s: '' })).toBe(true);
      expect(evaluate('empty(m)', { m: [] })).toBe(true);
      expect(evaluate('empty(rep)')).toBe(true);
      expect(evaluate('empty(rep)', { rep: [{}] })).toBe(true);
      expect(evaluate('empty(rep)', { rep: [{ name: 'x' }] })).toBe(false);
      expect(evaluate('empty(tab)', { tab: { r1: { n: 1 } } })).toBe(false);
    });

    it('len() counts characters of a text and options of a list, 0 for null', () => {
      expect(evaluate('len(s)', { s: 'abcd' })).toBe(4);
      expect(evaluate('len(m)', { m: ['yes', 'no'] })).toBe(2);
      expect(evaluate('len(s)')).toBe(0);
    });

    it('if() picks a branch, the second when the condition is null', () => {
      expect(evaluate("if(a > 0, 'pos', 'neg')", { a: 1 })).toBe('pos');
      expect(evaluate("if(a > 0, 'pos', 'neg')", { a: -1 })).toBe('neg');
      expect(evaluate("if(f, 'yes', 'no')")).toBe('no');
      expect(evaluate('if(a > 0, round(b / a, 1), null)', { a: 3, b: 10 })).toBe(3.3);
    });

    it('min() and max() pick among numbers (and lists of them), skipping nulls', () => {
      expect(evaluate('min(a, b, 7)', { a: 3, b: 9 })).toBe(3);
      expect(evaluate('max(a, b, 7)', { a: 3 })).toBe(7);
      expect(evaluate('max(rep.x)', { rep: [{ x: 2 }, { x: 8 }] })).toBe(8);
      expect(evaluate('min(a, b)')).toBe(null);
      expect(evaluate("min(d, '2030-01-01')", { d: '2021-01-01' })).toBe('2021-01-01');
    });

    it('round() rounds half away from zero to n decimals', () => {
      expect(evaluate('round(a, 2)', { a: 1.005 })).toBe(1.01);
      expect(evaluate('round(a)', { a: 2.5 })).toBe(3);
      expect(evaluate('round(a)', { a: -2.5 })).toBe(-3);
      expect(evaluate('round(a, -2)', { a: 1234 })).toBe(1200);
      expect(evaluate('round(a, 1)')).toBe(null);
      expect(evaluate('round(a, 99)', { a: 1 })).toBe(null);
    });

    it("today() gives the context's date, and the current UTC date by default", () => {
      expect(evaluate('today()')).toBe('2025-06-01');
      expect(evaluate('today()', {}, {})).toBe(new Date().toISOString().slice(0, 10));
    });

    it('matches() tests a text against a regular expression, false for null', () => {
      expect(evaluate("matches(s, '^https://')", { s: 'https://cms.int' })).toBe(true);
      expect(evaluate("matches(s, '^https://')", { s: 'http://cms.int' })).toBe(false);
      expect(evaluate("matches(s, '[0-9]{4}')", { s: 'year 2024' })).toBe(true);
      expect(evaluate("matches(s, 'x')")).toBe(false);
    });

    it('contains() tests a list (or a text) for a value', () => {
      expect(evaluate("contains(m, 'no')", { m: ['yes', 'no'] })).toBe(true);
      expect(evaluate("contains(m, 'no')", { m: ['yes'] })).toBe(false);
      expect(evaluate("contains(s, 'bc')", { s: 'abcd' })).toBe(true);
      expect(evaluate('contains(rep.x, 3)', { rep: [{ x: 1 }, { x: 3 }] })).toBe(true);
      expect(evaluate("contains(m, 'no')")).toBe(false);
    });
  });

  describe('context and references', () => {
    it('reads @party from the context, null without one', () => {
      expect(evaluate("@party == 'FRA'")).toBe(true);
      expect(evaluate('@party == null', {}, {})).toBe(true);
    });

    it('reads a table cell as table.row.col', () => {
      expect(evaluate('tab.r2.n * 2', { tab: { r2: { n: 21 } } })).toBe(42);
      expect(evaluate('tab.r1.n', { tab: { r2: { n: 21 } } })).toBe(null);
    });

    it('reads the other text of a choice as <id>_other', () => {
      const items = [{ id: 'q', type: 'choice', options: 'yes_no', other: true, label: 'q' }];
      expect(evaluate('q_other', { q_other: 'maybe' }, {}, items)).toBe('maybe');
    });

    it('reads an unanswered or wrongly shaped answer without failing', () => {
      expect(evaluate('a + 1', { a: 'ten' })).toBe(null);
      expect(evaluate('sum(rep.x)', { rep: 'oops' })).toBe(0);
      expect(evaluate('tab.r1.n', { tab: [1, 2] })).toBe(null);
      expect(evaluate("selected(m, 'yes')", { m: { yes: true } })).toBe(false);
    });

    it('reads answers under ids named like Object.prototype members as own values only', () => {
      const items = [num('constructor'), num('valueof')];
      expect(evaluate('constructor == null', {}, {}, items)).toBe(true);
      expect(evaluate('constructor + 1', { constructor: 1 }, {}, items)).toBe(2);
    });
  });
});
