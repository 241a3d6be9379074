import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

describe('cycle routes', () => {
  const ctx = useTestApp();

  it('opens a cycle with one not-started report for each member Party, showing what is required', async () => {
    await seedReference(ctx.app);
    const { cycleId, secretariat } = await openTestCycle(ctx.app);
    const reports = await ctx.app.inject({ url: `/api/cycles/${cycleId}/reports`, headers: secretariat });
    expect(reports.statusCode).toBe(200);
    expect(reports.json().reports.map((r: { party: { code: string } }) => r.party.code)).toEqual([
      'DEU',
      'FRA',
      'KEN',
    ]);
    expect(reports.json().reports[1]).toMatchObject({
      party: { code: 'FRA', name: 'France' },
      status: 'not_started',
      revision: 0,
      progress: { answered: 0, required: 2, percent: 0 },
      issueCount: 2,
      lastChangedAt: null,
    });
    const cycle = await ctx.app.inject({ url: `/api/cycles/${cycleId}`, headers: secretariat });
    expect(cycle.json()).toMatchObject({
      id: cycleId,
      instrument: 'CMS',
      title: 'Reports to COP15',
      opensAt: '2026-01-01',
      closesAt: '2027-06-30',
      questionnaire: { key: 'cms-test-report', version: 1 },
    });
    const list = await ctx.app.inject({ url: '/api/cycles', headers: secretariat });
    expect(list.json().cycles).toEqual([
      expect.objectContaining({ id: cycleId, reportCount: 3, submittedCount: 0 }),
    ]);
  });

  it('refuses a questionnaire version that is not published with 422', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: secretariat,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: 7,
        title: 'Nothing',
        opensAt: '2026-01-01',
        closesAt: '2026-12-31',
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].path).toEqual(['version']);
  });

  it('refuses a deadline before the opening date with 400', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: secretariat,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: 1,
        title: 'Backwards',
        opensAt: '2026-12-31',
        closesAt: '2026-01-01',
      },
    });
    expect(response.statusCode).toBe(400);
  });

  it("keeps a cycle's reports from focal points and other secretariats", async () => {
    const focalPoint = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const aewa = await bearerFor(ctx.app, ['secretariat:AEWA']);
    expect((await ctx.app.inject({ url: '/api/cycles/1/reports', headers: focalPoint })).statusCode).toBe(
      403,
    );
    expect((await ctx.app.inject({ url: '/api/cycles/1/reports', headers: aewa })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: '/api/cycles/999/reports', headers: aewa })).statusCode).toBe(404);
    const open = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: aewa,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: 1,
        title: 'x',
        opensAt: '2026-01-01',
        closesAt: '2026-01-02',
      },
    });
    expect(open.statusCode).toBe(403);
  });

  describe('POST /api/cycles with parties', () => {
    const body = (parties: unknown) => ({
      instrument: 'CMS',
      questionnaire: 'cms-test-report',
      version: 1,
      title: 'Reports to COP16',
      opensAt: '2027-01-01',
      closesAt: '2027-12-31',
      parties,
    });

    it('opens a cycle with reports for the chosen member Parties only', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/cycles',
        headers: secretariat,
        payload: body(['KEN', 'FRA']),
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().reports).toBe(2);
      const reports = await ctx.app.inject({
        url: `/api/cycles/${created.json().id}/reports`,
        headers: secretariat,
      });
      expect(reports.json().reports.map((r: { party: { code: string } }) => r.party.code)).toEqual([
        'FRA',
        'KEN',
      ]);
    });

    it('returns 422 naming each Party that is not a member of the instrument', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:AEWA']);
      await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires',
        headers: secretariat,
        payload: testDefinition({ key: 'aewa-test-report', instrument: 'AEWA' }),
      });
      const published = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires/aewa-test-report/publish',
        headers: secretariat,
      });
      expect(published.statusCode).toBe(200);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/cycles',
        headers: secretariat,
        payload: { ...body(['FRA', 'DEU']), instrument: 'AEWA', questionnaire: 'aewa-test-report' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([
        { in: 'body', path: ['parties', 1], message: 'DEU is not a member of AEWA' },
      ]);
      const cycles = await ctx.app.db
        .selectFrom('cycles')
        .select('id')
        .where('instrument_code', '=', 'AEWA')
        .execute();
      expect(cycles).toEqual([]);
    });

    it('returns 400 for an empty list, a Party listed twice or a code that is not one', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
      for (const parties of [[], ['FRA', 'FRA'], ['fr']]) {
        const response = await ctx.app.inject({
          method: 'POST',
          url: '/api/cycles',
          headers: secretariat,
          payload: body(parties),
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors[0].path.slice(0, 1)).toEqual(['parties']);
      }
    });
  });
});
