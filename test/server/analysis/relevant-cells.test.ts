import { beforeAll, describe, expect, it } from 'vitest';
import { RelevantCells } from '../../../server/analysis/relevant-cells.ts';
import { latestSnapshotIds } from '../../../server/analysis/snapshots.ts';
import { useTestApp } from '../../helpers/app.ts';
import { type Seeded, seedAnalysis } from './seed.ts';

describe('RelevantCells', () => {
  const ctx = useTestApp();
  let seeded: Seeded;

  beforeAll(async () => {
    seeded = await seedAnalysis(ctx.app);
  });

  it("gives each snapshot the engine's relevant answered cells, even beyond what it keeps in memory", async () => {
    const ids = await latestSnapshotIds(ctx.app.db, seeded.cycles.first);
    expect(ids).toHaveLength(4);
    const cells = new RelevantCells(ctx.app.db, ctx.app.reporting.plans, 2);
    const found = await cells.of(ids);
    const byParty = new Map<string, string[]>();
    const rows = await ctx.app.db
      .selectFrom('report_snapshots as s')
      .innerJoin('reports as r', 'r.id', 's.report_id')
      .select(['s.id', 'r.party_code'])
      .where('s.id', 'in', ids)
      .execute();
    for (const row of rows) byParty.set(row.party_code, [...(found.get(row.id) ?? [])].sort());
    expect(byParty.get('KEN')).toEqual(['has_pa', 'threats', 'trend']);
    expect(byParty.get('FRA')).toEqual([
      'groups.bats.level',
      'groups.birds.action',
      'groups.birds.level',
      'has_pa',
      'pa_count',
      'threats',
      'trend',
    ]);
    // Asked again, together and at once, they agree.
    const [again, twice] = await Promise.all([cells.of(ids), cells.of(ids.slice(0, 2))]);
    for (const id of ids)
      expect([...(again.get(id) ?? [])].sort()).toEqual([...(found.get(id) ?? [])].sort());
    expect(twice.size).toBe(2);
  });
});
