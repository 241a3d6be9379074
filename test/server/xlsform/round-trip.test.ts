// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is XLSForm syntax, not a template.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../forms/index.ts';
import { exportXlsForm, importSheets, importXlsForm } from '../../../server/xlsform/index.ts';
import { readSheets, writeSheets } from '../../../server/xlsform/workbook.ts';
import { testDefinition } from '../../helpers/reporting.ts';
import { speciesWorkbook } from '../../helpers/xlsform.ts';

const fixtures = new URL('../../fixtures/xlsforms/', import.meta.url);
const definitions = new URL('../../../forms/definitions/', import.meta.url);

/** Export, then import again: the report and the definition read back. */
async function again(definition: Definition) {
  const result = await importXlsForm(await exportXlsForm(definition));
  const lost = result.report.filter(
    (note) => note.severity !== 'info' && !note.reason.includes('missing translation'),
  );
  return { ...result, lost };
}

describe('XLSForm round trip (import → export → import)', async () => {
  const workbooks = (await readdir(fixtures)).filter((name) => name.endsWith('.xlsx')).sort();
  const demos: [string, Definition][] = [];
  for (const name of (await readdir(definitions)).filter((n) => n.endsWith('.json')).sort()) {
    const json = JSON.parse(await readFile(new URL(name, definitions), 'utf8'));
    if (json.format === 'ors-questionnaire@1') demos.push([name, json]);
  }

  it('has real workbooks and demo definitions to run on', () => {
    expect(workbooks).toHaveLength(7);
    expect(demos.length).toBeGreaterThan(0);
  });

  it.each(workbooks)('gives the same definition for %s', async (name) => {
    const first = await importXlsForm(await readFile(new URL(name, fixtures)), { instrument: 'CMS' });
    const second = await again(first.definition);
    expect(second.lost).toEqual([]);
    expect(second.valid).toBe(true);
    expect(second.definition).toEqual(first.definition);
  });

  it.each(demos)('keeps the demo definition %s whole', async (_name, definition) => {
    const { definition: back, lost, valid } = await again(definition);
    expect(lost).toEqual([]);
    expect(valid).toBe(true);
    expect(back).toEqual(definition);
  });

  it('keeps inline options and properties XLSForm has no column for (min, concept)', async () => {
    const definition = testDefinition() as unknown as Definition;
    const { definition: back, lost } = await again(definition);
    expect(lost).toEqual([]);
    expect(back).toEqual(definition);
  });

  it('gives the same definition for a workbook written here, through the file', async () => {
    const sheets = speciesWorkbook();
    const direct = importSheets(sheets);
    const viaFile = await importXlsForm(await writeSheets(sheets));
    expect(viaFile.definition).toEqual(direct.definition);
    const second = await again(viaFile.definition);
    expect(second.lost).toEqual([]);
    expect(second.definition).toEqual(direct.definition);
  });

  it('writes the XLSForm sheets with a label column per language and ORS extras as ors:: columns', async () => {
    const sheets = await readSheets(await exportXlsForm(importSheets(speciesWorkbook()).definition));
    expect(Object.keys(sheets)).toEqual(['survey', 'choices', 'settings']);
    expect(sheets.survey?.[0]?.slice(0, 5)).toEqual([
      'type',
      'name',
      'label::English (en)',
      'label::French (fr)',
      'label::Spanish (es)',
    ]);
    expect(sheets.survey?.map((row) => row[0])).toContain('begin repeat');
    expect(sheets.survey?.find((row) => row[1] === 'by_group')).toContain(
      'count-selected(${groups_present})',
    );
    expect(sheets.choices?.[0]).toEqual([
      'list_name',
      'name',
      'label::English (en)',
      'label::French (fr)',
      'label::Spanish (es)',
      'taxon',
      'range',
    ]);
    expect(sheets.settings).toEqual([
      ['form_title', 'form_id', 'default_language', 'instrument'],
      ['Species report', 'species_report', 'English (en)', 'CMS'],
    ]);
  });
});

describe('exportXlsForm', () => {
  it('keeps what XLSForm cannot say: explicit false, expressions over @party, table cells, null', async () => {
    const definition = {
      format: 'ors-questionnaire@1',
      key: 'edge',
      instrument: 'CMS',
      title: 'Edge cases',
      defaultLanguage: 'en',
      languages: ['en'],
      sections: [
        {
          id: 'main',
          title: { en: 'Main' },
          items: [
            { id: 'a', type: 'integer', label: { en: 'A' }, required: false, readonly: false, default: 3 },
            { id: 'b', type: 'text', label: { en: 'B' }, relevant: "@party == 'FRA'", default: "'it\\'s'" },
            {
              id: 't',
              type: 'table',
              label: { en: 'T' },
              rows: [{ id: 'r1', label: { en: 'Row 1' } }],
              columns: [{ id: 'c', type: 'integer', label: { en: 'C' } }],
            },
            { id: 'c', type: 'calculated', label: { en: 'C' }, expression: 'if(t.r1.c > 0, a, null)' },
          ],
        },
      ],
    } as unknown as Definition;
    const { definition: back, lost } = await again(definition);
    expect(lost).toEqual([]);
    expect(back).toEqual({ ...definition, title: { en: 'Edge cases' } });
  });
});
