import { describe, expect, it } from 'vitest';
import {
  contains,
  count,
  extreme,
  len,
  matches,
  round,
  selected,
  sum,
} from '../../../forms/expression/functions.ts';

describe('expression functions', () => {
  it('never throw on values of an unexpected kind', () => {
    const odd = [
      undefined,
      null,
      {},
      [],
      [null],
      'x',
      3,
      true,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      [1, 'a'],
    ];
    for (const v of odd) {
      expect(() => [
        selected(v, 'x'),
        count(v),
        sum([v]),
        len(v),
        extreme([v], 'min'),
        round(v, v),
        contains(v, v),
        matches(v, /x/),
      ]).not.toThrow();
    }
  });

  it('sum() skips non-numbers and infinities', () => {
    expect(sum([1, 'x', null, [2, [3]], Number.POSITIVE_INFINITY])).toBe(6);
  });

  it('min() and max() give null for mixed kinds', () => {
    expect(extreme([1, '2'], 'min')).toBe(null);
    expect(extreme(['b', 'a'], 'min')).toBe('a');
  });

  it('round() leaves very large numbers as they are', () => {
    expect(round(1e300, 2)).toBe(1e300);
    expect(round(-0.4)).toBe(0);
  });
});
