import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('PATCH /api/cycles/:id', () => {
  const ctx = useTestApp();
  let cycleId: number;
  let secretariat: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ cycleId, secretariat } = await openTestCycle(ctx.app));
  });

  const patch = (payload: unknown, id = cycleId, headers = secretariat) =>
    ctx.app.inject({ method: 'PATCH', url: `/api/cycles/${id}`, headers, payload: payload as object });

  it('moves the deadline', async () => {
    const response = await patch({ closesAt: '2027-09-30' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: cycleId, closesAt: '2027-09-30', closedAt: null });
    const cycle = await ctx.app.inject({ url: `/api/cycles/${cycleId}`, headers: secretariat });
    expect(cycle.json().closesAt).toBe('2027-09-30');
  });

  it('closes the cycle and opens it again', async () => {
    const closed = await patch({ closed: true });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).toEqual(expect.any(String));
    const again = await patch({ closed: true });
    expect(again.json().closedAt).toBe(closed.json().closedAt);
    const reopened = await patch({ closed: false });
    expect(reopened.json().closedAt).toBeNull();
  });

  it('returns 422 for a deadline before the opening date', async () => {
    const response = await patch({ closesAt: '2025-12-31' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].path).toEqual(['closesAt']);
  });

  it('returns 400 for an empty change or an unknown field', async () => {
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ title: 'New title' })).statusCode).toBe(400);
  });

  it('returns 404 for an unknown cycle', async () => {
    expect((await patch({ closed: true }, 999_999)).statusCode).toBe(404);
  });

  it("refuses another instrument's secretariat", async () => {
    const other = await bearerFor(ctx.app, ['secretariat:AEWA']);
    expect((await patch({ closed: true }, cycleId, other)).statusCode).toBe(403);
  });
});
