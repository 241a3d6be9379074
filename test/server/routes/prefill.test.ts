import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

describe('GET /api/reports/:id/prefill', () => {
  const ctx = useTestApp();
  let secretariat: { authorization: string };
  let france: { authorization: string };
  let firstReport: number;

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    secretariat = opened.secretariat;
    firstReport = opened.reports.FRA ?? 0;
    france = await bearerFor(ctx.app, ['focal_point:FRA:CMS', 'focal_point:FRA:AEWA']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${firstReport}/answers`,
      headers: france,
      payload: { baseRevision: 0, set: { focal_point_name: 'Marie', pa_count: 3 } },
    });
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/api/reports/${firstReport}/submit`, headers: france }))
        .statusCode,
    ).toBe(200);
  });

  it("offers the answers of the Party's earlier report on the same questionnaire, with their source", async () => {
    const cycle = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: secretariat,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: 1,
        title: 'Reports to COP16',
        opensAt: '2028-01-01',
        closesAt: '2029-06-30',
      },
    });
    const next = (
      await ctx.app.inject({ url: `/api/cycles/${cycle.json().id}/reports/FRA`, headers: france })
    ).json();
    const response = await ctx.app.inject({ url: `/api/reports/${next.id}/prefill`, headers: france });
    expect(response.statusCode).toBe(200);
    expect(response.json().suggestions).toEqual([
      expect.objectContaining({
        id: 'focal_point_name',
        value: 'Marie',
        kind: 'previous-cycle',
        source: expect.objectContaining({
          reportId: firstReport,
          instrument: 'CMS',
          itemId: 'focal_point_name',
        }),
      }),
      expect.objectContaining({ id: 'pa_count', value: 3, kind: 'previous-cycle' }),
    ]);
  });

  it('offers answers to another instrument by shared concept, and nothing to another Party', async () => {
    const aewa = testDefinition({
      key: 'aewa-test-report',
      instrument: 'AEWA',
      sections: [
        {
          id: 'general',
          title: { en: 'General' },
          items: [
            { id: 'contact_name', type: 'text', label: { en: 'Contact' }, concept: 'party.focal-point.name' },
            { id: 'pa_count', type: 'integer', label: { en: 'Sites' } },
          ],
        },
      ],
    });
    const { reports } = await openTestCycle(ctx.app, aewa);
    const response = await ctx.app.inject({ url: `/api/reports/${reports.FRA}/prefill`, headers: france });
    expect(response.json().suggestions).toEqual([
      expect.objectContaining({
        id: 'contact_name',
        value: 'Marie',
        kind: 'other-instrument',
        concept: 'party.focal-point.name',
        source: expect.objectContaining({ instrument: 'CMS', itemId: 'focal_point_name' }),
      }),
    ]);
    const kenya = await bearerFor(ctx.app, ['focal_point:KEN:AEWA']);
    const other = await ctx.app.inject({ url: `/api/reports/${reports.KEN}/prefill`, headers: kenya });
    expect(other.json().suggestions).toEqual([]);
  });
});
