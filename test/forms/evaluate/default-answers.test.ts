import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../../forms/index.ts';
import { num, planOf, text } from '../helpers.ts';

describe('defaultAnswers', () => {
  const plan = planOf([
    { id: 'since', type: 'date', label: 'since', default: 'today()' },
    num('count', { default: 0 }),
    num('double', { default: 'count * 2 + base' }),
    num('base', { default: 5 }),
    text('country', { default: '@party' }),
    { id: 'ok', type: 'boolean', label: 'ok', default: true },
    { id: 'kinds', type: 'choice', multiple: true, options: 'yes_no', label: 'kinds', default: "'yes'" },
    num('none', { default: 'count / 0' }),
  ]);

  it('computes the defaults of unanswered questions, a default reading another one', () => {
    expect(defaultAnswers(plan, {}, { party: 'FRA', today: '2025-06-01' })).toEqual({
      since: '2025-06-01',
      count: 0,
      base: 5,
      double: 5,
      country: 'FRA',
      ok: true,
      kinds: ['yes'],
    });
  });

  it('leaves answered questions alone and reads their answers', () => {
    const defaults = defaultAnswers(
      plan,
      { count: 4, since: '2020-01-01' },
      { party: 'FRA', today: '2025-06-01' },
    );
    expect(defaults).not.toHaveProperty('count');
    expect(defaults).not.toHaveProperty('since');
    expect(defaults.double).toBe(13);
  });

  it('gives nothing for a definition without defaults', () => {
    expect(defaultAnswers(planOf([num('a')]), {})).toEqual({});
  });
});
