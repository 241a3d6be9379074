import { describe, expect, it } from 'vitest';
import { answerIds, checkAnswerShape, compileDefinition } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const plan = compileDefinition(checked(questionnaire));
const problems = (set: Record<string, unknown>) =>
  checkAnswerShape(plan, set).map((p) => `${p.path.join('.')}:${p.code}`);
const pdf = { file: 'f1', name: 'plan.pdf', size: 12, type: 'application/pdf' };

describe('checkAnswerShape', () => {
  it('accepts answers of the right shape for every type', () => {
    expect(
      problems({
        focal_point_name: 'Ana',
        report_date: '2025-01-31',
        has_appendix_i: 'yes',
        appendix_i_present: ['aquila_clanga'],
        appendix_i_present_other: 'An owl',
        take_prohibited: false,
        species_detail: {
          aquila_clanga: {
            main_threats: ['bycatch'],
            main_threats_other: 'wind',
            priority_rank: ['poisoning', 'bycatch'],
            action_taken: 'x',
          },
        },
        population_trends: { leucogeranus_leucogeranus: { trend: 'stable', population: 3 } },
        pa_count: 4,
        pa_area_km2: 2.5,
        new_sites: [{ site_name: 'A', site_area_km2: 1, designated_on: '2020-01-01' }, {}],
        action_plan: pdf,
      }),
    ).toEqual([]);
  });

  it('accepts null to clear any answer', () => {
    expect(
      problems({ pa_count: null, new_sites: null, population_trends: { aquila_clanga: { trend: null } } }),
    ).toEqual([]);
  });

  it('refuses unknown ids and ids that take no answer', () => {
    expect(problems({ nope: 1, pa_mean_area: 3, intro: 'x', appendix_i_block: 1 })).toEqual([
      'nope:unknown_id',
      'pa_mean_area:not_answerable',
      'intro:not_answerable',
      'appendix_i_block:not_answerable',
    ]);
  });

  it('refuses values of the wrong type', () => {
    expect(
      problems({
        pa_count: '3',
        pa_area_km2: Number.NaN,
        report_date: '31/01/2025',
        take_prohibited: 'yes',
        focal_point_name: 42,
        appendix_i_present: 'aquila_clanga',
        has_appendix_i: ['yes'],
        action_plan: 'plan.pdf',
        new_sites: { a: 1 },
        appendix_i_present_other: 3,
      }),
    ).toEqual([
      'pa_count:type',
      'pa_area_km2:type',
      'report_date:type',
      'take_prohibited:type',
      'focal_point_name:type',
      'appendix_i_present:type',
      'has_appendix_i:type',
      'action_plan:type',
      'new_sites:type',
      'appendix_i_present_other:type',
    ]);
    expect(problems({ pa_count: 1.5 })).toEqual(['pa_count:type']);
    expect(problems({ report_date: '2025-02-30' })).toEqual(['report_date:type']);
  });

  it('refuses unknown options, repeated options and unknown rows', () => {
    expect(problems({ has_appendix_i: 'maybe' })).toEqual(['has_appendix_i:unknown_option']);
    expect(problems({ appendix_i_present: ['aquila_clanga', 'aquila_clanga'] })).toEqual([
      'appendix_i_present:type',
    ]);
    expect(problems({ population_trends: { dodo: {} } })).toEqual(['population_trends.dodo:unknown_row']);
    expect(problems({ species_detail: { dodo: {} } })).toEqual(['species_detail.dodo:unknown_row']);
  });

  it('checks inside rows with paths [id, row, item]', () => {
    expect(
      problems({
        population_trends: { aquila_clanga: { trend: 'up', population: 'many', colour: 'red' } },
        new_sites: [{ site_name: 1 }, 'row', { zz: 1 }],
        species_detail: { aquila_clanga: { priority_rank: ['bycatch', 'dodo'] } },
      }),
    ).toEqual([
      'population_trends.aquila_clanga.trend:unknown_option',
      'population_trends.aquila_clanga.population:type',
      'population_trends.aquila_clanga.colour:unknown_id',
      'new_sites.0.site_name:type',
      'new_sites.1:type',
      'new_sites.2.zz:unknown_id',
      'species_detail.aquila_clanga.priority_rank:unknown_option',
    ]);
  });

  it('refuses a set that is not an object', () => {
    expect(checkAnswerShape(plan, [] as unknown as Record<string, unknown>)[0]?.code).toBe('type');
  });
});

describe('answerIds', () => {
  it('lists the top-level answer ids in order, with <id>_other after its choice', () => {
    expect(answerIds(plan)).toEqual([
      'focal_point_name',
      'focal_point_email',
      'report_date',
      'has_appendix_i',
      'appendix_i_present',
      'appendix_i_present_other',
      'take_prohibited',
      'exceptions_reason',
      'species_detail',
      'population_trends',
      'pa_count',
      'pa_area_km2',
      'new_sites',
      'pa_area_total_ok',
      'action_plan',
      'website',
    ]);
  });
});
