import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('a closed cycle', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let reports: Record<string, number>;
  let secretariat: { authorization: string };
  let focalFra: { authorization: string };

  const save = (reportId: number, baseRevision: number, set: Record<string, unknown>) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: focalFra,
      payload: { baseRevision, set, saveId: randomUUID() },
    });
  const setClosed = (closed: boolean) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/cycles/${cycleId}`,
      headers: secretariat,
      payload: { closed },
    });

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ cycleId, reports, secretariat } = await openTestCycle(ctx.app));
    focalFra = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
  });

  it('refuses autosave with 423 ORS_CYCLE_CLOSED and keeps the answers as they were', async () => {
    const first = await save(reports.FRA as number, 0, { focal_point_name: 'Anne Martin' });
    expect(first.statusCode).toBe(200);
    expect((await setClosed(true)).statusCode).toBe(200);

    const refused = await save(reports.FRA as number, first.json().revision, { pa_count: 4 });
    expect(refused.statusCode).toBe(423);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 423, code: 'ORS_CYCLE_CLOSED' });
    expect(refused.json().detail).toContain('closed');

    const report = await ctx.app.inject({ url: `/api/reports/${reports.FRA}`, headers: focalFra });
    expect(report.json()).toMatchObject({ revision: first.json().revision });
    expect(report.json().answers).toEqual({ focal_point_name: 'Anne Martin' });
  });

  it('refuses submission, by the Party or on its behalf, with 423', async () => {
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.FRA}/submit`,
      headers: focalFra,
      payload: {},
    });
    expect(submit.statusCode).toBe(423);
    expect(submit.json().code).toBe('ORS_CYCLE_CLOSED');
    const onBehalf = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.DEU}/submit-on-behalf`,
      headers: secretariat,
      payload: { note: 'Received by e-mail' },
    });
    expect(onBehalf.statusCode).toBe(423);
    const deu = await ctx.app.db
      .selectFrom('reports')
      .select('status')
      .where('id', '=', reports.DEU as number)
      .executeTakeFirstOrThrow();
    expect(deu.status).toBe('not_started');
  });

  it('takes saves and submissions again once the cycle is open again', async () => {
    expect((await setClosed(false)).statusCode).toBe(200);
    const report = await ctx.app.inject({ url: `/api/reports/${reports.FRA}`, headers: focalFra });
    const saved = await save(reports.FRA as number, report.json().revision, { pa_count: 4 });
    expect(saved.statusCode).toBe(200);
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.FRA}/submit`,
      headers: focalFra,
      payload: {},
    });
    expect(submit.statusCode).toBe(200);
  });

  it('refuses a save whose view of the report was kept from before the close', async () => {
    // The Kenyan report's state is cached by the batched autosave before the cycle closes.
    const focalKen = await bearerFor(ctx.app, ['focal_point:KEN:CMS']);
    const first = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reports.KEN}/answers`,
      headers: focalKen,
      payload: { baseRevision: 0, set: { pa_count: 1 } },
    });
    expect(first.statusCode).toBe(200);
    expect((await setClosed(true)).statusCode).toBe(200);
    const refused = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reports.KEN}/answers`,
      headers: focalKen,
      payload: { baseRevision: first.json().revision, set: { pa_count: 2 } },
    });
    expect(refused.statusCode).toBe(423);
    const stored = await ctx.app.db
      .selectFrom('answers')
      .select('value')
      .where('report_id', '=', reports.KEN as number)
      .where('item_id', '=', 'pa_count')
      .executeTakeFirstOrThrow();
    expect(stored.value).toBe(1);
  });
});
