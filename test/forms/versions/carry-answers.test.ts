import { describe, expect, it } from 'vitest';
import { carryAnswers, type Definition } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const base = checked(questionnaire);
const edit = (change: (d: Definition) => void): Definition => {
  const copy = structuredClone(base);
  change(copy);
  return checked(copy);
};
const itemOf = (d: Definition, sectionId: string, index: number) => {
  const item = d.sections.find((s) => s.id === sectionId)?.items[index];
  if (!item) throw new Error('no item');
  return item;
};

describe('carryAnswers', () => {
  it('carries every answer to the same version', () => {
    const answers = {
      pa_count: 3,
      appendix_i_present: ['aquila_clanga'],
      appendix_i_present_other: 'owl',
      new_sites: [{ site_name: 'A' }],
    };
    const result = carryAnswers(base, base, answers);
    expect(result.answers).toEqual(answers);
    expect(result.dropped).toEqual([]);
    expect(result.carried).toEqual([
      { from: 'appendix_i_present', to: 'appendix_i_present' },
      { from: 'appendix_i_present_other', to: 'appendix_i_present_other' },
      { from: 'pa_count', to: 'pa_count' },
      { from: 'new_sites', to: 'new_sites' },
    ]);
  });

  it('carries an answer to the item renamed from it', () => {
    const next = edit((d) => {
      Object.assign(itemOf(d, 'protected_areas', 0), { id: 'pa_total', renamedFrom: ['pa_count'] });
      Object.assign(itemOf(d, 'protected_areas', 1), { relevant: 'pa_total > 0' });
      Object.assign(itemOf(d, 'protected_areas', 2), { expression: 'pa_total' });
      Object.assign(itemOf(d, 'protected_areas', 3), { relevant: 'pa_total > 0' });
    });
    const result = carryAnswers(base, next, { pa_count: 3 });
    expect(result.answers).toEqual({ pa_total: 3 });
    expect(result.carried).toEqual([{ from: 'pa_count', to: 'pa_total' }]);
  });

  it('carries renamed items inside rows', () => {
    const next = edit((d) => {
      const repeat = itemOf(d, 'protected_areas', 3);
      if (repeat.type !== 'repeat') throw new Error('repeat');
      Object.assign(repeat.items[0] ?? {}, { id: 'name', renamedFrom: ['site_name'] });
    });
    const result = carryAnswers(base, next, { new_sites: [{ site_name: 'A', site_area_km2: 2 }] });
    expect(result.answers).toEqual({ new_sites: [{ name: 'A', site_area_km2: 2 }] });
  });

  it('drops a value whose shape no longer fits, with the reason', () => {
    const next = edit((d) => {
      Object.assign(itemOf(d, 'general', 1), { type: 'integer', maxLength: undefined });
    });
    const result = carryAnswers(base, next, { focal_point_name: 'Ana', pa_count: 2 });
    expect(result.answers).toEqual({ pa_count: 2 });
    expect(result.dropped).toEqual([
      { id: 'focal_point_name', value: 'Ana', reason: 'expected a whole number' },
    ]);
  });

  it('drops answers of removed questions, rows and options, keeping the rest of a table', () => {
    const next = edit((d) => {
      d.sections.pop();
      const list = d.codeLists?.appendix_i_birds;
      list?.splice(2, 1);
    });
    const result = carryAnswers(base, next, {
      website: 'https://x.org',
      population_trends: { aquila_clanga: { population: 3 }, acrocephalus_paludicola: { population: 9 } },
      appendix_i_present: ['acrocephalus_paludicola'],
    });
    expect(result.answers).toEqual({ population_trends: { aquila_clanga: { population: 3 } } });
    expect(result.dropped.map((d) => d.id)).toEqual([
      'appendix_i_present',
      'population_trends.acrocephalus_paludicola',
      'website',
    ]);
  });

  it('drops parts of rows that no longer exist', () => {
    const result = carryAnswers(base, base, { new_sites: [{ site_name: 'A', colour: 'red' }] });
    expect(result.answers).toEqual({ new_sites: [{ site_name: 'A' }] });
    expect(result.dropped).toEqual([
      { id: 'new_sites.0.colour', value: 'red', reason: 'no longer a question of this version' },
    ]);
  });
});
