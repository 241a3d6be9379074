// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is XLSForm syntax, not a template.
import { describe, expect, it } from 'vitest';
import { importSheets } from '../../../server/xlsform/index.ts';
import { rowsToDefinition } from '../../../server/xlsform/rows-to-definition.ts';
import type { XlsFormSheets } from '../../../server/xlsform/sheets.ts';
import { speciesWorkbook } from '../../helpers/xlsform.ts';

describe('rowsToDefinition', () => {
  it('reads sections, languages, code lists with attributes, loops, repeats and expressions', () => {
    const { definition, report } = importSheets(speciesWorkbook());
    // The workbook leaves a few texts in English only: checkDefinition's warnings point at their cells.
    expect(report).toContainEqual({
      sheet: 'survey',
      row: 3,
      column: 'constraint_message',
      reason: 'sections.0.items.0.constraintMessage: missing translation: fr, es',
      severity: 'warning',
    });
    expect(report).toContainEqual(
      expect.objectContaining({ sheet: 'settings', row: 2, column: 'form_title' }),
    );
    expect(report.filter((note) => !note.reason.includes('missing translation'))).toEqual([
      {
        sheet: 'choices',
        row: 5,
        column: 'name',
        reason: 'the value "power lines" is written power_lines',
        severity: 'info',
      },
      {
        sheet: 'survey',
        row: 3,
        column: 'name',
        reason: 'the name "focal-point" is written focal_point',
        severity: 'info',
      },
    ]);
    expect(definition).toMatchObject({
      key: 'species_report',
      instrument: 'CMS',
      title: { en: 'Species report' },
      defaultLanguage: 'en',
      languages: ['en', 'fr', 'es'],
    });
    expect(definition.codeLists?.groups?.[0]).toEqual({
      value: 'birds',
      label: { en: 'Birds', fr: 'Oiseaux', es: 'Aves' },
      attributes: { taxon: 'Aves', range: ['DEU', 'FRA'] },
    });
    const [general, species] = definition.sections;
    expect(general).toMatchObject({
      id: 'general',
      title: { fr: 'Général' },
      description: { en: 'About the Party' },
    });
    expect(general?.items).toEqual([
      {
        id: 'focal_point',
        type: 'text',
        label: { en: 'Focal point', fr: 'Correspondant', es: 'Punto focal' },
        required: true,
        constraint: 'len(.) <= 200',
        constraintMessage: { en: 'At most 200 characters' },
      },
      {
        id: 'report_date',
        type: 'date',
        label: { en: 'Date', fr: 'Date', es: 'Fecha' },
        required: true,
        constraint: '. <= today()',
        default: 'today()',
      },
      {
        id: 'comments',
        type: 'textarea',
        label: { en: 'Comments', fr: 'Commentaires', es: 'Comentarios' },
        default: "'none'",
      },
    ]);
    expect(species?.items.map((item) => [item.id, item.type])).toEqual([
      ['groups_present', 'choice'],
      ['by_group', 'loop'],
      ['sites', 'repeat'],
      ['total_area', 'calculated'],
      ['reviewed', 'choice'],
    ]);
    expect(species?.items[0]).toMatchObject({
      multiple: true,
      other: true,
      options: 'groups',
      required: true,
    });
    expect(species?.items[1]).toMatchObject({
      over: 'groups_present',
      items: [
        { id: 'population', type: 'integer', constraint: '. >= 0', default: 0 },
        { id: 'threat_rank', type: 'ranking', options: 'threats', relevant: 'population > 0' },
      ],
    });
    expect(species?.items[2]).toMatchObject({
      relevant: 'count(groups_present) > 0',
      items: [{ id: 'site_name' }, { id: 'site_area', relevant: '!empty(site_name)' }],
    });
    expect(species?.items[3]).toMatchObject({ expression: 'round(sum(sites.site_area), 1)' });
    expect(species?.items[4]).toMatchObject({
      required: "selected(groups_present, 'birds')",
      readonly: true,
      appearance: 'dropdown',
    });
  });

  it('reports what it cannot map and imports the rest', () => {
    const sheets: XlsFormSheets = {
      survey: [
        ['type', 'name', 'label', 'relevant', 'calculation'],
        ['integer', 'age', 'Age', null, null],
        ['text', 'nick', 'Nickname', "concat(${age}, 'x') = 'y'", null],
        ['text', 'other', 'Other', '${nowhere} > 1', null],
        ['geopoint', 'where', 'Where?', null, null],
        ['text', 'after', 'After', '${where} != ""', null],
        [null, 'lost', 'A row without a type', null, null],
        ['select_one missing_list', 'pick', 'Pick', null, null],
        ['begin repeat', 'outer', 'Outer', null, null],
        ['begin repeat', 'inner', 'Inner', null, null],
        ['text', 'deep', 'Deep', null, null],
        ['end repeat', null, null, null, null],
        ['text', 'kept', 'Kept', null, null],
        ['end repeat', null, null, null, null],
        ['end group', null, null, null, null],
        ['calculate', 'nothing', null, null, null],
      ],
    };
    const { definition, report } = importSheets(sheets, { instrument: 'CMS', key: 'k' });
    expect(report.map(({ row, column, reason }) => [row, column, reason])).toEqual([
      [5, 'type', 'the type "geopoint" (a location) is not supported: the row is not imported'],
      [7, 'type', 'a row without a type is not imported'],
      [8, 'type', 'the list "missing_list" is not in the choices sheet: the row is not imported'],
      [
        10,
        'type',
        'a repeat or loop inside a repeat is not supported: its rows are not imported (rows 10–12)',
      ],
      [15, 'type', '"end group" closes nothing that is open: the row is ignored'],
      [16, 'calculation', 'a calculate row without a calculation is not imported'],
      [
        3,
        'relevant',
        `relevant "concat(\${age}, 'x') = 'y'" is not imported: the function concat() is not supported`,
      ],
      [4, 'relevant', 'relevant "${nowhere} > 1" is not imported: unknown reference ${nowhere}'],
      [
        6,
        'relevant',
        'relevant "${where} != """ is not imported: refers to ${where} (row 5), which is not imported',
      ],
    ]);
    const ids = definition.sections[0]?.items.map((item) => item.id);
    expect(ids).toEqual(['age', 'nick', 'other', 'after', 'outer']);
    expect(definition.sections[0]?.items[4]).toMatchObject({ items: [{ id: 'kept' }] });
  });

  it('says when no instrument is given', () => {
    const { report } = rowsToDefinition({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
    });
    expect(report).toContainEqual(
      expect.objectContaining({
        sheet: 'settings',
        severity: 'error',
        reason: expect.stringMatching(/^no instrument/),
      }),
    );
  });

  it('maps problems that checkDefinition finds back to their rows', () => {
    const { report, valid } = importSheets(
      {
        survey: [
          ['type', 'name', 'label', 'relevant'],
          ['integer', 'a', 'A', null],
          [
            'integer',
            'b',
            'B',
            '${a} > ${b} and ${b} < ${a} and count-selected(${a}) = 1 and selected(${a}, "x")',
          ],
        ],
      },
      { instrument: 'CMS' },
    );
    const checked = report.filter((note) => note.reason.startsWith('sections.'));
    expect(checked.length).toBeGreaterThan(0);
    expect(
      checked.every((note) => note.sheet === 'survey' && note.row === 3 && note.column === 'relevant'),
    ).toBe(true);
    expect(valid).toBe(checked.every((note) => note.severity !== 'error'));
  });
});
