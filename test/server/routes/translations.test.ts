import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionTexts } from '../../../forms/index.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedReference, testDefinition } from '../../helpers/reporting.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const url = '/api/questionnaires/cms-test-report/draft/translations';

async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.getWorksheet('texts')?.eachRow((row) => {
    rows.push(Array.from({ length: 5 }, (_, i) => (row.values as unknown[])[i + 1] ?? ''));
  });
  return rows;
}

async function workbookOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('texts');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('definitionTexts', () => {
  it('lists every localized text with its path, skipping option attributes', () => {
    const texts = definitionTexts(
      {
        title: 'Report',
        codeLists: { species: [{ value: 'a', label: { en: 'A' }, attributes: { label: 'not a text' } }] },
        sections: [
          { id: 's', title: { en: 'S', fr: 'S-fr' }, items: [{ id: 'q', type: 'note', text: { en: 'N' } }] },
        ],
      },
      'en',
    );
    expect(texts).toEqual([
      { path: ['title'], texts: { en: 'Report' } },
      { path: ['codeLists', 'species', 0, 'label'], texts: { en: 'A' } },
      { path: ['sections', 0, 'title'], texts: { en: 'S', fr: 'S-fr' } },
      { path: ['sections', 0, 'items', 0, 'text'], texts: { en: 'N' } },
    ]);
  });
});

describe('the draft texts as a spreadsheet', () => {
  const ctx = useTestApp();

  let secretariat: { authorization: string };
  beforeAll(async () => {
    await seedReference(ctx.app);
    secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: testDefinition(),
    });
    expect(response.statusCode).toBe(201);
  });

  it('GET gives one row per text with a column per language, missing ones empty', async () => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: secretariat });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(xlsxType);
    const rows = await rowsOf(response.rawPayload);
    expect(rows[0]).toEqual(['path', 'id', 'field', 'en', 'fr']);
    expect(rows).toContainEqual(['title', '', 'title', 'Test national report', 'Rapport national de test']);
    expect(rows).toContainEqual([
      'sections/0/items/1/label',
      'pa_count',
      'label',
      'Number of protected areas',
      '',
    ]);
    expect(rows).toContainEqual(['sections/0/items/2/options/1/label', 'down', 'label', 'Decreasing', '']);
  });

  it('PUT writes the texts of the spreadsheet into the draft and counts them', async () => {
    const bytes = await workbookOf([
      ['path', 'id', 'field', 'en', 'fr'],
      [
        'sections/0/items/1/label',
        'pa_count',
        'label',
        'Number of protected areas',
        "Nombre d'aires protégées",
      ],
      ['sections/0/items/2/options/1/label', 'down', 'label', 'Decreasing', 'En baisse'],
    ]);
    const response = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { ...secretariat, 'content-type': xlsxType },
      payload: bytes,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ key: 'cms-test-report', updated: 2 });
    const draft = await ctx.app.inject({
      method: 'GET',
      url: '/api/questionnaires/cms-test-report/draft',
      headers: secretariat,
    });
    const items = draft.json().definition.sections[0].items;
    expect(items[1].label).toEqual({ en: 'Number of protected areas', fr: "Nombre d'aires protégées" });
    expect(items[2].options[1].label).toEqual({ en: 'Decreasing', fr: 'En baisse' });
  });

  it('PUT refuses a row naming a text the draft does not have, and changes nothing', async () => {
    const before = await ctx.app.inject({
      method: 'GET',
      url: '/api/questionnaires/cms-test-report/draft',
      headers: secretariat,
    });
    const bytes = await workbookOf([
      ['path', 'id', 'field', 'en', 'fr'],
      ['sections/0/items/1/label', 'pa_count', 'label', 'Number of protected areas', 'Nombre'],
      ['sections/0/items/9/label', 'ghost', 'label', 'Ghost', 'Fantôme'],
    ]);
    const response = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { ...secretariat, 'content-type': xlsxType },
      payload: bytes,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        path: ['texts', 3],
        message: 'no text at sections/0/items/9/label in the draft',
      }),
    ]);
    const after = await ctx.app.inject({
      method: 'GET',
      url: '/api/questionnaires/cms-test-report/draft',
      headers: secretariat,
    });
    expect(after.json().definition).toEqual(before.json().definition);
  });

  it('PUT refuses a body that is not a workbook with 400', async () => {
    const response = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { ...secretariat, 'content-type': xlsxType },
      payload: Buffer.from('not a zip'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
