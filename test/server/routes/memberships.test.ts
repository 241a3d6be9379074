import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedReference } from '../../helpers/reporting.ts';

describe('memberships', () => {
  const ctx = useTestApp();
  let admin: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    admin = await bearerFor(ctx.app, ['admin']);
  });

  describe('GET /api/instruments/:code/parties', () => {
    it('lists the members of an instrument with their names and dates, to anyone', async () => {
      const response = await ctx.app.inject({ url: '/api/instruments/CMS/parties' });
      expect(response.statusCode).toBe(200);
      expect(response.json().members.map((m: { code: string }) => m.code)).toEqual(['DEU', 'FRA', 'KEN']);
      expect(response.json().members[1]).toEqual({
        code: 'FRA',
        name: { en: 'France', fr: 'France', es: 'Francia' },
        region: null,
        since: '2000-01-01',
      });
    });

    it('returns 404 for an unknown instrument', async () => {
      const response = await ctx.app.inject({ url: '/api/instruments/NOPE/parties' });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('DELETE /api/instruments/:code/parties/:party', () => {
    it('ends a membership', async () => {
      const response = await ctx.app.inject({
        method: 'DELETE',
        url: '/api/instruments/AEWA/parties/KEN',
        headers: admin,
      });
      expect(response.statusCode).toBe(204);
      const members = await ctx.app.inject({ url: '/api/instruments/AEWA/parties' });
      expect(members.json().members.map((m: { code: string }) => m.code)).toEqual(['FRA']);
    });

    it('returns 404 when the Party is not a member', async () => {
      const response = await ctx.app.inject({
        method: 'DELETE',
        url: '/api/instruments/AEWA/parties/DEU',
        headers: admin,
      });
      expect(response.statusCode).toBe(404);
    });

    it('returns 400 for a Party code that is not ISO 3166-1 alpha-3', async () => {
      const response = await ctx.app.inject({
        method: 'DELETE',
        url: '/api/instruments/AEWA/parties/FR',
        headers: admin,
      });
      expect(response.statusCode).toBe(400);
    });

    it('refuses anyone but an administrator', async () => {
      const secretariat = await bearerFor(ctx.app, ['secretariat:AEWA']);
      const response = await ctx.app.inject({
        method: 'DELETE',
        url: '/api/instruments/AEWA/parties/FRA',
        headers: secretariat,
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
