import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

interface Day {
  day: string;
  averagePercent: number;
  complete: number;
}

describe("a cycle's progress over time", () => {
  const ctx = useTestApp();
  let cycleId: number;
  let reports: Record<string, number>;
  const reportOf = (party: string) => reports[party] as number;
  let secretariat: { authorization: string };
  const today = new Date().toISOString().slice(0, 10);

  const recorded = (reportId: number) =>
    ctx.app.db
      .selectFrom('report_progress_days')
      .select(['day', 'percent', 'answered', 'required'])
      .where('report_id', '=', reportId)
      .orderBy('day')
      .execute();

  const timeline = async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/cycles/${cycleId}/timeline`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { days: Day[] }).days;
  };

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ cycleId, reports, secretariat } = await openTestCycle(ctx.app));
  });

  it("records each report's opening progress on the day the cycle opened", async () => {
    expect(Object.keys(reports).sort()).toEqual(['DEU', 'FRA', 'KEN']);
    for (const id of Object.values(reports)) {
      expect(await recorded(id)).toEqual([{ day: today, percent: 0, answered: 0, required: 2 }]);
    }
    const days = await timeline();
    expect(days[0]).toMatchObject({ day: '2026-01-01', averagePercent: 0, complete: 0 });
    expect(days.at(-1)).toMatchObject({ day: today, averagePercent: 0, complete: 0 });
  });

  it("a save records the day's progress, and a second save that day replaces it", async () => {
    const focalKen = await bearerFor(ctx.app, ['focal_point:KEN:CMS']);
    const save = (baseRevision: number, set: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/reports/${reportOf('KEN')}/answers`,
        headers: focalKen,
        payload: { baseRevision, set },
      });
    const first = await save(0, { pa_count: 3 });
    expect(first.statusCode).toBe(200);
    expect(await recorded(reportOf('KEN'))).toEqual([{ day: today, percent: 50, answered: 1, required: 2 }]);
    expect((await timeline()).at(-1)).toMatchObject({ averagePercent: 16.7, complete: 0 });

    expect((await save(first.json().revision, { focal_point_name: 'Wanjiru Kamau' })).statusCode).toBe(200);
    expect(await recorded(reportOf('KEN'))).toEqual([{ day: today, percent: 100, answered: 2, required: 2 }]);
    expect((await timeline()).at(-1)).toMatchObject({ averagePercent: 33.3, complete: 1 });
  });

  it("averages each report's last known progress day by day, its first record counting from the opening", async () => {
    const ids = Object.values(reports);
    await sql`DELETE FROM report_progress_days WHERE report_id = ANY(${ids})`.execute(ctx.app.db);
    const record = (party: string, day: string, percent: number) =>
      ctx.app.db
        .insertInto('report_progress_days')
        .values({ report_id: reportOf(party), day, percent, answered: percent / 10, required: 10 })
        .execute();
    await record('FRA', '2026-01-01', 0);
    await record('FRA', '2026-02-01', 50);
    await record('FRA', '2026-03-01', 100);
    await record('KEN', '2026-01-01', 0);
    await record('KEN', '2026-02-15', 40);
    await record('KEN', '2026-04-10', 100);
    await record('KEN', '2026-04-20', 90);
    // DEU's only record is late: its opening progress counts from the first day.
    await record('DEU', '2026-03-20', 10);

    const days = await timeline();
    const on = (day: string) => days.find((entry) => entry.day === day);
    expect(days[0]).toMatchObject({ day: '2026-01-01', averagePercent: 3.3, complete: 0 });
    expect(on('2026-01-31')).toMatchObject({ averagePercent: 3.3, complete: 0 });
    expect(on('2026-02-01')).toMatchObject({ averagePercent: 20, complete: 0 });
    expect(on('2026-02-15')).toMatchObject({ averagePercent: 33.3, complete: 0 });
    expect(on('2026-03-01')).toMatchObject({ averagePercent: 50, complete: 1 });
    expect(on('2026-04-10')).toMatchObject({ averagePercent: 70, complete: 2 });
    expect(on('2026-04-20')).toMatchObject({ averagePercent: 66.7, complete: 1 });
    expect(days.at(-1)).toMatchObject({ day: today, averagePercent: 66.7, complete: 1 });
    expect(days).toHaveLength((Date.parse(today) - Date.parse('2026-01-01')) / 86_400_000 + 1);
  });
});
