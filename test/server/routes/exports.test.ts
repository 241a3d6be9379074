import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

/** The test questionnaire plus a table, a repeat, a loop, a multiple choice with "other" and a relevance rule. */
const definition = testDefinition({
  key: 'cms-export-test',
  languages: ['en', 'fr'],
  codeLists: {
    species: [
      { value: 'aquila_clanga', label: { en: 'Greater spotted eagle', fr: 'Aigle criard' } },
      { value: 'falco_cherrug', label: { en: 'Saker falcon', fr: 'Faucon sacre' } },
    ],
  },
  sections: [
    ...testDefinition().sections,
    {
      id: 'threats',
      title: { en: 'Threats', fr: 'Menaces' },
      items: [
        {
          id: 'threats',
          type: 'table',
          label: { en: 'Threats' },
          rows: [
            { id: 'wind', label: { en: 'Wind turbines', fr: 'Éoliennes' } },
            { id: 'bycatch', label: { en: 'By-catch' } },
          ],
          columns: [
            { id: 'level', type: 'integer', label: { en: 'Level', fr: 'Niveau' } },
            { id: 'note', type: 'text', label: { en: 'Note' } },
          ],
        },
        {
          id: 'pressures',
          type: 'choice',
          multiple: true,
          other: true,
          label: { en: 'Pressures' },
          options: [
            { value: 'poison', label: { en: 'Poison' } },
            { value: 'hunting', label: { en: 'Hunting' } },
          ],
        },
        { id: 'pa_detail', type: 'text', label: { en: 'About the areas' }, relevant: 'pa_count > 0' },
        {
          id: 'new_sites',
          type: 'repeat',
          label: { en: 'New sites' },
          items: [{ id: 'site_name', type: 'text', label: { en: 'Site name' } }],
        },
        {
          id: 'species_detail',
          type: 'loop',
          label: { en: 'Per species' },
          over: 'species',
          items: [{ id: 'main_threats', type: 'text', label: { en: 'Main threats' } }],
        },
      ],
    },
  ],
});

function parseCsv(text: string, separator = ','): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .map((line) => line.split(separator));
}

const fixed = ['party', 'party_name', 'status', 'questionnaire_version', 'submitted_at'];
const answerKeys = [
  'focal_point_name',
  'pa_count',
  'trend',
  'threats.wind.level',
  'threats.wind.note',
  'threats.bycatch.level',
  'threats.bycatch.note',
  'pressures',
  'pressures_other',
  'pa_detail',
  'new_sites.1.site_name',
  'new_sites.2.site_name',
  'species_detail.aquila_clanga.main_threats',
  'species_detail.falco_cherrug.main_threats',
];

