import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { personWith } from '../../helpers/collaboration.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('POST /api/reports/:id/prefill/apply', () => {
  const ctx = useTestApp();
  let france: { authorization: string };
  let firstReport: number;
  let nextReport: number;

  const report = async () =>
    (await ctx.app.inject({ url: `/api/reports/${nextReport}`, headers: france })).json();
  const proposals = async () =>
    (await ctx.app.inject({ url: `/api/reports/${nextReport}/prefill`, headers: france })).json().suggestions;
  const apply = async (accept: { id: string; sourceReportId: number }[], baseRevision?: number) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${nextReport}/prefill/apply`,
      headers: france,
      payload: { baseRevision: baseRevision ?? (await report()).revision, accept },
    });

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    firstReport = opened.reports.FRA as number;
    france = (await personWith(ctx.app, ['focal_point:FRA:CMS'])).headers;
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${firstReport}/answers`,
      headers: france,
      payload: { baseRevision: 0, set: { focal_point_name: 'Marie', pa_count: 3, trend: 'up' } },
    });
    await ctx.app.inject({ method: 'POST', url: `/api/reports/${firstReport}/submit`, headers: france });
    const cycle = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: opened.secretariat,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: opened.version,
        title: 'Reports to COP16',
        opensAt: '2028-01-01',
        closesAt: '2029-06-30',
      },
    });
    nextReport = (
      await ctx.app.inject({ url: `/api/cycles/${cycle.json().id}/reports/FRA`, headers: france })
    ).json().id;
  });

  it('offers proposals with their source and applies none of them unasked', async () => {
    const offered = await proposals();
    expect(offered.map((each: { id: string }) => each.id)).toEqual(['focal_point_name', 'pa_count', 'trend']);
    expect(offered[0].source).toMatchObject({
      reportId: firstReport,
      instrument: 'CMS',
      cycle: { title: 'Reports to COP15' },
    });
    const current = await report();
    expect(current.answers).toEqual({});
    expect(current.revision).toBe(0);
  });

  it('applies one accepted proposal, recorded in history as prefill', async () => {
    const response = await apply([{ id: 'pa_count', sourceReportId: firstReport }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ applied: ['pa_count'], revision: 1 });
    expect((await report()).answers).toEqual({ pa_count: 3 });
    const history = (
      await ctx.app.inject({ url: `/api/reports/${nextReport}/history`, headers: france })
    ).json();
    expect(history.changes).toEqual([
      expect.objectContaining({ itemId: 'pa_count', newValue: 3, source: 'prefill' }),
    ]);
    // An answered question is no longer proposed.
    expect((await proposals()).map((each: { id: string }) => each.id)).toEqual(['focal_point_name', 'trend']);
  });

  it('refuses a proposal that is not offered, with its path, and saves nothing', async () => {
    const response = await apply([
      { id: 'trend', sourceReportId: firstReport },
      { id: 'pa_count', sourceReportId: firstReport },
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: ['accept', 1] })]);
    expect((await report()).answers).toEqual({ pa_count: 3 });
  });

  it('applies every remaining proposal at once', async () => {
    const offered = await proposals();
    const response = await apply(
      offered.map((each: { id: string; source: { reportId: number } }) => ({
        id: each.id,
        sourceReportId: each.source.reportId,
      })),
    );
    expect(response.statusCode).toBe(200);
    expect((await report()).answers).toEqual({ focal_point_name: 'Marie', pa_count: 3, trend: 'up' });
    const history = (
      await ctx.app.inject({ url: `/api/reports/${nextReport}/history`, headers: france })
    ).json();
    expect(history.changes.map((each: { source: string }) => each.source)).toEqual([
      'prefill',
      'prefill',
      'prefill',
    ]);
    expect(await proposals()).toEqual([]);
  });
});
