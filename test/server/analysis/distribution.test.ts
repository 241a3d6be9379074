import { describe, expect, it } from 'vitest';
import { compileDefinition, type Definition } from '../../../forms/index.ts';
import { distributionOf, histogram, questionOf, summarize } from '../../../server/analysis/distribution.ts';
import { cmsDefinition } from './seed.ts';

const plan = compileDefinition(cmsDefinition(1) as Definition);

describe('summarize', () => {
  it('gives n, bounds, mean, median and quartiles as PostgreSQL percentile_cont does', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({
      n: 4,
      min: 1,
      max: 4,
      mean: 2.5,
      median: 2.5,
      q1: 1.75,
      q3: 3.25,
    });
    expect(summarize([7])).toEqual({ n: 1, min: 7, max: 7, mean: 7, median: 7, q1: 7, q3: 7 });
    expect(summarize([])).toBeNull();
  });
});

describe('histogram', () => {
  it('puts every value in one bin, whole-number bins for integers, the last bin closed', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const bins = histogram(values, true);
    expect(bins.reduce((total, bin) => total + bin.count, 0)).toBe(values.length);
    for (const bin of bins) expect(Number.isInteger(bin.from) && Number.isInteger(bin.to)).toBe(true);
    expect(bins[0]?.from).toBe(0);
    expect(bins.at(-1)?.to).toBeGreaterThanOrEqual(10);
  });

  it('gives decimals equal-width bins and a single value one bin', () => {
    const bins = histogram([0.5, 1, 1.5, 2], false);
    expect(bins.at(-1)?.to).toBe(2);
    expect(bins.reduce((total, bin) => total + bin.count, 0)).toBe(4);
    expect(histogram([3, 3, 3], true)).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(histogram([], false)).toEqual([]);
  });
});

describe('distributionOf', () => {
  it('counts each option of a multiple choice and keeps unknown values visible', () => {
    const threats = plan.item('threats');
    if (!threats) throw new Error('no threats');
    const result = distributionOf(threats, [['wind', 'poison'], ['wind'], ['gone']], 'fr');
    expect(result).toEqual({
      kind: 'choice',
      n: 3,
      options: [
        { value: 'bycatch', label: 'Captures accessoires', count: 0 },
        { value: 'wind', label: 'Éoliennes', count: 2 },
        { value: 'poison', label: 'Empoisonnement', count: 1 },
        { value: 'gone', label: 'gone', count: 1 },
      ],
    });
  });

  it('ignores what is not a number in a numeric question', () => {
    const count = plan.item('pa_count');
    if (!count) throw new Error('no pa_count');
    expect(distributionOf(count, [1, 'x', 3], 'en')).toMatchObject({
      kind: 'number',
      n: 2,
      summary: { mean: 2 },
    });
  });
});

describe('questionOf', () => {
  it('finds top-level questions with the cells of a table, and nothing inside one', () => {
    const table = questionOf(plan, 'groups');
    expect(table?.cells?.map((cell) => `${cell.row.id}.${cell.column.id}`)).toEqual([
      'birds.level',
      'birds.action',
      'bats.level',
      'bats.action',
    ]);
    expect(questionOf(plan, 'groups.level')).toBeNull();
    expect(questionOf(plan, 'nope')).toBeNull();
  });
});
