import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

describe('questionnaire versions', () => {
  const ctx = useTestApp();
  let secretariat: { authorization: string };
  const key = testDefinition().key;

  beforeAll(async () => {
    await seedReference(ctx.app);
    ({ secretariat } = await openTestCycle(ctx.app));
  });

  describe('GET /api/questionnaires/:key', () => {
    it('gives the instrument, the published versions and the draft', async () => {
      const response = await ctx.app.inject({ url: `/api/questionnaires/${key}`, headers: secretariat });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ key, instrument: 'CMS', draft: null });
      expect(response.json().versions).toEqual([
        {
          version: 1,
          contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
          publishedAt: expect.any(String),
          publishedBy: expect.any(String),
        },
      ]);
    });

    it('returns 404 for an unknown questionnaire', async () => {
      const response = await ctx.app.inject({ url: '/api/questionnaires/nope', headers: secretariat });
      expect(response.statusCode).toBe(404);
    });

    it('returns 401 to someone not signed in', async () => {
      expect((await ctx.app.inject({ url: `/api/questionnaires/${key}` })).statusCode).toBe(401);
    });
  });

  describe('POST /api/questionnaires/:key/draft', () => {
    const post = (payload: unknown) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/questionnaires/${key}/draft`,
        headers: secretariat,
        payload: payload as object,
      });

    it('starts a draft from a published version', async () => {
      const response = await post({ fromVersion: 1 });
      expect(response.statusCode).toBe(201);
      const draft = await ctx.app.inject({ url: `/api/questionnaires/${key}/draft`, headers: secretariat });
      const version = await ctx.app.inject({ url: `/api/questionnaires/${key}/versions/1` });
      expect(draft.json().definition).toEqual(version.json().definition);
    });

    it('returns 409 while a draft exists', async () => {
      expect((await post({ fromVersion: 1 })).statusCode).toBe(409);
    });

    it('returns 404 for a version that was never published', async () => {
      expect((await post({ fromVersion: 7 })).statusCode).toBe(404);
    });

    it('returns 400 without fromVersion', async () => {
      expect((await post({})).statusCode).toBe(400);
    });

    it('diffs a published version against the draft with to=draft', async () => {
      const response = await ctx.app.inject({
        url: `/api/questionnaires/${key}/diff?from=1&to=draft`,
        headers: secretariat,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ key, from: 1, to: 'draft', changes: [] });
    });

    it('publishes the draft as version 2, listed by GET /versions', async () => {
      const published = await ctx.app.inject({
        method: 'POST',
        url: `/api/questionnaires/${key}/publish`,
        headers: secretariat,
      });
      expect(published.statusCode).toBe(200);
      const versions = await ctx.app.inject({
        url: `/api/questionnaires/${key}/versions`,
        headers: await bearerFor(ctx.app, ['analyst']),
      });
      expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      // The same content gives the same hash.
      expect(versions.json().versions[1].contentHash).toBe(versions.json().versions[0].contentHash);
    });

    it('returns 404 for to=draft once the draft is published', async () => {
      const response = await ctx.app.inject({
        url: `/api/questionnaires/${key}/diff?from=1&to=draft`,
        headers: secretariat,
      });
      expect(response.statusCode).toBe(404);
    });
  });
});
