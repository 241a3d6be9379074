import { describe, expect, it, vi } from 'vitest';
import { compileDefinition, createFormState, evaluateReport } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const ctx = { party: 'FRA', today: '2025-06-01' };
const plan = compileDefinition(checked(questionnaire));

describe('createFormState', () => {
  it('answers get, isRelevant, isRequired, calculatedValue, issuesFor and progress like evaluateReport', () => {
    const answers = { pa_count: 2, pa_area_km2: 5, has_appendix_i: 'no' };
    const form = createFormState(plan, answers, ctx);
    const full = evaluateReport(plan, answers, ctx);
    expect(form.get('pa_count')).toBe(2);
    expect(form.get('website')).toBeUndefined();
    expect(form.isRelevant('pa_area_km2')).toBe(true);
    expect(form.isRelevant('population_trends')).toBe(false);
    expect(form.isRelevant('section:species')).toBe(true);
    expect(form.isRequired('pa_area_km2')).toBe(true);
    expect(form.isRequired('website')).toBe(false);
    expect(form.calculatedValue('pa_mean_area')).toBe(2.5);
    expect(form.issuesFor('focal_point_name').map((i) => i.code)).toEqual(['required']);
    expect(form.progress()).toEqual(full.progress);
    expect(form.evaluation()).toEqual(full);
    expect(form.issues()).toEqual(full.issues);
  });

  it('returns exactly the keys whose state changed, the set id included', () => {
    const form = createFormState(plan, { pa_count: 2, pa_area_km2: 5 }, ctx);
    expect([...form.setAnswer('pa_area_km2', 8)].sort()).toEqual(['pa_area_km2', 'pa_mean_area']);
    expect([...form.setAnswer('pa_count', 0)].sort()).toEqual(
      ['pa_area_km2', 'pa_count', 'pa_mean_area', 'new_sites'].sort(),
    );
    expect(form.isRelevant('pa_area_km2')).toBe(false);
    expect(form.calculatedValue('pa_mean_area')).toBe(null);
  });

  it('does not report unrelated items after a keystroke', () => {
    const form = createFormState(plan, {}, ctx);
    expect([...form.setAnswer('focal_point_name', 'A')]).toEqual(['focal_point_name']);
    expect([...form.setAnswer('focal_point_name', 'An')]).toEqual(['focal_point_name']);
  });

  it('adds and removes the keys of rows as they come and go', () => {
    const form = createFormState(plan, { pa_count: 1 }, ctx);
    const changed = form.setAnswer('new_sites', [{ site_area_km2: 3 }]);
    expect(changed).toContain('new_sites.0.site_name');
    expect(changed).toContain('new_sites_area_check');
    expect(form.issuesFor('new_sites.0.site_name').map((i) => i.code)).toEqual(['required']);
    expect(form.calculatedValue('new_sites_area_check')).toBe(3);
    expect(form.setAnswer('new_sites', [])).toContain('new_sites.0.site_name');
    expect(form.isRelevant('new_sites.0.site_name')).toBe(false);
  });

  it('calls the listeners of the changed keys only, once each, and stops after unsubscribe', () => {
    const form = createFormState(plan, { pa_count: 2 }, ctx);
    const area = vi.fn();
    const name = vi.fn();
    const all = vi.fn();
    const stop = form.subscribe('pa_area_km2', area);
    form.subscribe('focal_point_name', name);
    form.subscribe('*', all);
    form.setAnswer('pa_count', 0);
    expect(area).toHaveBeenCalledTimes(1);
    expect(name).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
    stop();
    form.setAnswer('pa_count', 3);
    expect(area).toHaveBeenCalledTimes(1);
    expect(all).toHaveBeenCalledTimes(2);
  });

  it('removes an answer set to undefined', () => {
    const form = createFormState(plan, { pa_count: 2 }, ctx);
    form.setAnswer('pa_count', undefined);
    expect(form.get('pa_count')).toBeUndefined();
    expect(form.issuesFor('pa_count').map((i) => i.code)).toEqual(['required']);
  });

  it('ignores ids that take no answer', () => {
    const form = createFormState(plan, {}, ctx);
    expect(form.setAnswer('pa_mean_area', 3).size).toBe(0);
    expect(form.setAnswer('nope', 3).size).toBe(0);
  });

  it('updates the other text of a choice and its choice', () => {
    const form = createFormState(plan, { has_appendix_i: 'yes' }, ctx);
    const changed = form.setAnswer('appendix_i_present_other', 'Some owl');
    expect(changed).toContain('appendix_i_present');
    expect(form.issuesFor('appendix_i_present')).toEqual([]);
  });

  it('does not share its answers with the object it was given', () => {
    const answers: Record<string, unknown> = { pa_count: 2 };
    const form = createFormState(plan, answers, ctx);
    form.setAnswer('pa_count', 5);
    expect(answers.pa_count).toBe(2);
  });
});
