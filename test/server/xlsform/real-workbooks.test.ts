import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkDefinition, type GroupItem, type Item, type LoopItem } from '../../../forms/index.ts';
import { importXlsForm, type MappingNote } from '../../../server/xlsform/index.ts';

// Workbooks of pyxform's test suite (BSD-2-Clause, see test/fixtures/xlsforms/LICENSE.md): forms that were
// not written for ORS.
const fixture = (name: string) => readFile(new URL(`../../fixtures/xlsforms/${name}`, import.meta.url));
const load = async (name: string) => importXlsForm(await fixture(name), { instrument: 'CMS' });

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => ('items' in item ? [item, ...flatten(item.items as Item[])] : [item]));
}
const byId = (definition: { sections: { items: Item[] }[] }, id: string) =>
  flatten(definition.sections.flatMap((s) => s.items)).find((item) => item.id === id);
const at = (report: MappingNote[], sheet: string, row: number) =>
  report.filter((note) => note.sheet === sheet && note.row === row);

describe('importXlsForm on xlsform_spec_test.xlsx (most of the XLSForm specification)', async () => {
  const { definition, report, valid } = await load('xlsform_spec_test.xlsx');

  it('gives a definition that checks clean', () => {
    expect(valid).toBe(true);
    expect(checkDefinition(definition).ok).toBe(true);
    expect(report.filter((note) => note.severity === 'error' && note.reason.includes('sections.'))).toEqual(
      [],
    );
  });

  it('reports each row whose type ORS does not have, with its row and reason', () => {
    const unsupported = report.filter((note) => note.severity === 'error');
    expect(unsupported.map((note) => [note.row, note.column])).toEqual([
      [32, 'type'],
      [33, 'type'],
      [34, 'type'],
      [35, 'type'],
      [37, 'type'],
      [38, 'type'],
    ]);
    expect(at(report, 'survey', 34)).toEqual([
      {
        sheet: 'survey',
        row: 34,
        column: 'type',
        reason: 'the type "geopoint" (a location) is not supported: the row is not imported',
        severity: 'error',
      },
    ]);
    expect(at(report, 'survey', 35)[0]?.reason).toContain('"barcode"');
    expect(at(report, 'survey', 37)[0]?.reason).toContain('"audio"');
  });

  it('reports device metadata, media columns, unknown columns, settings and sheets that are not imported', () => {
    for (const row of [42, 44, 46, 48, 50, 52]) {
      expect(at(report, 'survey', row)[0]?.reason).toMatch(/is device metadata/);
    }
    const headerNotes = at(report, 'survey', 1).map((note) => note.column);
    expect(headerNotes).toEqual(
      expect.arrayContaining([
        'rows',
        'requiredMsg',
        'image',
        'audio',
        'media::audio::chinese',
        'media::video',
      ]),
    );
    expect(at(report, 'settings', 2).map((note) => note.column)).toEqual(
      expect.arrayContaining(['public_key', 'submission_url', 'instance_name']),
    );
    expect(report).toContainEqual(expect.objectContaining({ sheet: 'columns', row: 1, severity: 'warning' }));
    expect(at(report, 'survey', 10)[0]?.reason).toBe('a note without a label is not imported');
  });

  it('flattens groups inside the repeat and renames names that are not identifiers', () => {
    for (const row of [16, 20, 24]) {
      expect(at(report, 'survey', row)[0]?.reason).toMatch(/a group inside a repeat is not kept/);
    }
    expect(at(report, 'survey', 21)).toContainEqual(
      expect.objectContaining({ column: 'name', reason: 'the name "label-test" is written label_test' }),
    );
    expect(at(report, 'survey', 54)[0]?.reason).toBe('the name "_1" is written q_1');
    const repeat = byId(definition, 'repeat_test');
    expect(repeat).toMatchObject({ type: 'repeat', minItems: 2, maxItems: 2 });
    expect((repeat as { items: Item[] }).items.map((item) => item.id)).toEqual([
      'required_text',
      'select_multiple_test',
      'label_test',
      'list_nolabel_test',
      'table_list_question',
      'compact_test',
      'compact_2_test',
    ]);
  });

  it('maps languages, types and expressions', () => {
    expect(definition).toMatchObject({ key: 'spec-test', defaultLanguage: 'en', languages: ['en', 'zh'] });
    expect(byId(definition, 'address')).toMatchObject({
      type: 'text',
      label: { en: 'Enter an address', zh: '您好' },
    });
    expect(byId(definition, 'everything')).toMatchObject({
      type: 'group',
      relevant: "!selected(skip_to_end, 'yes')",
    });
    expect(byId(definition, 'a_decimal')).toMatchObject({ type: 'decimal', constraint: '. <= a_integer' });
    expect(byId(definition, 'select_multiple_test')).toMatchObject({
      type: 'choice',
      multiple: true,
      options: 'yes_no',
      appearance: 'dropdown',
      constraint: "!(selected(., 'yes') && selected(., 'no'))",
    });
    expect(byId(definition, 'list_nolabel_test')).toMatchObject({ required: true });
    expect(byId(definition, 'email_note')).toMatchObject({
      type: 'note',
      relevant: expect.stringMatching(/^matches\(address, /),
    });
    expect(byId(definition, 'calculate_test')).toMatchObject({ type: 'calculated', expression: '2 + 2' });
    expect(byId(definition, 'acknowledge_test')).toMatchObject({ type: 'boolean' });
    expect(byId(definition, 'image_test')).toMatchObject({ type: 'file', accept: ['image/*'] });
    expect(definition.codeLists?.yes_no).toEqual([
      { value: 'yes', label: { en: 'Yes', zh: '是' } },
      { value: 'no', label: { en: 'No', zh: '没有' } },
    ]);
  });
});

describe('importXlsForm on the single-feature workbooks', () => {
  it('imports choice_filter_test.xlsx, reporting the filters and the duplicate choice', async () => {
    const { definition, report, valid } = await load('choice_filter_test.xlsx');
    expect(valid).toBe(true);
    expect(at(report, 'survey', 3)[0]).toMatchObject({ column: 'choice_filter', severity: 'warning' });
    expect(at(report, 'survey', 4)[0]).toMatchObject({ column: 'choice_filter', severity: 'warning' });
    expect(at(report, 'choices', 6)[0]?.reason).toBe(
      'the value "king" is already in the list counties: this one is king_2',
    );
    expect(definition.codeLists?.counties?.[0]).toEqual({
      value: 'king',
      label: { en: 'King' },
      attributes: { cf: 'washington' },
    });
  });

  it('imports group.xlsx with the group kept inside one section', async () => {
    const { definition, valid } = await load('group.xlsx');
    expect(valid).toBe(true);
    expect(definition.sections).toHaveLength(1);
    const father = byId(definition, 'father') as GroupItem;
    expect(father.items.map((item) => [item.id, item.type])).toEqual([
      ['phone_number', 'text'],
      ['age', 'integer'],
    ]);
  });

  it('imports loop.xlsx as a loop over the code list, after a multiple choice with "other"', async () => {
    const { definition, report, valid } = await load('loop.xlsx');
    expect(valid).toBe(true);
    expect(report).toEqual([]);
    expect(byId(definition, 'available_toilet_types')).toMatchObject({
      type: 'choice',
      multiple: true,
      other: true,
    });
    const loop = byId(definition, 'loop_toilet_types') as LoopItem;
    expect(loop).toMatchObject({ type: 'loop', over: 'toilet_type' });
    expect(loop.items[0]).toMatchObject({ id: 'number', type: 'integer' });
    expect(definition.key).toBe('xlsform');
  });

  it.each([
    ['specify_other.xlsx', 'sex', { type: 'choice', options: 'sexes', other: true }],
    ['yes_or_no_question.xlsx', 'good_day', { type: 'choice', options: 'yes_or_no' }],
    ['text_and_integer.xlsx', 'your_age', { type: 'integer', label: { en: 'How many years old are you?' } }],
  ])('imports %s cleanly', async (file, id, expected) => {
    const { definition, report, valid } = await load(file);
    expect(valid).toBe(true);
    expect(report).toEqual([]);
    expect(byId(definition, id)).toMatchObject(expected);
  });
});
