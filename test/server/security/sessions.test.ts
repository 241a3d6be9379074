import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/tokens.ts';
import { useTestApp } from '../../helpers/app.ts';
import { signIn, testPassword, userWithPassword } from '../../helpers/sessions.ts';

const me = (headers: Record<string, string>) => ({ method: 'GET' as const, url: '/api/auth/me', headers });
const sessionIdOf = (cookie: string) => hashSecret(cookie.replace('ors_session=', ''));

describe('sessions and tokens', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000', SESSION_IDLE_MINUTES: '30', SESSION_MAX_DAYS: '1' });

  it('stores only the hash of the cookie, with an expiry within the idle limit', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    const row = await ctx.app.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sessionIdOf(session.cookie))
      .executeTakeFirstOrThrow();
    const minutes = (row.expires_at.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(session.cookie).not.toContain(row.id);
  });

  it('ends a session that expired', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    await ctx.app.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', sessionIdOf(session.cookie))
      .execute();
    expect((await ctx.app.inject(me({ cookie: session.cookie }))).statusCode).toBe(401);
  });

  it('slides the expiry forward when seen, at most once a minute, never past the absolute limit', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    const id = sessionIdOf(session.cookie);
    const read = () =>
      ctx.app.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const before = await read();
    await ctx.app.inject(me({ cookie: session.cookie }));
    expect((await read()).last_seen_at).toEqual(before.last_seen_at);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await ctx.app.db
      .updateTable('sessions')
      .set({ last_seen_at: twoMinutesAgo, expires_at: new Date(Date.now() + 60_000) })
      .where('id', '=', id)
      .execute();
    await ctx.app.inject(me({ cookie: session.cookie }));
    const slid = await read();
    expect(slid.last_seen_at.getTime()).toBeGreaterThan(twoMinutesAgo.getTime());
    expect(slid.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);

    // Signed in 23h50 ago: the sliding window stops at the one-day absolute limit.
    await ctx.app.db
      .updateTable('sessions')
      .set({ last_seen_at: twoMinutesAgo })
      .where('id', '=', id)
      .execute();
    await ctx.app.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 60_000) })
      .where('id', '=', id)
      .execute();
    await sql`UPDATE sessions SET created_at = now() - interval '23 hours 50 minutes' WHERE id = ${id}`.execute(
      ctx.app.db,
    );
    await ctx.app.inject(me({ cookie: session.cookie }));
    const capped = await read();
    expect(capped.expires_at.getTime()).toBeLessThan(Date.now() + 11 * 60_000);
  });

  it('ends every session of a user who is disabled, and refuses its tokens', async () => {
    const { email, id } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    const token = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: session.headers,
      payload: { name: 'script' },
    });
    const bearer = { authorization: `Bearer ${token.json().token}` };
    await ctx.app.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', id).execute();
    expect((await ctx.app.inject(me({ cookie: session.cookie }))).statusCode).toBe(401);
    expect((await ctx.app.inject(me(bearer))).statusCode).toBe(401);
  });

  it('refuses an API token once it has expired', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: session.headers,
      payload: { name: 'for a week', expiresInDays: 7 },
    });
    const { id, token, expiresAt } = created.json();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.app.inject(me(bearer))).statusCode).toBe(200);
    await ctx.app.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await ctx.app.inject(me(bearer))).statusCode).toBe(401);
  });

  it('treats an unknown cookie as signed out', async () => {
    expect((await ctx.app.inject(me({ cookie: 'ors_session=s_forged' }))).statusCode).toBe(401);
    const health = await ctx.app.inject({
      method: 'GET',
      url: '/health',
      headers: { cookie: 'ors_session=x' },
    });
    expect(health.statusCode).toBe(200);
  });

  describe('POST /api/auth/password', () => {
    it('changes the password and ends the other sessions, keeping this one and the API tokens', async () => {
      const { email } = await userWithPassword(ctx.app);
      const here = await signIn(ctx.app, email);
      const elsewhere = await signIn(ctx.app, email);
      const token = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: here.headers,
        payload: { name: 'script' },
      });
      const changed = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: here.headers,
        payload: { currentPassword: testPassword, newPassword: 'a brand new passphrase' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await ctx.app.inject(me({ cookie: here.cookie }))).statusCode).toBe(200);
      expect((await ctx.app.inject(me({ cookie: elsewhere.cookie }))).statusCode).toBe(401);
      expect((await ctx.app.inject(me({ authorization: `Bearer ${token.json().token}` }))).statusCode).toBe(
        200,
      );
      await expect(signIn(ctx.app, email)).rejects.toThrow('401');
      await expect(signIn(ctx.app, email, 'a brand new passphrase')).resolves.toBeTruthy();
    });

    it('refuses a wrong current password and a short new one', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const wrong = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: session.headers,
        payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
      });
      expect(wrong.statusCode).toBe(422);
      const short = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: session.headers,
        payload: { currentPassword: testPassword, newPassword: 'short' },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors[0].path).toEqual(['newPassword']);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the x-csrf-token header, or with a wrong one', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const write = (headers: Record<string, string>) =>
        ctx.app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { name: 'Mallory' } });
      const missing = await write({ cookie: session.cookie });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().code).toBe('ORS_CSRF');
      expect(
        (await write({ cookie: session.cookie, 'x-csrf-token': `${session.csrfToken}x` })).statusCode,
      ).toBe(403);
      expect((await write(session.headers)).statusCode).toBe(200);
    });

    it("refuses another session's token", async () => {
      const { email } = await userWithPassword(ctx.app);
      const mine = await signIn(ctx.app, email);
      const theirs = await signIn(ctx.app, (await userWithPassword(ctx.app)).email);
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers: { cookie: mine.cookie, 'x-csrf-token': theirs.csrfToken },
        payload: { name: 'Mallory' },
      });
      expect(response.statusCode).toBe(403);
    });

    it('refuses signing out without the token (a cross-site page cannot sign you out)', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: session.cookie },
      });
      expect(response.statusCode).toBe(403);
    });

    it('does not ask a bearer token for one', async () => {
      const { email } = await userWithPassword(ctx.app);
      const session = await signIn(ctx.app, email);
      const token = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: session.headers,
        payload: { name: 'script' },
      });
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token.json().token}` },
        payload: { name: 'Script' },
      });
      expect(response.statusCode).toBe(200);
    });
  });
});

describe('hostile credentials', () => {
  const ctx = useTestApp();

  it('answers any Authorization header or session cookie with 401 or as the public, never 5xx', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 50 }),
      fc.constantFrom("ors_' OR 1=1 --", 'ors_\u0000', 'x'.repeat(10_000), '', ' ', 'ors_'),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), value, async (asToken, text) => {
        const safe = text.replace(/[^\x20-\x7e]/g, '?');
        const headers = asToken
          ? { authorization: `Bearer ${safe}` }
          : { cookie: `ors_session=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?'))}` };
        const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers });
        expect(response.statusCode).toBe(401);
        const write = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
        expect([204, 401]).toContain(write.statusCode);
      }),
      { numRuns: 40 },
    );
  });
});

