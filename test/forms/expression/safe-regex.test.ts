import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from '../../../forms/expression/safe-regex.ts';
import { definitionLimits } from '../../../forms/index.ts';

const safe = (p: string) => compileSafeRegex(p).ok;

describe('compileSafeRegex', () => {
  it('accepts ordinary patterns', () => {
    for (const p of [
      '^https://',
      '[A-Z]{3}',
      '^\\d{4}-\\d{2}$',
      '^(https?|ftp)://',
      '[a-z]+@[a-z]+\\.[a-z]{2,}',
      '^(ab)+$',
      '^(?:a)?b*$',
    ]) {
      expect(safe(p), p).toBe(true);
    }
  });

  it('refuses repeated groups holding a quantifier or an alternation', () => {
    for (const p of ['(a+)+$', '(a*)*', '(a|aa)*b', '((ab)*c)+', '(\\w+\\s?)*$', '(a{2,})+', '(.*a){2,}']) {
      expect(safe(p), p).toBe(false);
    }
  });

  it('refuses back-references and invalid patterns', () => {
    expect(safe('(a)\\1')).toBe(false);
    expect(safe('(?<x>a)\\k<x>')).toBe(false);
    expect(safe('([a-z')).toBe(false);
    expect(safe('a{2')).toBe(false);
  });

  it('refuses patterns longer than the limit', () => {
    expect(safe('a'.repeat(definitionLimits.maxPatternLength + 1))).toBe(false);
  });

  it('anchors a pattern on request, to match the whole answer', () => {
    const result = compileSafeRegex('[A-Z]{3}', true);
    expect(result.ok && result.value.test('FRA')).toBe(true);
    expect(result.ok && result.value.test('FRANCE')).toBe(false);
  });

  it('runs quickly on a hostile subject', () => {
    const result = compileSafeRegex('^[a-z]+@[a-z]+$');
    const started = performance.now();
    if (result.ok) result.value.test(`${'a'.repeat(100_000)}!`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
