import { describe, expect, it } from 'vitest';
import { fillDemoReports, plausibleAnswers } from '../../../server/demo/demo-reports.ts';
import { loadDemo } from '../../../server/demo/load-demo.ts';
import { useTestApp } from '../../helpers/app.ts';
import { testDefinition } from '../../helpers/reporting.ts';

describe('demo reports', () => {
  const ctx = useTestApp();

  const statuses = async (instrument: string) =>
    ctx.app.db
      .selectFrom('reports as r')
      .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
      .select(['r.party_code', 'r.status', 'r.revision', 'r.reopen_requested_at'])
      .where('c.instrument_code', '=', instrument)
      .orderBy('r.party_code')
      .execute();

  it('gives the CMS and AEWA cycles reports in every status', async () => {
    await loadDemo(ctx.app.db);
    for (const instrument of ['CMS', 'AEWA']) {
      const reports = await statuses(instrument);
      const status = (party: string) => reports.find((report) => report.party_code === party)?.status;
      expect(status('FRA')).toBe('in_progress');
      expect(status('KEN')).toBe('submitted');
      expect(reports.find((report) => report.party_code === 'KEN')?.reopen_requested_at).not.toBeNull();
      expect(reports.filter((report) => report.status === 'submitted').length).toBeGreaterThanOrEqual(2);
      expect(reports.filter((report) => report.status === 'not_started').length).toBeGreaterThan(10);
    }
    const snapshots = await ctx.app.db
      .selectFrom('report_snapshots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(snapshots.n)).toBeGreaterThanOrEqual(4);
    // Enough submitted and published reports for the analysis pages and the public portal.
    const cms = await statuses('CMS');
    expect(cms.filter((report) => report.status === 'submitted').length).toBeGreaterThan(20);
    const published = await ctx.app.db
      .selectFrom('reports')
      .select('id')
      .where('published_at', 'is not', null)
      .where('status', '=', 'submitted')
      .execute();
    expect(published.length).toBeGreaterThan(20);
  });

  it("hands a section of France's CMS report to France's contributor", async () => {
    const handOvers = await ctx.app.db
      .selectFrom('handovers as h')
      .innerJoin('users as u', 'u.id', 'h.user_id')
      .innerJoin('reports as r', 'r.id', 'h.report_id')
      .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
      .select(['u.email', 'r.party_code', 'c.instrument_code', 'h.loop_id'])
      .execute();
    expect(handOvers).toEqual([
      { email: 'contributor.fra@ors.local', party_code: 'FRA', instrument_code: 'CMS', loop_id: null },
    ]);
  });

  it('records who did each step', async () => {
    const events = await ctx.app.db
      .selectFrom('report_events as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.kind', 'u.email'])
      .execute();
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['started', 'reopen-requested']),
    );
    expect(events.some((event) => event.kind.startsWith('submitted'))).toBe(true);
  });

  it("gives France's demo report a progress history: none at the opening, half some days later, then today's", async () => {
    const days = await ctx.app.db
      .selectFrom('report_progress_days as p')
      .innerJoin('reports as r', 'r.id', 'p.report_id')
      .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
      .select(['p.day', 'p.percent', 'c.opens_at', 'r.progress'])
      .where('c.instrument_code', '=', 'CMS')
      .where('r.party_code', '=', 'FRA')
      .orderBy('p.day')
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    expect(days.map((day) => day.day)).toEqual([days[0]?.opens_at, expect.any(String), today]);
    const [opening, middle, last] = days.map((day) => day.percent);
    expect(opening).toBe(0);
    expect(last).toBe(days[0]?.progress.percent);
    expect(middle).toBe(Math.floor((last as number) / 2));
    const [first, second] = days.map((day) => day.day);
    expect(second && first && second > first && second < today).toBe(true);
    const untouched = await ctx.app.db
      .selectFrom('report_progress_days as p')
      .innerJoin('reports as r', 'r.id', 'p.report_id')
      .select('p.day')
      .where('r.revision', '=', 0)
      .where('p.day', '<>', today)
      .execute();
    expect(untouched).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await statuses('CMS');
    await fillDemoReports(ctx.app.db);
    await loadDemo(ctx.app.db);
    expect(await statuses('CMS')).toEqual(before);
  });

  it('gives each Party answers of its own, the same for the same seed', () => {
    const definition = testDefinition() as never;
    const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => plausibleAnswers(definition, seed).pa_count);
    expect(new Set(counts).size).toBeGreaterThan(4);
    expect(plausibleAnswers(definition, 3)).toEqual(plausibleAnswers(definition, 3));
  });

  it('makes answers of the right shape for simple questions only', () => {
    const answers = plausibleAnswers(testDefinition() as never);
    expect(answers).toEqual({ focal_point_name: 'Ministry of Environment', pa_count: 25, trend: 'up' });
  });
});