describe('GET /api/cycles/:id/export', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let secretariat: { authorization: string };
  let reports: Record<string, number>;

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app, definition);
    cycleId = opened.cycleId;
    secretariat = opened.secretariat;
    reports = opened.reports as Record<string, number>;
    const france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const germany = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
    const save = async (
      id: number | undefined,
      headers: { authorization: string },
      set: Record<string, unknown>,
    ) => {
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/reports/${id}/answers`,
        headers,
        payload: { baseRevision: 0, set },
      });
      expect(response.statusCode).toBe(200);
    };
    await save(reports.FRA, france, {
      focal_point_name: 'Marie',
      pa_count: 4,
      threats: { bycatch: { level: 2 }, wind: { level: 3, note: 'north; coast' } },
      pressures: ['poison', 'hunting'],
      pressures_other: 'Fences',
      pa_detail: 'Camargue',
      new_sites: [{ site_name: 'Crau' }, { site_name: 'Étang de Berre' }],
      species_detail: { falco_cherrug: { main_threats: 'electrocution' } },
    });
    // pa_count 0 makes pa_detail irrelevant: its stored answer stays out of the export.
    await save(reports.DEU, germany, {
      focal_point_name: 'Ada',
      trend: 'up',
      pa_count: 0,
      pa_detail: 'hidden',
    });
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.FRA}/submit`,
      headers: france,
    });
    expect(submitted.statusCode).toBe(200);
  });

  it('gives the secretariat one row per Party as CSV, ids then labels as headers, cell by cell', async () => {
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?format=csv`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="cms-cycle-\d+\.csv"$/);
    const [ids, labels, ...rows] = parseCsv(response.body.replace('"north; coast"', 'north; coast'));
    expect(ids).toEqual([...fixed, ...answerKeys]);
    expect(labels?.slice(0, 5)).toEqual([
      'Party',
      'Party name',
      'Status',
      'Questionnaire version',
      'Submitted at',
    ]);
    expect(labels?.[8]).toBe('Wind turbines — Level');
    expect(labels?.[15]).toBe('1 — Site name');
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['DEU', 'Germany', 'in_progress', '1'],
      ['FRA', 'France', 'submitted', '1'],
      ['KEN', 'Kenya', 'not_started', '1'],
    ]);
    const france = Object.fromEntries(answerKeys.map((key, i) => [key, rows[1]?.[5 + i]]));
    expect(france).toEqual({
      focal_point_name: 'Marie',
      pa_count: '4',
      trend: '',
      'threats.wind.level': '3',
      'threats.wind.note': 'north; coast',
      'threats.bycatch.level': '2',
      'threats.bycatch.note': '',
      pressures: 'poison;hunting',
      pressures_other: 'Fences',
      pa_detail: 'Camargue',
      'new_sites.1.site_name': 'Crau',
      'new_sites.2.site_name': 'Étang de Berre',
      'species_detail.aquila_clanga.main_threats': '',
      'species_detail.falco_cherrug.main_threats': 'electrocution',
    });
    expect(rows[1]?.[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const germany = rows[0] ?? [];
    expect(germany.slice(5, 8)).toEqual(['Ada', '0', 'up']);
    expect(germany[5 + answerKeys.indexOf('pa_detail')]).toBe('');
  });

  it('writes labels in the language asked for, with the separator asked for', async () => {
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?separator=tab&lang=fr`,
      headers: secretariat,
    });
    const [ids, labels] = parseCsv(response.body, '\t');
    expect(ids?.length).toBe(fixed.length + answerKeys.length);
    expect(labels?.[8]).toBe('Éoliennes — Niveau');
    const semicolon = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?separator=;`,
      headers: secretariat,
    });
    expect(semicolon.body.split('\n')[0]?.startsWith('\uFEFFparty;party_name;status')).toBe(true);
  });

  it('gives the long layout: one row per Party, item and value, irrelevant answers left out', async () => {
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?layout=long`,
      headers: secretariat,
    });
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual(['party', 'party_name', 'item', 'value']);
    expect(rows.filter((row) => row[0] === 'DEU')).toEqual([
      ['DEU', 'Germany', 'focal_point_name', 'Ada'],
      ['DEU', 'Germany', 'pa_count', '0'],
      ['DEU', 'Germany', 'trend', 'up'],
    ]);
    expect(rows.filter((row) => row[0] === 'FRA').map((row) => row[2])).toContain('new_sites.2.site_name');
    expect(rows.some((row) => row[0] === 'KEN')).toBe(false);
  });

  it('gives an analyst only the submitted reports', async () => {
    const analyst = await bearerFor(ctx.app, ['analyst']);
    const response = await ctx.app.inject({ url: `/api/cycles/${cycleId}/export`, headers: analyst });
    expect(response.statusCode).toBe(200);
    expect(
      parseCsv(response.body)
        .slice(2)
        .map((row) => row[0]),
    ).toEqual(['FRA']);
  });

  it('gives the same table as an XLSX workbook, with the labels on a "Questions" sheet', async () => {
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?format=xlsx`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [answers, questions] = workbook.worksheets;
    expect(answers?.getRow(1).values).toEqual([undefined, ...fixed, ...answerKeys]);
    expect(answers?.rowCount).toBe(4);
    const france = answers?.getRow(3);
    expect(france?.getCell(1).value).toBe('FRA');
    expect(france?.getCell(4).value).toBe(1);
    expect(france?.getCell(5 + 2).value).toBe(4);
    expect(france?.getCell(5 + 8).value).toBe('poison;hunting');
    expect(france?.getCell(5 + 12).value).toBe('Étang de Berre');
    expect(answers?.getRow(2).getCell(5 + 10).value).toBeNull();
    expect(questions?.name).toBe('Questions');
    expect(questions?.getRow(5).values).toEqual([undefined, 'threats.wind.level', 'Wind turbines — Level']);
  });

  it('refuses focal points, other secretariats and an unknown format', async () => {
    const france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const aewa = await bearerFor(ctx.app, ['secretariat:AEWA']);
    for (const headers of [france, aewa]) {
      expect((await ctx.app.inject({ url: `/api/cycles/${cycleId}/export`, headers })).statusCode).toBe(403);
    }
    const bad = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?format=pdf`,
      headers: secretariat,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('streams a cycle of 200 reports in batches, every row written', async () => {
    const db = ctx.app.db;
    const codes = Array.from(
      { length: 197 },
      (_, i) => `Q${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}`,
    );
    await db
      .insertInto('parties')
      .values(codes.map((code) => ({ code, name: { en: `Party ${code}` } })))
      .execute();
    const cycle = await db
      .selectFrom('cycles')
      .select(['questionnaire_version_id'])
      .where('id', '=', cycleId)
      .executeTakeFirstOrThrow();
    const inserted = await db
      .insertInto('reports')
      .values(
        codes.map((code) => ({
          cycle_id: cycleId,
          party_code: code,
          questionnaire_version_id: cycle.questionnaire_version_id,
          status: 'submitted' as const,
        })),
      )
      .returning('id')
      .execute();
    await sql`INSERT INTO answers (report_id, item_id, value, revision)
      SELECT r.id, 'pa_count', to_jsonb(r.id), 1 FROM unnest(${inserted.map((r) => r.id)}::int[]) AS r(id)`.execute(
      db,
    );
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?format=xlsx`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(201);
    expect(sheet?.getRow(201).getCell(1).value).toBe('QHO');
    expect(sheet?.getRow(201).getCell(7).value).toBe(inserted.at(-1)?.id);
    const csv = await ctx.app.inject({ url: `/api/cycles/${cycleId}/export`, headers: secretariat });
    expect(parseCsv(csv.body).length).toBe(202);
  });
});

// WinAnsi (Windows-1252), the standard fonts' encoding: Latin-1 plus these in 0x80–0x9f.
const winAnsiHigh = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? winAnsiHigh[b - 0x80] : String.fromCharCode(b))).join('');

/** The text drawn on a PDF's pages: each content stream inflated, its strings decoded (WinAnsi). */
function pdfText(pdf: Buffer): string {
  const text: string[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    const body = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    for (const op of content.matchAll(/\[(.*?)\] TJ/g)) {
      const line = [...(op[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map((hex) => winAnsi(Buffer.from(hex[1] ?? '', 'hex')))
        .join('');
      text.push(line);
    }
  }
  return text.join('\n');
}

describe('GET /api/reports/:id/export', () => {
  const ctx = useTestApp();
  let reports: Record<string, number>;
  let france: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    reports = (await openTestCycle(ctx.app, definition)).reports as Record<string, number>;
    france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const saved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reports.FRA}/answers`,
      headers: france,
      payload: {
        baseRevision: 0,
        set: {
          focal_point_name: 'Françoise Cœur',
          pa_count: 0,
          pa_detail: 'hidden detail',
          threats: { wind: { level: 7 } },
          species_detail: { falco_cherrug: { main_threats: 'electrocution' } },
        },
      },
    });
    expect(saved.statusCode).toBe(200);
  });

  it('gives the full report as a PDF whose text holds every relevant question and answer', async () => {
    const response = await ctx.app.inject({
      url: `/api/reports/${reports.FRA}/export?format=pdf`,
      headers: france,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Test national report');
    expect(text).toContain('France (FRA)');
    expect(text).toContain('Françoise Cœur');
    expect(text).toContain('Number of protected areas');
    expect(text).toContain('Wind turbines');
    expect(text).toContain('7');
    expect(text).toContain('Saker falcon');
    expect(text).toContain('electrocution');
    expect(text).toContain('not answered');
    expect(text).not.toContain('hidden detail');
    expect(text).not.toContain('About the areas');
  });

  it('leaves unanswered questions out of the short variant, and speaks the language asked for', async () => {
    const response = await ctx.app.inject({
      url: `/api/reports/${reports.FRA}/export?variant=short&lang=fr`,
      headers: france,
    });
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Françoise Cœur');
    expect(text).toContain('Partie');
    expect(text).toContain('Faucon sacre');
    expect(text).not.toContain('Aigle criard');
    expect(text).not.toContain('sans réponse');
    expect(text).not.toContain('Trend');
  });

  it('gives the report as a Word document holding the same text', async () => {
    const response = await ctx.app.inject({
      url: `/api/reports/${reports.FRA}/export?format=docx&lang=fr`,
      headers: france,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toContain('.docx');
    const zip = await JSZip.loadAsync(response.rawPayload);
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
    );
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain('Françoise Cœur');
    expect(text).toContain('Éoliennes');
    expect(text).toContain('Faucon sacre');
    expect(text).toContain('electrocution');
    expect(text).toContain('sans réponse');
    expect(xml).toContain('<w:tbl>');
    expect(text).not.toContain('hidden detail');
  });

  it('refuses a focal point of another Party', async () => {
    const germany = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
    expect(
      (await ctx.app.inject({ url: `/api/reports/${reports.FRA}/export`, headers: germany })).statusCode,
    ).toBe(403);
  });
});
