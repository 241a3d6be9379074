import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('publishing to the public portal', () => {
  const ctx = useTestApp();
  let reportId: number;
  let secretariat: { authorization: string };
  let france: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    reportId = opened.reports.FRA ?? 0;
    secretariat = opened.secretariat;
    france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: france,
      payload: { baseRevision: 0, set: { focal_point_name: 'Marie', pa_count: 3 } },
    });
  });

  const post = (step: string, headers: { authorization: string }) =>
    ctx.app.inject({ method: 'POST', url: `/api/reports/${reportId}/${step}`, headers });

  it('shows nothing unpublished, even a submitted report', async () => {
    expect((await post('publish', secretariat)).statusCode).toBe(403);
    expect((await post('submit', france)).statusCode).toBe(200);
    expect((await ctx.app.inject('/api/public/reports')).json().reports).toEqual([]);
    expect((await ctx.app.inject(`/api/public/reports/${reportId}`)).statusCode).toBe(404);
  });

  it('lets only the secretariat publish a submitted report, which anyone then reads as submitted', async () => {
    expect((await post('publish', france)).statusCode).toBe(403);
    const published = await post('publish', secretariat);
    expect(published.statusCode).toBe(200);
    expect(published.json().publishedAt).toEqual(expect.any(String));
    const list = await ctx.app.inject('/api/public/reports?lang=fr');
    expect(list.json().reports).toEqual([
      expect.objectContaining({ id: reportId, instrument: 'CMS', party: { code: 'FRA', name: 'France' } }),
    ]);
    const report = await ctx.app.inject(`/api/public/reports/${reportId}`);
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ answers: { focal_point_name: 'Marie', pa_count: 3 }, revision: 2 });
  });

  it('takes a report off the portal when it is withdrawn or reopened', async () => {
    expect((await post('withdraw', secretariat)).statusCode).toBe(200);
    expect((await ctx.app.inject(`/api/public/reports/${reportId}`)).statusCode).toBe(404);
    await post('publish', secretariat);
    expect((await post('reopen', secretariat)).statusCode).toBe(200);
    expect((await ctx.app.inject('/api/public/reports')).json().reports).toEqual([]);
    const history = await ctx.app.inject({ url: `/api/reports/${reportId}/history`, headers: secretariat });
    expect(history.json().events.map((event: { kind: string }) => event.kind)).toEqual([
      'started',
      'submitted',
      'published',
      'withdrawn',
      'published',
      'reopened',
    ]);
  });
});
