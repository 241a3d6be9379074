import { describe, expect, it } from 'vitest';
import { demoPassword, demoUsers, loadDemo } from '../../../server/demo/load-demo.ts';
import { useTestApp } from '../../helpers/app.ts';

describe('loadDemo', () => {
  const ctx = useTestApp();

  it('loads reference data, publishes every demo questionnaire with an open cycle, and creates the demo accounts', async () => {
    const summary = await loadDemo(ctx.app.db);
    expect(summary.skipped).toEqual([]);
    expect(summary.parties).toBeGreaterThanOrEqual(45);
    expect(summary.questionnaires).toEqual(
      expect.arrayContaining(['cms-national-report', 'aewa-national-report', 'raptors-mou-report']),
    );
    expect(summary.cycles).toBe(summary.questionnaires.length);
    expect(summary.users).toBe(demoUsers.length);

    const cms = await ctx.app.db
      .selectFrom('reports as r')
      .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
      .select(['r.party_code', 'r.issue_count', 'r.progress'])
      .where('c.instrument_code', '=', 'CMS')
      .execute();
    const members = await ctx.app.db
      .selectFrom('memberships')
      .select('party_code')
      .where('instrument_code', '=', 'CMS')
      .execute();
    expect(cms).toHaveLength(members.length);
    expect(cms[0]?.progress.required).toBeGreaterThan(0);
  });

  it('lets a demo account sign in with the demo password', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'focal.fra@ors.local', password: demoPassword },
    });
    expect(response.statusCode).toBe(200);
  });

  it('adds nothing when run again', async () => {
    const before = await ctx.app.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    const summary = await loadDemo(ctx.app.db);
    expect(summary).toMatchObject({ cycles: 0, users: 0, skipped: [] });
    const after = await ctx.app.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    expect(after?.n).toBe(before?.n);
  });
});