describe('sign-in rate limit', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '1' });

  it('answers 429 with Retry-After once an account used its attempts, the same for an unknown one, and lifts it after the window', async () => {
    const { email } = await userWithPassword(ctx.app);
    const attempt = (address: string, account: string, password = 'wrong password') =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: address,
        payload: { email: account, password },
      });
    for (let i = 0; i < 3; i++) expect((await attempt(`10.0.0.${i}`, email)).statusCode).toBe(401);
    const limited = await attempt('10.0.0.9', email, testPassword);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['content-type']).toContain('application/problem+json');

    for (let i = 0; i < 3; i++) await attempt(`10.0.1.${i}`, 'nobody@example.org');
    const unknown = await attempt('10.0.1.9', 'nobody@example.org');
    expect(unknown.statusCode).toBe(429);
    expect({ ...unknown.json(), requestId: 0, instance: 0 }).toEqual({
      ...limited.json(),
      requestId: 0,
      instance: 0,
    });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await attempt('10.0.0.20', email, testPassword)).statusCode).toBe(200);
  });

  it('limits one address trying many accounts, at five times the allowance of one account', async () => {
    for (let i = 0; i < 15; i++) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { email: `guess${i}@example.org`, password: 'x' },
      });
    }
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.9',
      payload: { email: 'guess9@example.org', password: 'x' },
    });
    expect(response.statusCode).toBe(429);
  });
});
