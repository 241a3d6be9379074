import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('POST /api/reports/:id/submit-on-behalf', () => {
  const ctx = useTestApp();
  let reports: Record<string, number>;
  let secretariat: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ reports, secretariat } = await openTestCycle(ctx.app));
  });

  it('submits a report received by e-mail as it came, issues and all, with the note in the history', async () => {
    const kenya = reports.KEN ?? 0;
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${kenya}/submit-on-behalf`,
      headers: secretariat,
      payload: { note: 'Received by e-mail on 3 March; two answers missing.' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'submitted', snapshotId: expect.any(Number) });
    const history = await ctx.app.inject({ url: `/api/reports/${kenya}/history`, headers: secretariat });
    expect(history.json().events).toEqual([
      expect.objectContaining({
        kind: 'submitted-on-behalf',
        toStatus: 'submitted',
        note: 'Received by e-mail on 3 March; two answers missing.',
        user: expect.objectContaining({ id: expect.any(Number) }),
      }),
    ]);
    const snapshot = await ctx.app.db
      .selectFrom('report_snapshots')
      .select(['on_behalf'])
      .where('report_id', '=', kenya)
      .executeTakeFirstOrThrow();
    expect(snapshot.on_behalf).toBe(true);
  });

  it('still refuses the focal point a submission with issues', async () => {
    const focalPoint = await bearerFor(ctx.app, ['focal_point:DEU:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.DEU}/submit`,
      headers: focalPoint,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('ORS_REPORT_INCOMPLETE');
  });

  it('returns 409 ORS_WRONG_STATE for a report already submitted', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reports.KEN}/submit-on-behalf`,
      headers: secretariat,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('ORS_WRONG_STATE');
  });
});
