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

describe('the public portal refuses every report that is not published', () => {
  const ctx = useTestApp();
  const ids = { draft: 0, unpublished: 0, withdrawn: 0, published: 0 };

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    const step = async (id: number, action: string, headers: { authorization: string }) => {
      const response = await ctx.app.inject({ method: 'POST', url: `/api/reports/${id}/${action}`, headers });
      if (response.statusCode !== 200) throw new Error(response.body);
    };
    const fill = async (party: string) => {
      const id = opened.reports[party] ?? 0;
      const focalPoint = await bearerFor(ctx.app, [`focal_point:${party}:CMS`]);
      await ctx.app.inject({
        method: 'PATCH',
        url: `/api/reports/${id}/answers`,
        headers: focalPoint,
        payload: { baseRevision: 0, set: { focal_point_name: `Focal point of ${party}`, pa_count: 4 } },
      });
      return { id, focalPoint };
    };
    const draft = await fill('FRA');
    ids.draft = draft.id;
    const unpublished = await fill('DEU');
    await step(unpublished.id, 'submit', unpublished.focalPoint);
    ids.unpublished = unpublished.id;
    const withdrawn = await fill('KEN');
    await step(withdrawn.id, 'submit', withdrawn.focalPoint);
    await step(withdrawn.id, 'publish', opened.secretariat);
    await step(withdrawn.id, 'withdraw', opened.secretariat);
    ids.withdrawn = withdrawn.id;
    // A second cycle gives a report that is published, to show the routes do work.
    const second = await ctx.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: opened.secretariat,
      payload: {
        instrument: 'CMS',
        questionnaire: 'cms-test-report',
        version: opened.version,
        title: 'Reports to COP16',
        opensAt: '2027-01-01',
        closesAt: '2027-12-31',
      },
    });
    const published = await ctx.app.db
      .selectFrom('reports')
      .select('id')
      .where('cycle_id', '=', second.json().id)
      .where('party_code', '=', 'FRA')
      .executeTakeFirstOrThrow();
    const focalPoint = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${published.id}/answers`,
      headers: focalPoint,
      payload: { baseRevision: 0, set: { focal_point_name: 'Marie', pa_count: 9 } },
    });
    await step(published.id, 'submit', focalPoint);
    await step(published.id, 'publish', opened.secretariat);
    ids.published = published.id;
  });

  const routes = (id: number | string) => [
    `/api/public/reports/${id}`,
    `/api/public/reports/${id}?lang=fr`,
    `/api/public/reports/${id}/pdf`,
    `/api/public/reports/${id}/pdf?lang=es&variant=short`,
  ];

  it('lists only the published report, whatever the filters', async () => {
    for (const query of ['', '?party=DEU', '?party=ken', '?instrument=CMS', '?lang=es']) {
      const listed = (await ctx.app.inject(`/api/public/reports${query}`)).json().reports;
      expect(listed.map((r: { id: number }) => r.id).filter((id: number) => id !== ids.published)).toEqual(
        [],
      );
    }
    const mine = (await ctx.app.inject('/api/public/reports?party=FRA')).json().reports;
    expect(mine).toEqual([expect.objectContaining({ id: ids.published, languages: ['en', 'fr'] })]);
  });

  it('answers 404 on every public route for a draft, a submitted but unpublished and a withdrawn report', async () => {
    for (const id of [ids.draft, ids.unpublished, ids.withdrawn]) {
      for (const url of routes(id)) {
        const response = await ctx.app.inject(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('Focal point of');
      }
    }
  });

  it('answers 404 or 400 for guessed ids, and never a report', async () => {
    const guesses = [
      '0',
      '-1',
      String(ids.published + 100),
      '2147483647',
      `${ids.draft}.0`,
      `0${ids.draft}`,
      `${ids.draft}%20`,
      `${ids.unpublished}e0`,
      `${ids.withdrawn}/../${ids.withdrawn}`,
    ];
    for (const guess of guesses) {
      for (const url of routes(guess)) {
        const response = await ctx.app.inject(url);
        expect([400, 404], `${url}: ${response.statusCode}`).toContain(response.statusCode);
        expect(response.body).not.toContain('Focal point of');
      }
    }
  });

  it('serves the published report as a page and as a PDF in the chosen language', async () => {
    const page = await ctx.app.inject(`/api/public/reports/${ids.published}?lang=fr`);
    expect(page.json()).toMatchObject({ answers: { focal_point_name: 'Marie', pa_count: 9 } });
    const pdf = await ctx.app.inject(`/api/public/reports/${ids.published}/pdf?lang=fr`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
