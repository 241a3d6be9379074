import { describe, expect, it } from 'vitest';
import {
  answerColumns,
  checkDefinition,
  compileDefinition,
  evaluateReport,
  flattenAnswers,
  type Plan,
} from '../../../forms/index.ts';

const definition = {
  format: 'ors-questionnaire@1',
  key: 'export-test',
  instrument: 'CMS',
  title: { en: 'Export test' },
  defaultLanguage: 'en',
  languages: ['en', 'fr'],
  codeLists: {
    species: [
      { value: 'aquila_clanga', label: { en: 'Greater spotted eagle' } },
      { value: 'falco_cherrug', label: { en: 'Saker falcon' } },
    ],
    groups: [{ value: 'raptors', label: { en: 'Raptors' } }],
  },
  sections: [
    {
      id: 'general',
      title: { en: 'General' },
      items: [
        { id: 'intro', type: 'note', text: { en: 'Read me' } },
        { id: 'pa_count', type: 'integer', label: { en: 'Protected areas', fr: 'Aires protégées' } },
        { id: 'pa_double', type: 'calculated', label: { en: 'Twice' }, expression: 'pa_count * 2' },
        {
          id: 'threats',
          type: 'choice',
          multiple: true,
          other: true,
          label: { en: 'Threats' },
          options: [
            { value: 'wind', label: { en: 'Wind' } },
            { value: 'poison', label: { en: 'Poison' } },
          ],
        },
        {
          id: 'details',
          type: 'group',
          label: { en: 'Details' },
          relevant: 'pa_count > 0',
          items: [{ id: 'pa_area', type: 'decimal', label: { en: 'Area' } }],
        },
      ],
    },
    {
      id: 'species',
      title: { en: 'Species' },
      items: [
        {
          id: 'trends',
          type: 'table',
          label: { en: 'Trends' },
          rows: 'species',
          columns: [
            { id: 'trend', type: 'text', label: { en: 'Trend' } },
            { id: 'size', type: 'integer', label: { en: 'Size' } },
          ],
        },
        {
          id: 'new_sites',
          type: 'repeat',
          label: { en: 'New sites' },
          items: [{ id: 'site_name', type: 'text', label: { en: 'Site name' } }],
        },
        {
          id: 'by_group',
          type: 'loop',
          label: { en: 'By group' },
          over: 'groups',
          items: [
            {
              id: 'by_species',
              type: 'loop',
              label: { en: 'By species' },
              over: 'species',
              items: [
                { id: 'main_threats', type: 'text', label: { en: 'Main threats' } },
                {
                  id: 'falcon_only',
                  type: 'text',
                  label: { en: 'Falcons only' },
                  relevant: "@value == 'falco_cherrug'",
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

function plan(): Plan {
  const checked = checkDefinition(definition);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return compileDefinition(checked.value);
}

describe('answerColumns', () => {
  it('lists one column per answerable item in questionnaire order, without notes and groups', () => {
    const keys = answerColumns(plan(), { repeatRows: { new_sites: 2 } }).map((column) => column.key);
    expect(keys).toEqual([
      'pa_count',
      'pa_double',
      'threats',
      'threats_other',
      'pa_area',
      'trends.aquila_clanga.trend',
      'trends.aquila_clanga.size',
      'trends.falco_cherrug.trend',
      'trends.falco_cherrug.size',
      'new_sites.1.site_name',
      'new_sites.2.site_name',
      'by_group.raptors.by_species.aquila_clanga.main_threats',
      'by_group.raptors.by_species.aquila_clanga.falcon_only',
      'by_group.raptors.by_species.falco_cherrug.main_threats',
      'by_group.raptors.by_species.falco_cherrug.falcon_only',
    ]);
  });

  it('gives each column its label and the labels of its rows', () => {
    const column = answerColumns(plan()).find((c) => c.key === 'trends.falco_cherrug.size');
    expect(column?.label).toEqual({ en: 'Size' });
    expect(column?.context).toEqual([{ en: 'Saker falcon' }]);
    expect(column?.answerId).toBe('trends');
  });

  it('has no repeat columns without rows or maxItems', () => {
    expect(answerColumns(plan()).some((c) => c.key.startsWith('new_sites'))).toBe(false);
  });
});

describe('flattenAnswers', () => {
  const answers = {
    pa_count: 3,
    threats: ['wind', 'poison'],
    threats_other: 'Fences',
    pa_area: 12.5,
    trends: { falco_cherrug: { trend: 'down', size: 40 } },
    new_sites: [{ site_name: 'Camargue' }, { site_name: 'Crau' }],
    by_group: { raptors: { by_species: { aquila_clanga: { main_threats: 'wind farms' } } } },
  };

  it('flattens every kind of answer, joining multiple choices with ;', () => {
    const p = plan();
    const cells = flattenAnswers(p, answers, evaluateReport(p, answers));
    expect(cells).toEqual({
      pa_count: 3,
      pa_double: 6,
      threats: 'wind;poison',
      threats_other: 'Fences',
      pa_area: 12.5,
      'trends.falco_cherrug.trend': 'down',
      'trends.falco_cherrug.size': 40,
      'new_sites.1.site_name': 'Camargue',
      'new_sites.2.site_name': 'Crau',
      'by_group.raptors.by_species.aquila_clanga.main_threats': 'wind farms',
    });
  });

  it('leaves out answers the engine finds not relevant', () => {
    const p = plan();
    const changed = { ...answers, pa_count: 0 };
    const cells = flattenAnswers(p, changed, evaluateReport(p, changed));
    expect(cells.pa_count).toBe(0);
    expect(cells).not.toHaveProperty('pa_area');
  });

  it('leaves out a loop item not relevant in one iteration and keeps it in another', () => {
    const p = plan();
    const looped = {
      by_group: {
        raptors: {
          by_species: {
            aquila_clanga: { falcon_only: 'stored but hidden' },
            falco_cherrug: { falcon_only: 'shown' },
          },
        },
      },
    };
    const cells = flattenAnswers(p, looped, evaluateReport(p, looped));
    expect(cells).toEqual({ 'by_group.raptors.by_species.falco_cherrug.falcon_only': 'shown' });
  });
});
