import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

const complete = { focal_point_name: 'Anne Martin', pa_count: 12 };

describe('the secretariat desk routes', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let reports: Record<string, number>;
  let secretariat: { authorization: string };
  let focalFra: { authorization: string };

  const call = (method: 'GET' | 'POST', url: string, headers: object, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** France fills in and submits its report. */
  async function submitFrance() {
    const report = await call('GET', `/api/reports/${reports.FRA}`, focalFra);
    const saved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reports.FRA}/answers`,
      headers: focalFra,
      payload: { baseRevision: report.json().revision, set: complete },
    });
    expect(saved.statusCode).toBe(200);
    expect((await call('POST', `/api/reports/${reports.FRA}/submit`, focalFra, {})).statusCode).toBe(200);
  }

  /** The statuses of each day of a timeline (its progress is tested in progress-timeline.test.ts). */
  const statusesOf = (days: { day: string; notStarted: number; inProgress: number; submitted: number }[]) =>
    days.map(({ day, notStarted, inProgress, submitted }) => ({ day, notStarted, inProgress, submitted }));

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ cycleId, reports, secretariat } = await openTestCycle(ctx.app));
    focalFra = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
  });

  describe('GET /api/cycles/:id/timeline', () => {
    it('counts the reports in each status at the end of each day, from the opening date to today', async () => {
      await submitFrance();
      const response = await call('GET', `/api/cycles/${cycleId}/timeline`, secretariat);
      expect(response.statusCode).toBe(200);
      const days = statusesOf(response.json().days);
      expect(days[0]).toEqual({ day: '2026-01-01', notStarted: 3, inProgress: 0, submitted: 0 });
      const today = new Date().toISOString().slice(0, 10);
      expect(days.at(-1)).toEqual({ day: today, notStarted: 2, inProgress: 0, submitted: 1 });
      for (const day of days) expect(day.notStarted + day.inProgress + day.submitted).toBe(3);
    });

    it('counts a report started but not submitted as in progress', async () => {
      const focalKen = await bearerFor(ctx.app, ['focal_point:KEN:CMS']);
      const saved = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/reports/${reports.KEN}/answers`,
        headers: focalKen,
        payload: { baseRevision: 0, set: { pa_count: 3 } },
      });
      expect(saved.statusCode).toBe(200);
      const { days } = (await call('GET', `/api/cycles/${cycleId}/timeline`, secretariat)).json();
      expect(days.at(-1)).toMatchObject({ notStarted: 1, inProgress: 1, submitted: 1 });
    });

    it('follows each report from status to status over the days its events happened', async () => {
      const backdate = (party: string, kind: string, at: string) =>
        sql`UPDATE report_events SET created_at = ${at}::timestamptz
            WHERE report_id = ${reports[party]} AND kind = ${kind}`.execute(ctx.app.db);
      await backdate('KEN', 'started', '2026-03-01T23:30:00Z');
      await backdate('FRA', 'started', '2026-05-01T08:00:00Z');
      await backdate('FRA', 'submitted', '2026-05-10T08:00:00Z');
      const days = statusesOf(
        (await call('GET', `/api/cycles/${cycleId}/timeline`, secretariat)).json().days,
      );
      const on = (day: string) => days.find((entry: { day: string }) => entry.day === day);
      expect(on('2026-02-28')).toEqual({ day: '2026-02-28', notStarted: 3, inProgress: 0, submitted: 0 });
      expect(on('2026-03-01')).toEqual({ day: '2026-03-01', notStarted: 2, inProgress: 1, submitted: 0 });
      expect(on('2026-05-09')).toEqual({ day: '2026-05-09', notStarted: 1, inProgress: 2, submitted: 0 });
      expect(on('2026-05-10')).toEqual({ day: '2026-05-10', notStarted: 1, inProgress: 1, submitted: 1 });
      expect(days.at(-1)).toMatchObject({ notStarted: 1, inProgress: 1, submitted: 1 });
    });

    it('returns 404 for an unknown cycle', async () => {
      const admin = await bearerFor(ctx.app, ['admin']);
      expect((await call('GET', '/api/cycles/999999/timeline', admin)).statusCode).toBe(404);
    });

    it("refuses a focal point and another instrument's secretariat with 403", async () => {
      const other = await bearerFor(ctx.app, ['secretariat:AEWA']);
      expect((await call('GET', `/api/cycles/${cycleId}/timeline`, other)).statusCode).toBe(403);
      expect((await call('GET', `/api/cycles/${cycleId}/timeline`, focalFra)).statusCode).toBe(403);
    });
  });

  describe('reopening requests', () => {
    it('lists a request with its reason and who asked, then declining it clears it and tells the Party', async () => {
      const asked = await call('POST', `/api/reports/${reports.FRA}/request-reopen`, focalFra, {
        reason: 'We found an error in section 2',
      });
      expect(asked.statusCode).toBe(200);
      const list = await call('GET', `/api/cycles/${cycleId}/reopen-requests`, secretariat);
      expect(list.statusCode).toBe(200);
      expect(list.json().requests).toEqual([
        {
          reportId: reports.FRA,
          party: { code: 'FRA', name: 'France' },
          requestedAt: asked.json().reopenRequestedAt,
          reason: 'We found an error in section 2',
          requestedBy: { name: '', email: expect.stringContaining('@example.org') },
        },
      ]);

      const declined = await call('POST', `/api/reports/${reports.FRA}/decline-reopen`, secretariat, {
        note: 'The error is minor: send a corrigendum',
      });
      expect(declined.statusCode).toBe(200);
      expect(declined.json()).toEqual({ status: 'submitted', reopenRequestedAt: null });
      const after = await call('GET', `/api/cycles/${cycleId}/reopen-requests`, secretariat);
      expect(after.json().requests).toEqual([]);
      const report = await call('GET', `/api/reports/${reports.FRA}`, secretariat);
      expect(report.json().status).toBe('submitted');
      const mail = await ctx.app.db
        .selectFrom('outbox')
        .select(['subject', 'body'])
        .where('kind', '=', 'report-reopen-declined')
        .executeTakeFirstOrThrow();
      expect(mail.subject).toBe("ORS: The CMS secretariat declined to reopen FRA's report");
      expect(mail.body).toContain('Reason: The error is minor: send a corrigendum');
    });

    it('returns 409 when no request waits for a decision', async () => {
      const response = await call('POST', `/api/reports/${reports.FRA}/decline-reopen`, secretariat, {
        note: 'No',
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('ORS_WRONG_STATE');
    });

    it('returns 400 without a note saying why', async () => {
      await call('POST', `/api/reports/${reports.FRA}/request-reopen`, focalFra, { reason: 'Again' });
      const response = await call('POST', `/api/reports/${reports.FRA}/decline-reopen`, secretariat, {
        note: '  ',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].path).toEqual(['note']);
    });

    it('accepting is reopening: the report goes back in progress and leaves the list', async () => {
      const reopened = await call('POST', `/api/reports/${reports.FRA}/reopen`, secretariat, {});
      expect(reopened.statusCode).toBe(200);
      const list = await call('GET', `/api/cycles/${cycleId}/reopen-requests`, secretariat);
      expect(list.json().requests).toEqual([]);
    });

    it('returns 404 for an unknown report or cycle', async () => {
      expect(
        (await call('POST', '/api/reports/999999/decline-reopen', secretariat, { note: 'x' })).statusCode,
      ).toBe(404);
      const admin = await bearerFor(ctx.app, ['admin']);
      expect((await call('GET', '/api/cycles/999999/reopen-requests', admin)).statusCode).toBe(404);
    });

    it('refuses analysts and focal points the list, and a focal point the decision, with 403', async () => {
      const analyst = await bearerFor(ctx.app, ['analyst']);
      expect((await call('GET', `/api/cycles/${cycleId}/reopen-requests`, analyst)).statusCode).toBe(403);
      expect((await call('GET', `/api/cycles/${cycleId}/reopen-requests`, focalFra)).statusCode).toBe(403);
      await submitFrance();
      await call('POST', `/api/reports/${reports.FRA}/request-reopen`, focalFra, { reason: 'Please' });
      const response = await call('POST', `/api/reports/${reports.FRA}/decline-reopen`, focalFra, {
        note: 'x',
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('POST /api/reports/:id/remind', () => {
    it("queues a reminder with the deadline and the message to the Party's focal points, once a day", async () => {
      const focalDeu = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
      const email = await ctx.app.db
        .selectFrom('users as u')
        .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
        .select('u.email')
        .where('ra.party_code', '=', 'DEU')
        .executeTakeFirstOrThrow();
      expect(focalDeu.authorization).toBeTruthy();
      const response = await call('POST', `/api/reports/${reports.DEU}/remind`, secretariat, {
        message: 'Only two weeks left',
      });
      expect(response.statusCode).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(response.json()).toEqual({ recipients: [email.email], day: today });
      const again = await call('POST', `/api/reports/${reports.DEU}/remind`, secretariat, {});
      expect(again.statusCode).toBe(200);
      const mails = await ctx.app.db
        .selectFrom('outbox')
        .select(['to_address', 'subject', 'body'])
        .where('kind', '=', 'report-reminder')
        .execute();
      expect(mails).toEqual([
        {
          to_address: email.email,
          subject: "ORS: Reminder: DEU's report to CMS is due",
          body: expect.stringContaining('The deadline is 2027-06-30.\n\nOnly two weeks left'),
        },
      ]);
      const events = await ctx.app.db
        .selectFrom('report_events')
        .select('note')
        .where('report_id', '=', reports.DEU as number)
        .where('kind', '=', 'reminded')
        .execute();
      expect(events).toEqual([{ note: 'Only two weeks left' }, { note: null }]);
    });

    it('returns 409 ORS_NO_RECIPIENTS when the Party has no focal point', async () => {
      await ctx.app.db.deleteFrom('role_assignments').where('party_code', '=', 'KEN').execute();
      const response = await call('POST', `/api/reports/${reports.KEN}/remind`, secretariat, {});
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('ORS_NO_RECIPIENTS');
    });

    it('returns 409 ORS_WRONG_STATE for a submitted report', async () => {
      const response = await call('POST', `/api/reports/${reports.FRA}/remind`, secretariat, {});
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('ORS_WRONG_STATE');
    });

    it('returns 400 for a message too long and 404 for an unknown report', async () => {
      const long = await call('POST', `/api/reports/${reports.DEU}/remind`, secretariat, {
        message: 'x'.repeat(2001),
      });
      expect(long.statusCode).toBe(400);
      expect(long.json().errors[0].path).toEqual(['message']);
      expect((await call('POST', '/api/reports/999999/remind', secretariat, {})).statusCode).toBe(404);
    });

    it("refuses a focal point and another instrument's secretariat with 403", async () => {
      const other = await bearerFor(ctx.app, ['secretariat:AEWA']);
      expect((await call('POST', `/api/reports/${reports.DEU}/remind`, other, {})).statusCode).toBe(403);
      expect((await call('POST', `/api/reports/${reports.DEU}/remind`, focalFra, {})).statusCode).toBe(403);
    });

    it('returns 423 ORS_CYCLE_CLOSED once the cycle is closed', async () => {
      const closed = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/cycles/${cycleId}`,
        headers: secretariat,
        payload: { closed: true },
      });
      expect(closed.statusCode).toBe(200);
      const response = await call('POST', `/api/reports/${reports.DEU}/remind`, secretariat, {});
      expect(response.statusCode).toBe(423);
      expect(response.json().code).toBe('ORS_CYCLE_CLOSED');
    });
  });

  describe('POST /api/cycles/:id/remind', () => {
    let second: number;

    beforeAll(async () => {
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/cycles',
        headers: secretariat,
        payload: {
          instrument: 'CMS',
          questionnaire: 'cms-test-report',
          version: 1,
          title: 'Reports to COP16',
          opensAt: '2026-06-01',
          closesAt: '2028-03-31',
        },
      });
      expect(created.statusCode).toBe(201);
      second = created.json().id;
    });

    it('reminds every Party not submitted, and names those without a focal point', async () => {
      const response = await call('POST', `/api/cycles/${second}/remind`, secretariat, {
        message: 'The deadline is near',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        reminded: ['DEU', 'FRA'],
        unreachable: ['KEN'],
        recipients: 2,
        day: new Date().toISOString().slice(0, 10),
      });
      const mails = await ctx.app.db
        .selectFrom('outbox')
        .select('body')
        .where('kind', '=', 'report-reminder')
        .where('body', 'like', '%The deadline is 2028-03-31.%')
        .execute();
      expect(mails).toHaveLength(2);
      expect(mails[0]?.body).toContain('The deadline is near');
    });

    it('leaves out a submitted report', async () => {
      const fra = await ctx.app.db
        .selectFrom('reports')
        .select('id')
        .where('cycle_id', '=', second)
        .where('party_code', '=', 'FRA')
        .executeTakeFirstOrThrow();
      const submitted = await call('POST', `/api/reports/${fra.id}/submit-on-behalf`, secretariat, {});
      expect(submitted.statusCode).toBe(200);
      const response = await call('POST', `/api/cycles/${second}/remind`, secretariat, {});
      expect(response.json()).toMatchObject({ reminded: ['DEU'], unreachable: ['KEN'], recipients: 1 });
    });

    it("returns 404 for an unknown cycle and 403 to another instrument's secretariat or a focal point", async () => {
      expect((await call('POST', '/api/cycles/999999/remind', secretariat, {})).statusCode).toBe(404);
      const other = await bearerFor(ctx.app, ['secretariat:AEWA']);
      expect((await call('POST', `/api/cycles/${second}/remind`, other, {})).statusCode).toBe(403);
      expect((await call('POST', `/api/cycles/${second}/remind`, focalFra, {})).statusCode).toBe(403);
    });

    it('returns 423 ORS_CYCLE_CLOSED for a closed cycle', async () => {
      await ctx.app.inject({
        method: 'PATCH',
        url: `/api/cycles/${second}`,
        headers: secretariat,
        payload: { closed: true },
      });
      const response = await call('POST', `/api/cycles/${second}/remind`, secretariat, {});
      expect(response.statusCode).toBe(423);
      expect(response.json().code).toBe('ORS_CYCLE_CLOSED');
    });
  });
});
