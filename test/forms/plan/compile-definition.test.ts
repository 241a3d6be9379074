import { describe, expect, it } from 'vitest';
import { compileDefinition } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked, definitionWith, num } from '../helpers.ts';

const plan = compileDefinition(checked(questionnaire));

describe('compileDefinition', () => {
  it('lists every item with its key, section, parent, container and answer id', () => {
    expect(plan.item('take_prohibited')).toMatchObject({
      id: 'take_prohibited',
      type: 'boolean',
      sectionId: 'species',
      parentKey: 'appendix_i_block',
      containerKey: null,
      answerId: 'take_prohibited',
    });
    expect(plan.item('species_detail.priority_rank')).toMatchObject({
      parentKey: 'species_detail',
      containerKey: 'species_detail',
      answerId: 'species_detail',
    });
    expect(plan.item('pa_mean_area')?.answerId).toBe(null);
    expect(plan.items).toHaveLength(28);
  });

  it('resolves options from code lists, table rows and loop sources', () => {
    expect(plan.item('has_appendix_i')?.options?.map((o) => o.value)).toEqual(['yes', 'no']);
    expect(plan.item('population_trends')?.options).toHaveLength(3);
    expect(plan.item('species_detail')?.options?.map((o) => o.value)).toEqual([
      'aquila_clanga',
      'leucogeranus_leucogeranus',
      'acrocephalus_paludicola',
    ]);
  });

  it('knows which answer ids each item reads', () => {
    expect(plan.item('pa_mean_area')?.reads).toEqual(['pa_count', 'pa_area_km2']);
    expect(plan.item('species_detail.priority_rank')?.reads).toEqual(['species_detail']);
    expect(plan.item('new_sites_area_check')?.reads).toEqual(['new_sites']);
  });

  it('gives the items depending on an answer, transitively, in evaluation order', () => {
    expect(plan.dependentsOf('pa_count')).toEqual([
      'pa_count',
      'pa_area_km2',
      'pa_mean_area',
      'new_sites',
      'new_sites.site_name',
      'new_sites.site_area_km2',
      'new_sites.designated_on',
      'new_sites_area_check',
      'pa_area_total_ok',
    ]);
    expect(plan.dependentsOf('has_appendix_i')).toContain('species_detail.action_taken');
    expect(plan.dependentsOf('focal_point_name')).toEqual(['focal_point_name']);
    expect(plan.dependentsOf('nope')).toEqual([]);
  });

  it('gives the section of an item key, an instance key or an answer id', () => {
    expect(plan.sectionOf('pa_count')).toBe('protected_areas');
    expect(plan.sectionOf('new_sites.3.site_name')).toBe('protected_areas');
    expect(plan.sectionOf('appendix_i_present_other')).toBe('species');
    expect(plan.sectionOf('nope')).toBe(undefined);
  });

  it('still compiles a definition with problems, without throwing', () => {
    const broken = checked(definitionWith([num('a')]));
    const first = broken.sections[0];
    if (first) first.items.push({ id: 'b', type: 'calculated', label: 'b', expression: 'zz + (' });
    expect(() => compileDefinition(broken)).not.toThrow();
  });
});
