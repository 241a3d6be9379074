import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import {
  collaborationDefinition,
  exeBytes,
  multipartFile,
  pdfBytes,
  personWith,
} from '../../helpers/collaboration.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('files of file questions', () => {
  const ctx = useTestApp();
  let reportId: number;
  let germanReport: number;
  let france: { authorization: string };
  let secretariat: { authorization: string };

  const upload = (report: number, name: string, type: string, content: Buffer, headers = france) => {
    const body = multipartFile(name, type, content);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${report}/files?item=report_file`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  const revisionOf = async (report: number) =>
    (await ctx.app.inject({ url: `/api/reports/${report}`, headers: france })).json().revision as number;
  const save = async (set: Record<string, unknown>, unset: string[] = []) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: france,
      payload: { baseRevision: await revisionOf(reportId), set, unset },
    });

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app, collaborationDefinition());
    reportId = opened.reports.FRA as number;
    germanReport = opened.reports.DEU as number;
    secretariat = opened.secretariat;
    france = (await personWith(ctx.app, ['focal_point:FRA:CMS'])).headers;
  });

  it('refuses an executable renamed .pdf with 415, whatever the name and declared type say', async () => {
    const response = await upload(reportId, 'plan.pdf', 'application/pdf', exeBytes());
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'ORS_FILE_TYPE',
      errors: [{ path: ['file'], message: 'application/x-msdownload is not accepted' }],
    });
    expect(await ctx.app.db.selectFrom('report_files').select('id').execute()).toEqual([]);
  });

  it("refuses a file over the question's size limit with 413", async () => {
    const response = await upload(reportId, 'plan.pdf', 'application/pdf', pdfBytes(20_000));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'ORS_FILE_TOO_LARGE', errors: [{ path: ['file'] }] });
    expect(await ctx.app.db.selectFrom('report_files').select('id').execute()).toEqual([]);
  });

  it('refuses a question that is not a file question with the path of the query', async () => {
    const body = multipartFile('plan.pdf', 'application/pdf', pdfBytes());
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/files?item=pa_count`,
      headers: { ...france, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ in: 'query', path: ['item'] })]);
  });

  it('stores an accepted file, and once saved in the answer, serves it byte-identical to readers', async () => {
    const content = pdfBytes(9000);
    const uploaded = await upload(reportId, 'Plan d’action.pdf', 'application/octet-stream', content);
    expect(uploaded.statusCode).toBe(201);
    const answer = uploaded.json();
    expect(answer).toMatchObject({ name: 'Plan d’action.pdf', size: 9000, type: 'application/pdf' });

    // Uploaded but not yet in an answer: nobody can read it.
    const url = `/api/reports/${reportId}/files/${answer.file}`;
    expect((await ctx.app.inject({ url, headers: france })).statusCode).toBe(404);

    expect((await save({ report_file: answer })).statusCode).toBe(200);
    for (const headers of [france, secretariat]) {
      const download = await ctx.app.inject({ url, headers });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="Plan d_action.pdf"; filename*=UTF-8''Plan%20d%E2%80%99action.pdf`,
      );
      expect(Buffer.compare(download.rawPayload, content)).toBe(0);
    }
    const germany = await personWith(ctx.app, ['focal_point:DEU:CMS']);
    expect((await ctx.app.inject({ url, headers: germany.headers })).statusCode).toBe(403);
    // The file belongs to France's report: it is not found through another report.
    expect(
      (
        await ctx.app.inject({
          url: `/api/reports/${germanReport}/files/${answer.file}`,
          headers: secretariat,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('no longer serves a file once its answer is replaced or removed', async () => {
    const first = (await upload(reportId, 'first.pdf', 'application/pdf', pdfBytes())).json();
    expect((await save({ report_file: first })).statusCode).toBe(200);
    const second = (await upload(reportId, 'second.png', 'image/png', pngBytes())).json();
    expect(second.type).toBe('image/png');
    expect((await save({ report_file: second })).statusCode).toBe(200);

    const read = (file: string) =>
      ctx.app.inject({ url: `/api/reports/${reportId}/files/${file}`, headers: france });
    expect((await read(first.file)).statusCode).toBe(404);
    expect((await read(second.file)).statusCode).toBe(200);

    expect((await save({}, ['report_file'])).statusCode).toBe(200);
    expect((await read(second.file)).statusCode).toBe(404);
  });

  it('deletes files no answer refers to a day after their upload, on the next upload', async () => {
    const orphan = (await upload(reportId, 'orphan.pdf', 'application/pdf', pdfBytes())).json();
    await ctx.app.db
      .updateTable('report_files')
      .set({ created_at: new Date(Date.now() - 25 * 3600 * 1000) } as never)
      .where('id', '=', orphan.file)
      .execute();
    expect((await upload(reportId, 'next.pdf', 'application/pdf', pdfBytes())).statusCode).toBe(201);
    const left = await ctx.app.db
      .selectFrom('report_files')
      .select('id')
      .where('id', '=', orphan.file)
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses uploads to a submitted report with 409', async () => {
    await ctx.app.db
      .updateTable('reports')
      .set({ status: 'submitted' })
      .where('id', '=', germanReport)
      .execute();
    const germany = await personWith(ctx.app, ['focal_point:DEU:CMS']);
    const response = await upload(germanReport, 'plan.pdf', 'application/pdf', pdfBytes(), germany.headers);
    expect(response.statusCode).toBe(409);
  });
});

/** A 1×1 PNG. */
function pngBytes(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
}
