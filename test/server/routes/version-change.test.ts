import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

describe('moving a report to another questionnaire version', () => {
  const ctx = useTestApp();
  let reportId: number;
  let france: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    reportId = opened.reports.FRA ?? 0;
    france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: france,
      payload: { baseRevision: 0, set: { focal_point_name: 'Marie', pa_count: 12, trend: 'up' } },
    });
    const v2 = testDefinition();
    const items = v2.sections[0]?.items as Record<string, unknown>[];
    v2.sections[0] = {
      id: 'general',
      title: { en: 'General information' },
      items: [
        items[0] as Record<string, unknown>,
        { ...items[1], id: 'protected_areas', renamedFrom: ['pa_count'] },
      ],
    } as (typeof v2.sections)[number];
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/questionnaires/cms-test-report/draft',
      headers: opened.secretariat,
      payload: v2,
    });
    expect(put.statusCode).toBe(200);
    const published = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires/cms-test-report/publish',
      headers: opened.secretariat,
    });
    expect(published.json().version).toBe(2);
  });

  it('shows the diff and what would be carried, changing nothing', async () => {
    const response = await ctx.app.inject({
      url: `/api/reports/${reportId}/version-change?to=2`,
      headers: france,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ from: { version: 1 }, to: { version: 2 }, revision: 1 });
    expect(body.carried).toEqual(expect.arrayContaining([{ from: 'pa_count', to: 'protected_areas' }]));
    expect(body.changes.length).toBeGreaterThan(0);
    const report = await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: france });
    expect(report.json().questionnaire.version).toBe(1);
  });

  it('moves the report on purpose, carrying renamed answers and recording every change', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/version-change`,
      headers: france,
      payload: { version: 2 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().revision).toBe(2);
    const report = (await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: france })).json();
    expect(report).toMatchObject({
      questionnaire: { version: 2 },
      revision: 2,
      answers: { focal_point_name: 'Marie', protected_areas: 12 },
    });
    expect(report.answers).not.toHaveProperty('pa_count');
    const history = (
      await ctx.app.inject({ url: `/api/reports/${reportId}/history`, headers: france })
    ).json();
    expect(
      history.changes.filter((c: { source: string }) => c.source === 'carry-over').length,
    ).toBeGreaterThan(0);
    expect(history.events.at(-1)).toMatchObject({ kind: 'version-changed' });
    const save = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: france,
      payload: { baseRevision: 2, set: { protected_areas: 13 } },
    });
    expect(save.statusCode).toBe(200);
  });

  it('refuses a version that does not exist with 422', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/version-change`,
      headers: france,
      payload: { version: 9 },
    });
    expect(response.statusCode).toBe(422);
  });
});
