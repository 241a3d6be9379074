import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

type Headers = { authorization: string };

describe('report routes', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let reports: Record<string, number>;
  let secretariat: Headers;
  let france: Headers;
  let franceColleague: Headers;

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ cycleId, reports, secretariat } = await openTestCycle(ctx.app));
    france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    franceColleague = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
  });

  const patch = (id: number, headers: Headers, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'PATCH', url: `/api/reports/${id}/answers`, headers, payload });
  const post = (id: number, step: string, headers: Headers, payload?: Record<string, unknown>) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/${step}`,
      headers,
      ...(payload ? { payload } : {}),
    });
  const get = (id: number, headers: Headers) => ctx.app.inject({ url: `/api/reports/${id}`, headers });

  describe('GET /api/reports/:id', () => {
    it("gives a focal point its Party's report with the engine's issues and progress", async () => {
      const response = await get(reports.FRA ?? 0, france);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        id: reports.FRA,
        party: { code: 'FRA', name: 'France' },
        instrument: 'CMS',
        cycle: { id: cycleId, title: 'Reports to COP15', closesAt: '2027-06-30' },
        questionnaire: { key: 'cms-test-report', version: 1 },
        status: 'not_started',
        revision: 0,
        answers: {},
        lastChangedAt: null,
        submittedAt: null,
        reopenRequestedAt: null,
      });
      expect(body.progress).toMatchObject({ answered: 0, required: 2, percent: 0 });
      expect(
        body.issues.map((issue: { itemId: string; code: string }) => [issue.itemId, issue.code]),
      ).toEqual([
        ['focal_point_name', 'required'],
        ['pa_count', 'required'],
      ]);
    });

    it('gives the same report by cycle and Party', async () => {
      const response = await ctx.app.inject({ url: `/api/cycles/${cycleId}/reports/FRA`, headers: france });
      expect(response.statusCode).toBe(200);
      expect(response.json().id).toBe(reports.FRA);
    });

    it("refuses another Party's focal point with 403 and answers 404 for a report that does not exist", async () => {
      const germany = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
      expect((await get(reports.FRA ?? 0, germany)).statusCode).toBe(403);
      expect((await get(999_999, germany)).statusCode).toBe(404);
      expect((await ctx.app.inject({ url: `/api/reports/${reports.FRA}` })).statusCode).toBe(401);
    });

    it('shows an analyst nothing before submission', async () => {
      const analyst = await bearerFor(ctx.app, ['analyst']);
      expect((await get(reports.FRA ?? 0, analyst)).statusCode).toBe(403);
    });
  });

  describe('PATCH /api/reports/:id/answers', () => {
    it('saves answers, moves the report to in_progress and returns the new revision, issues and progress', async () => {
      const response = await patch(reports.FRA ?? 0, france, {
        baseRevision: 0,
        set: { focal_point_name: 'Marie Curie' },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.revision).toBe(1);
      expect(body.progress).toMatchObject({ answered: 1, required: 2, percent: 50 });
      expect(body.issues.map((issue: { itemId: string }) => issue.itemId)).toEqual(['pa_count']);
      const report = (await get(reports.FRA ?? 0, france)).json();
      expect(report).toMatchObject({
        status: 'in_progress',
        revision: 1,
        answers: { focal_point_name: 'Marie Curie' },
      });
      expect(report.lastChangedAt).not.toBeNull();
    });

    it('lets two people save different questions from the same revision without conflict', async () => {
      const first = await patch(reports.FRA ?? 0, france, { baseRevision: 1, set: { pa_count: 12 } });
      expect(first.statusCode).toBe(200);
      const second = await patch(reports.FRA ?? 0, franceColleague, {
        baseRevision: 1,
        set: { trend: 'up' },
      });
      expect(second.statusCode).toBe(200);
      expect(second.json().revision).toBe(3);
      expect((await get(reports.FRA ?? 0, france)).json().answers).toEqual({
        focal_point_name: 'Marie Curie',
        pa_count: 12,
        trend: 'up',
      });
    });

    it('returns 409 when the same question changed since baseRevision, and applies nothing', async () => {
      const response = await patch(reports.FRA ?? 0, franceColleague, {
        baseRevision: 1,
        set: { pa_count: 13, focal_point_name: 'Pierre Curie' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json();
      expect(body.code).toBe('ORS_ANSWER_CONFLICT');
      expect(body.conflicts).toEqual([
        expect.objectContaining({ id: 'pa_count', value: 12, revision: 2, updatedAt: expect.any(String) }),
      ]);
      expect(body.conflicts[0].updatedBy).toMatchObject({ email: expect.stringContaining('@') });
      const report = (await get(reports.FRA ?? 0, france)).json();
      expect(report.revision).toBe(3);
      expect(report.answers.focal_point_name).toBe('Marie Curie');
    });

    it('returns 409 when a question was cleared since baseRevision', async () => {
      const cleared = await patch(reports.FRA ?? 0, france, { baseRevision: 3, unset: ['trend'] });
      expect(cleared.json().revision).toBe(4);
      const response = await patch(reports.FRA ?? 0, franceColleague, {
        baseRevision: 3,
        set: { trend: 'down' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().conflicts).toEqual([
        expect.objectContaining({ id: 'trend', value: null, revision: 4 }),
      ]);
    });

    it('treats a null value as clearing the answer', async () => {
      const response = await patch(reports.FRA ?? 0, france, { baseRevision: 4, set: { pa_count: null } });
      expect(response.statusCode).toBe(200);
      expect((await get(reports.FRA ?? 0, france)).json().answers).toEqual({
        focal_point_name: 'Marie Curie',
      });
      expect(
        (await patch(reports.FRA ?? 0, france, { baseRevision: 5, set: { pa_count: 12 } })).statusCode,
      ).toBe(200);
    });

    it('refuses a value of the wrong shape with 422 naming its path under set, and applies nothing', async () => {
      const response = await patch(reports.FRA ?? 0, france, {
        baseRevision: 6,
        set: { trend: 'down', pa_count: 'many' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([
        expect.objectContaining({ in: 'body', path: ['set', 'pa_count'], code: 'type' }),
      ]);
      expect((await get(reports.FRA ?? 0, france)).json()).toMatchObject({
        revision: 6,
        answers: { pa_count: 12 },
      });
    });

    it('refuses an unknown question with 422', async () => {
      const response = await patch(reports.FRA ?? 0, france, { baseRevision: 6, set: { nope: 1 } });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0].path).toEqual(['set', 'nope']);
    });

    it('refuses a malformed body with 400', async () => {
      const response = await patch(reports.FRA ?? 0, france, { set: { pa_count: 1 } });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ in: 'body', path: ['baseRevision'] });
      expect((await patch(reports.FRA ?? 0, france, { baseRevision: 6, extra: true })).statusCode).toBe(400);
    });

    it('applies a retried saveId once and returns the first result', async () => {
      const saveId = randomUUID();
      const first = await patch(reports.FRA ?? 0, france, {
        baseRevision: 6,
        set: { trend: 'down' },
        saveId,
      });
      expect(first.statusCode).toBe(200);
      const retry = await patch(reports.FRA ?? 0, france, {
        baseRevision: 6,
        set: { trend: 'down' },
        saveId,
      });
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(first.json());
      const history = await ctx.app.inject({ url: `/api/reports/${reports.FRA}/history`, headers: france });
      expect(history.json().changes.filter((c: { itemId: string }) => c.itemId === 'trend')).toHaveLength(3);
    });

    it('does not bump the revision for a save that changes nothing', async () => {
      const response = await patch(reports.FRA ?? 0, france, { baseRevision: 7, set: { trend: 'down' } });
      expect(response.json().revision).toBe(7);
    });

    it("refuses another Party's focal point and the secretariat", async () => {
      const germany = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
      expect(
        (await patch(reports.FRA ?? 0, germany, { baseRevision: 7, set: { trend: 'up' } })).statusCode,
      ).toBe(403);
      expect(
        (await patch(reports.FRA ?? 0, secretariat, { baseRevision: 7, set: { trend: 'up' } })).statusCode,
      ).toBe(403);
    });
  });

  describe('workflow', () => {
    it('refuses to submit a report with issues left, with 422 and the issues', async () => {
      const response = await post(
        reports.KEN ?? 0,
        'submit',
        await bearerFor(ctx.app, ['focal_point:KEN:CMS']),
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('ORS_REPORT_INCOMPLETE');
      expect(response.json().issues).toHaveLength(2);
    });

    it('submits a complete report with a snapshot, then refuses changes with 409 ORS_WRONG_STATE', async () => {
      const response = await post(reports.FRA ?? 0, 'submit', france);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'submitted',
        revision: 8,
        snapshotId: expect.any(Number),
      });
      const snapshot = await ctx.app.db
        .selectFrom('report_snapshots')
        .select(['answers', 'on_behalf'])
        .where('id', '=', response.json().snapshotId)
        .executeTakeFirstOrThrow();
      expect(snapshot).toEqual({
        answers: { focal_point_name: 'Marie Curie', pa_count: 12, trend: 'down' },
        on_behalf: false,
      });
      const save = await patch(reports.FRA ?? 0, france, { baseRevision: 8, set: { trend: 'up' } });
      expect(save.statusCode).toBe(409);
      expect(save.json().code).toBe('ORS_WRONG_STATE');
      expect((await post(reports.FRA ?? 0, 'submit', france)).json().code).toBe('ORS_WRONG_STATE');
      expect((await get(reports.FRA ?? 0, await bearerFor(ctx.app, ['analyst']))).statusCode).toBe(200);
      const mails = await ctx.app.db.selectFrom('outbox').select(['kind', 'subject']).execute();
      expect(mails).toEqual([{ kind: 'report-submitted', subject: 'ORS: FRA submitted its report to CMS' }]);
    });

    it('records a focal point asking to reopen, and lets the secretariat reopen', async () => {
      const asked = await post(reports.FRA ?? 0, 'request-reopen', france, { reason: 'A figure was wrong' });
      expect(asked.statusCode).toBe(200);
      expect((await get(reports.FRA ?? 0, france)).json().reopenRequestedAt).not.toBeNull();
      expect((await post(reports.FRA ?? 0, 'reopen', france)).statusCode).toBe(403);
      const reopened = await post(reports.FRA ?? 0, 'reopen', secretariat, { note: 'As asked' });
      expect(reopened.statusCode).toBe(200);
      expect(reopened.json()).toMatchObject({ status: 'in_progress', revision: 9 });
      const report = (await get(reports.FRA ?? 0, france)).json();
      expect(report).toMatchObject({ status: 'in_progress', reopenRequestedAt: null });
      expect(
        (await patch(reports.FRA ?? 0, france, { baseRevision: 9, set: { trend: 'up' } })).statusCode,
      ).toBe(200);
      const reopenedMails = await ctx.app.db
        .selectFrom('outbox')
        .select('to_address')
        .where('kind', '=', 'report-reopened')
        .execute();
      expect(reopenedMails).toHaveLength(2);
      const resubmitted = await post(reports.FRA ?? 0, 'submit', france);
      expect(resubmitted.json()).toMatchObject({ status: 'submitted', revision: 11 });
    });

    it('lets the secretariat submit on behalf of a Party, and says so in the history', async () => {
      const germany = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
      await patch(reports.DEU ?? 0, germany, {
        baseRevision: 0,
        set: { focal_point_name: 'Ada', pa_count: 3 },
      });
      expect((await post(reports.DEU ?? 0, 'submit-on-behalf', germany)).statusCode).toBe(403);
      const response = await post(reports.DEU ?? 0, 'submit-on-behalf', secretariat);
      expect(response.statusCode).toBe(200);
      const history = (
        await ctx.app.inject({ url: `/api/reports/${reports.DEU}/history`, headers: germany })
      ).json();
      expect(history.events.map((e: { kind: string }) => e.kind)).toEqual(['started', 'submitted-on-behalf']);
      expect(history.changes).toEqual([
        expect.objectContaining({
          revision: 1,
          itemId: 'focal_point_name',
          oldValue: null,
          newValue: 'Ada',
          source: 'edit',
        }),
        expect.objectContaining({ revision: 1, itemId: 'pa_count', oldValue: null, newValue: 3 }),
      ]);
      expect(history.changes[0].user).toMatchObject({ id: expect.any(Number) });
    });

    it('refuses to reopen a report that is not submitted (the policy asks for a submitted one)', async () => {
      const response = await post(reports.KEN ?? 0, 'reopen', secretariat);
      expect(response.statusCode).toBe(403);
    });
  });

  describe('GET /api/my/reports', () => {
    it('lists the reports of the Parties a person works for, and every report for the secretariat', async () => {
      const mine = await ctx.app.inject({ url: '/api/my/reports', headers: france });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().reports).toEqual([
        expect.objectContaining({
          id: reports.FRA,
          instrument: 'CMS',
          party: { code: 'FRA', name: 'France' },
          cycle: { id: cycleId, title: 'Reports to COP15', opensAt: '2026-01-01', closesAt: '2027-06-30' },
          questionnaire: { key: 'cms-test-report', version: 1 },
          status: 'submitted',
          progress: { answered: 2, required: 2, percent: 100 },
          issueCount: 0,
        }),
      ]);
      const all = await ctx.app.inject({ url: '/api/my/reports', headers: secretariat });
      expect(all.json().reports).toHaveLength(3);
      const nobody = await ctx.app.inject({
        url: '/api/my/reports',
        headers: await bearerFor(ctx.app, ['admin']),
      });
      expect(nobody.json().reports).toEqual([]);
    });
  });
});
