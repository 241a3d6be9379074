import { describe, expect, it } from 'vitest';
import { walkItems } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

describe('walkItems', () => {
  const walked = [...walkItems(checked(questionnaire))];

  it('visits every item depth first in document order, with template keys', () => {
    expect(walked.map((w) => w.key).slice(0, 12)).toEqual([
      'intro',
      'focal_point_name',
      'focal_point_email',
      'report_date',
      'has_appendix_i',
      'appendix_i_block',
      'appendix_i_present',
      'take_prohibited',
      'exceptions_reason',
      'species_detail',
      'species_detail.main_threats',
      'species_detail.priority_rank',
    ]);
    expect(walked.find((w) => w.key === 'population_trends.trend')).toBeDefined();
  });

  it('gives each item its JSON path, section, parent, container and depth', () => {
    const threats = walked.find((w) => w.key === 'species_detail.main_threats');
    expect(threats).toMatchObject({
      path: ['sections', 1, 'items', 1, 'items', 3, 'items', 0],
      depth: 2,
      sectionIndex: 1,
    });
    expect(threats?.section.id).toBe('species');
    expect(threats?.parent?.id).toBe('species_detail');
    expect(threats?.container?.id).toBe('species_detail');
    const column = walked.find((w) => w.key === 'population_trends.population');
    expect(column?.path).toEqual(['sections', 1, 'items', 2, 'columns', 1]);
    const grouped = walked.find((w) => w.key === 'take_prohibited');
    expect(grouped?.parent?.id).toBe('appendix_i_block');
    expect(grouped?.container).toBe(null);
  });
});
