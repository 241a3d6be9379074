import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';

describe('reference data routes', () => {
  const ctx = useTestApp();

  it('lets an admin create instruments and Parties and record memberships, which anyone can read', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    const post = (url: string, payload: Record<string, unknown>) =>
      ctx.app.inject({ method: 'POST', url, headers: admin, payload });
    expect((await post('/api/instruments', { code: 'CMS', name: { en: 'CMS' } })).statusCode).toBe(201);
    expect(
      (
        await post('/api/instruments', {
          code: 'AEWA',
          name: { en: 'AEWA' },
          parent: 'CMS',
          languages: ['en', 'fr'],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post('/api/parties', { code: 'FRA', name: { en: 'France' }, region: 'Europe' })).statusCode,
    ).toBe(201);
    expect((await post('/api/parties', { code: 'KEN', name: { en: 'Kenya' } })).statusCode).toBe(201);
    const membership = await ctx.app.inject({
      method: 'PUT',
      url: '/api/instruments/AEWA/parties/KEN',
      headers: admin,
      payload: { since: '1999-10-01' },
    });
    expect(membership.statusCode).toBe(200);
    expect(membership.json()).toEqual({ instrument: 'AEWA', party: 'KEN', since: '1999-10-01' });

    const instruments = await ctx.app.inject('/api/instruments');
    expect(instruments.json().instruments).toEqual([
      { code: 'AEWA', name: { en: 'AEWA' }, parent: 'CMS', languages: ['en', 'fr'] },
      { code: 'CMS', name: { en: 'CMS' }, parent: null, languages: ['en'] },
    ]);
    const members = await ctx.app.inject('/api/parties?instrument=AEWA');
    expect(members.json().parties).toEqual([{ code: 'KEN', name: { en: 'Kenya' }, region: null }]);
    expect((await ctx.app.inject('/api/parties')).json().parties).toHaveLength(2);
  });

  it('refuses a parent instrument that does not exist with 422 naming the field', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/instruments',
      headers: admin,
      payload: { code: 'EUROBATS', name: { en: 'EUROBATS' }, parent: 'NOPE' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ in: 'body', path: ['parent'], message: 'no instrument NOPE' }]);
  });

  it('answers 404 for a membership of an unknown Party', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/api/instruments/CMS/parties/XXX',
      headers: admin,
    });
    expect(response.statusCode).toBe(404);
  });

  it('refuses reference changes by anyone but an admin', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: secretariat,
      payload: { code: 'DEU', name: { en: 'Germany' } },
    });
    expect(response.statusCode).toBe(403);
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/parties', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});
