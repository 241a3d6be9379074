// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is XLSForm syntax, not a template.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importXlsForm } from '../../../server/xlsform/index.ts';
import { writeSheets } from '../../../server/xlsform/workbook.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedReference } from '../../helpers/reporting.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) => readFile(new URL(`../../fixtures/xlsforms/${name}`, import.meta.url));

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----ors-xlsform-test';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${xlsxType}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('XLSForm routes', () => {
  const ctx = useTestApp();

  describe('POST /api/questionnaires/import/xlsform', () => {
    it('creates the draft from a raw .xlsx body and answers the key with the mapping report', async () => {
      await seedReference(ctx.app);
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: await fixture('xlsform_spec_test.xlsx'),
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ key: 'spec-test', instrument: 'CMS' });
      expect(body.report).toContainEqual({
        sheet: 'survey',
        row: 34,
        column: 'type',
        reason: 'the type "geopoint" (a location) is not supported: the row is not imported',
        severity: 'error',
      });

      const draft = await ctx.app.inject({
        url: '/api/questionnaires/spec-test/draft',
        headers: secretariat,
      });
      expect(draft.statusCode).toBe(200);
      expect(draft.json().definition).toMatchObject({
        key: 'spec-test',
        instrument: 'CMS',
        languages: ['en', 'zh'],
      });
    });

    it('takes a multipart upload, naming the questionnaire after the file when the settings do not', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const upload = multipart('loop.xlsx', await fixture('loop.xlsx'));
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...secretariat, ...upload.headers },
        payload: upload.payload,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ key: 'loop', instrument: 'CMS', report: [] });
    });

    it('uses the key given in the query', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS&key=cms-yes-no',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: await fixture('yes_or_no_question.xlsx'),
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().key).toBe('cms-yes-no');
    });

    it('returns 409 when the questionnaire exists already', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: await fixture('xlsform_spec_test.xlsx'),
      });
      expect(response.statusCode).toBe(409);
    });

    it('returns 422 with the problems at their rows when the workbook gives no valid definition', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const workbook = await writeSheets({
        survey: [
          ['type', 'name', 'label', 'calculation'],
          ['calculate', 'a', 'A', '${b} + 1'],
          ['calculate', 'b', 'B', '${a} + 1'],
        ],
      });
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS&key=cyclic',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: workbook,
      });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors[0].path.slice(0, 1)).toEqual(['survey']);
    });

    it('returns 400 for a body that is not a workbook, and 413 above 10 MiB', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const garbage = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: Buffer.from('not a workbook'),
      });
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().code).toBe('ORS_NOT_A_WORKBOOK');
      const huge = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: Buffer.alloc(10 * 1024 * 1024 + 1),
      });
      expect(huge.statusCode).toBe(413);
    });

    it('refuses the public (401) and another instrument’s secretariat (403)', async () => {
      const payload = await fixture('text_and_integer.xlsx');
      const anonymous = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { 'content-type': xlsxType },
        payload,
      });
      expect(anonymous.statusCode).toBe(401);
      const aewa = await bearerFor(ctx.app, ['secretariat:AEWA']);
      const other = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/import/xlsform?instrument=CMS',
        headers: { ...aewa, 'content-type': xlsxType },
        payload,
      });
      expect(other.statusCode).toBe(403);
    });
  });

  describe('POST /api/xlsform/convert', () => {
    it('answers the definition and the report without saving anything', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/xlsform/convert?instrument=CMS&key=converted',
        headers: { ...secretariat, 'content-type': xlsxType },
        payload: await fixture('choice_filter_test.xlsx'),
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.valid).toBe(true);
      expect(body.definition).toMatchObject({ key: 'converted', instrument: 'CMS' });
      expect(body.report).toContainEqual(
        expect.objectContaining({ sheet: 'survey', row: 3, column: 'choice_filter' }),
      );
      const draft = await ctx.app.inject({
        url: '/api/questionnaires/converted/draft',
        headers: secretariat,
      });
      expect(draft.statusCode).toBe(404);
    });
  });

  describe('GET …/xlsform downloads', () => {
    it('gives the draft and a published version as workbooks that import as the same definition', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const stored = (
        await ctx.app.inject({ url: '/api/questionnaires/spec-test/draft', headers: secretariat })
      ).json().definition;

      const draft = await ctx.app.inject({
        url: '/api/questionnaires/spec-test/draft/xlsform',
        headers: secretariat,
      });
      expect(draft.statusCode).toBe(200);
      expect(draft.headers['content-type']).toBe(xlsxType);
      expect(draft.headers['content-disposition']).toBe('attachment; filename="spec-test-draft.xlsx"');
      expect((await importXlsForm(draft.rawPayload)).definition).toEqual(stored);

      const published = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/spec-test/publish',
        headers: secretariat,
      });
      expect(published.statusCode).toBe(200);
      const version = await ctx.app.inject('/api/questionnaires/spec-test/versions/1/xlsform');
      expect(version.statusCode).toBe(200);
      expect(version.headers['content-disposition']).toBe('attachment; filename="spec-test-v1.xlsx"');
      expect((await importXlsForm(version.rawPayload)).definition).toEqual(stored);

      const missing = await ctx.app.inject('/api/questionnaires/spec-test/versions/9/xlsform');
      expect(missing.statusCode).toBe(404);
    });
  });
});
