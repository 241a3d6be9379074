import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';
import { signIn, userWithPassword } from '../../helpers/sessions.ts';

/** Every write is recorded with the user who made it, whether signed in by cookie or by token. */
describe('who did what', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  let cycle: Awaited<ReturnType<typeof openTestCycle>>;
  beforeAll(async () => {
    await seedReference(ctx.app);
    cycle = await openTestCycle(ctx.app);
  });

  it('records the cookie-signed-in focal point on each answer it saves and in the history', async () => {
    const { id, email } = await userWithPassword(ctx.app, ['focal_point:FRA:CMS']);
    const session = await signIn(ctx.app, email);
    const reportId = cycle.reports.FRA as number;
    const saved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: session.headers,
      payload: { baseRevision: 0, set: { pa_count: 12, trend: 'up' } },
    });
    expect(saved.statusCode).toBe(200);
    const history = await ctx.app.db
      .selectFrom('answer_history')
      .select(['item_id', 'user_id'])
      .where('report_id', '=', reportId)
      .orderBy('item_id')
      .execute();
    expect(history).toEqual([
      { item_id: 'pa_count', user_id: id },
      { item_id: 'trend', user_id: id },
    ]);
    const answers = await ctx.app.db
      .selectFrom('answers')
      .select('updated_by')
      .where('report_id', '=', reportId)
      .execute();
    expect(answers.every((answer) => answer.updated_by === id)).toBe(true);
    const report = await ctx.app.db
      .selectFrom('reports')
      .select('last_changed_by')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(report.last_changed_by).toBe(id);
  });

  it('records who published the questionnaire and opened the cycle', async () => {
    const version = await ctx.app.db
      .selectFrom('questionnaire_versions')
      .select(['published_by', 'updated_by'])
      .where('version', '=', cycle.version)
      .executeTakeFirstOrThrow();
    const opened = await ctx.app.db
      .selectFrom('cycles')
      .select('created_by')
      .where('id', '=', cycle.cycleId)
      .executeTakeFirstOrThrow();
    expect(version.published_by).not.toBeNull();
    expect(opened.created_by).toBe(version.published_by);
  });
});
