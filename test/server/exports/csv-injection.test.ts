import { beforeAll, describe, expect, it } from 'vitest';
import { escapeFormula } from '../../../server/exports/cycle-export.ts';
import { useTestApp } from '../../helpers/app.ts';
import { personWith } from '../../helpers/collaboration.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('escapeFormula', () => {
  it('puts an apostrophe before text a spreadsheet would take as a formula', () => {
    for (const text of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(escapeFormula(text)).toBe(`'${text}`);
    }
  });

  it('leaves other text alone', () => {
    for (const text of ['Marie', '', ' =1', "'already", 'a=b', '12']) expect(escapeFormula(text)).toBe(text);
  });
});

describe('GET /api/cycles/:id/export?format=csv against formula injection', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let secretariat: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    const opened = await openTestCycle(ctx.app);
    cycleId = opened.cycleId;
    secretariat = opened.secretariat;
    const france = await personWith(ctx.app, ['focal_point:FRA:CMS']);
    const saved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${opened.reports.FRA}/answers`,
      headers: france.headers,
      payload: { baseRevision: 0, set: { focal_point_name: "=cmd|' /C calc'!A0", pa_count: -3 } },
    });
    expect(saved.statusCode).toBe(200);
  });

  it('escapes a text answer starting with = and keeps negative numbers as numbers', async () => {
    const response = await ctx.app.inject({
      url: `/api/cycles/${cycleId}/export?format=csv`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(text).not.toMatch(/(^|[,;])=cmd/m);
    expect(text).toMatch(/(^|[,;])-3([,;]|$)/m);
  });
});
