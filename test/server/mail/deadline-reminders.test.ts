import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueDeadlineReminders } from '../../../server/mail/deadline-reminders.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('deadline reminders', () => {
  const ctx = useTestApp({ OUTBOX_INTERVAL_SECONDS: '0' });
  let reports: Record<string, number>;
  let cycleId: number;

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ reports, cycleId } = await openTestCycle(ctx.app));
    await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
    await bearerFor(ctx.app, ['focal_point:FRA:AEWA']);
    // Germany has submitted: it is not reminded.
    await ctx.app.db
      .updateTable('reports')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', reports.DEU as number)
      .execute();
  });

  async function setDeadlineInDays(days: number) {
    await sql`UPDATE cycles SET closes_at = current_date + ${days}::int WHERE id = ${cycleId}`.execute(
      ctx.app.db,
    );
  }

  async function reminders() {
    return ctx.app.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'body'])
      .where('kind', '=', 'deadline-reminder')
      .orderBy('id')
      .execute();
  }

  it('queues nothing on a day that is not a reminder day', async () => {
    await setDeadlineInDays(5);
    expect(await queueDeadlineReminders(ctx.app.db, [7, 1], 'https://ors.example.org')).toBe(0);
    expect(await reminders()).toEqual([]);
  });

  it('reminds the focal points of the Parties that have not submitted, once per reminder day', async () => {
    await setDeadlineInDays(7);
    expect(await queueDeadlineReminders(ctx.app.db, [7, 1], 'https://ors.example.org')).toBe(1);
    // Again, as a second server process would: nothing more.
    expect(await queueDeadlineReminders(ctx.app.db, [7, 1], 'https://ors.example.org')).toBe(0);
    const queued = await reminders();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.subject).toBe("ORS: 7 days left for FRA's report to CMS");
    expect(queued[0]?.body).toContain(`https://ors.example.org/reports/${reports.FRA}`);

    await setDeadlineInDays(1);
    expect(await queueDeadlineReminders(ctx.app.db, [7, 1], 'https://ors.example.org')).toBe(1);
    expect((await reminders()).map((mail) => mail.subject)).toEqual([
      "ORS: 7 days left for FRA's report to CMS",
      "ORS: 1 days left for FRA's report to CMS",
    ]);
  });

  it('reminds nobody of a closed cycle', async () => {
    await sql`UPDATE cycles SET closed_at = now(), closes_at = current_date + 30 WHERE id = ${cycleId}`.execute(
      ctx.app.db,
    );
    expect(await queueDeadlineReminders(ctx.app.db, [30], 'https://ors.example.org')).toBe(0);
  });
});
