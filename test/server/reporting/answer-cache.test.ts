import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../server/reporting/answer-cache.ts';

describe('AnswerCache', () => {
  it('gives answers back only at the revision they were stored at', () => {
    const cache = new AnswerCache();
    cache.set(1, 4, { a: 1 });
    expect(cache.get(1, 4)).toEqual({ a: 1 });
    expect(cache.get(1, 5)).toBeUndefined();
    expect(cache.get(2, 4)).toBeUndefined();
  });

  it('moves an entry to a new revision only from the revision it is at', () => {
    const cache = new AnswerCache();
    cache.set(1, 4, { a: 1 });
    cache.advance(1, 3, 9);
    expect(cache.get(1, 9)).toBeUndefined();
    cache.advance(1, 4, 5);
    expect(cache.get(1, 5)).toEqual({ a: 1 });
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new AnswerCache(2);
    cache.set(1, 1, {});
    cache.set(2, 1, {});
    cache.get(1, 1);
    cache.set(3, 1, {});
    expect(cache.get(2, 1)).toBeUndefined();
    expect(cache.get(1, 1)).toEqual({});
    expect(cache.get(3, 1)).toEqual({});
  });
});
