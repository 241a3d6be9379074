import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedScopes, signIn, testPassword, userWithPassword } from '../../helpers/sessions.ts';

describe('/api/auth', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  beforeAll(() => seedScopes(ctx.app));

  describe('POST /api/auth/login', () => {
    it('sets an HttpOnly SameSite=Lax session cookie and returns the user with its CSRF token', async () => {
      const { email, id } = await userWithPassword(ctx.app, ['focal_point:FRA:CMS']);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: email.toUpperCase(), password: testPassword },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.user).toEqual({
        id,
        email,
        name: 'Test Person',
        language: 'en',
        roles: ['focal_point:FRA:CMS'],
      });
      expect(body.csrfToken).toMatch(/^c_/);
      const cookie = response.cookies.find((c) => c.name === 'ors_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy();
    });

    it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
      const { email } = await userWithPassword(ctx.app);
      const wrong = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'not the password' },
      });
      const unknown = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@example.org', password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    });

    it('refuses a disabled account with the same 401', async () => {
      const { email, id } = await userWithPassword(ctx.app);
      await ctx.app.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', id).execute();
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: testPassword },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('ORS_SIGN_IN_FAILED');
    });
  });

  describe('GET /api/auth/me', () => {
    it('returns the user and CSRF token of the session', async () => {
      const { email } = await userWithPassword(ctx.app, ['secretariat:CMS']);
      const session = await signIn(ctx.app, email);
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        email,
        roles: ['secretariat:CMS'],
        csrfToken: session.csrfToken,
      });
    });

    it('answers 401 when signed out', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me' });
      expect(response.statusCode).toBe(401);
    });

    it('gives no CSRF token to a bearer token', async () => {
      const headers = await bearerFor(ctx.app, ['analyst']);
      const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(response.json()).toMatchObject({ roles: ['analyst'], csrfToken: null });
    });
  });

  describe('PATCH /api/auth/me', () => {
    it('changes the name and language', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers: session.headers,
        payload: { name: 'Marie Curie', language: 'fr' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: 'Marie Curie', language: 'fr' });
    });

    it('refuses a language ORS does not speak', async () => {
      const headers = await bearerFor(ctx.app, []);
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers,
        payload: { language: 'de' },
      });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session: the cookie no longer signs in', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
      expect(out.statusCode).toBe(204);
      const me = await ctx.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(me.statusCode).toBe(401);
    });
  });

  describe('personal API tokens', () => {
    it('creates a token shown once, lists it without its secret, and revokes it', async () => {
      const { email } = await userWithPassword(ctx.app, ['analyst']);
      const session = await signIn(ctx.app, email);
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: session.headers,
        payload: { name: 'my script' },
      });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json();
      const asToken = { authorization: `Bearer ${token}` };
      expect(
        (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: asToken })).statusCode,
      ).toBe(200);

      const list = await ctx.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: session.headers });
      expect(list.json().tokens).toEqual([
        expect.objectContaining({ id, name: 'my script', revokedAt: null }),
      ]);
      expect(list.body).not.toContain(token);

      const revoked = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/auth/tokens/${id}`,
        headers: session.headers,
      });
      expect(revoked.statusCode).toBe(204);
      expect(
        (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: asToken })).statusCode,
      ).toBe(401);
    });

    it("answers 404 to revoking someone else's token", async () => {
      const owner = await userWithPassword(ctx.app);
      const ownerSession = await signIn(ctx.app, owner.email);
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: ownerSession.headers,
        payload: { name: 'mine' },
      });
      const other = await bearerFor(ctx.app, []);
      const response = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/auth/tokens/${created.json().id}`,
        headers: other,
      });
      expect(response.statusCode).toBe(404);
    });
  });
});
