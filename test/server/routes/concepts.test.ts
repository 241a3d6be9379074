import { beforeAll, describe, expect, it } from 'vitest';
import { upsertConcepts } from '../../../server/repositories/questionnaires.ts';
import { useTestApp } from '../../helpers/app.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';

describe('GET /api/concepts', () => {
  const ctx = useTestApp();

  beforeAll(async () => {
    await seedReference(ctx.app);
    await upsertConcepts(ctx.app.db, [
      { id: 'protected-areas.count', label: { en: 'Protected areas' }, tags: ['gbf:3', 'sdg:15.1'] },
    ]);
    await openTestCycle(ctx.app);
  });

  it('lists every concept with its tags and the published questions that carry it', async () => {
    const response = await ctx.app.inject({ url: '/api/concepts' });
    expect(response.statusCode).toBe(200);
    const byId = Object.fromEntries(response.json().concepts.map((c: { id: string }) => [c.id, c]));
    // Registered at publication, described by forms/definitions/concepts.json.
    expect(byId['party.focal-point.name']).toMatchObject({
      label: { en: expect.stringMatching(/focal point/i) },
      questions: [{ questionnaire: 'cms-test-report', version: 1, itemId: 'focal_point_name' }],
    });
    expect(byId['protected-areas.count'].questions).toEqual([]);
  });

  it('keeps only the concepts of a tag', async () => {
    const response = await ctx.app.inject({ url: '/api/concepts?tag=gbf:3' });
    expect(response.json().concepts.map((c: { id: string }) => c.id)).toEqual(['protected-areas.count']);
  });

  it('gives an empty list for a tag nobody uses', async () => {
    const response = await ctx.app.inject({ url: '/api/concepts?tag=sdg:99' });
    expect(response.json().concepts).toEqual([]);
  });
});
