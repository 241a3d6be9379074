import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ActorCache } from '../../../server/plugins/authorization.ts';
import { createApiToken } from '../../../server/repositories/users.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { signIn, userWithPassword } from '../../helpers/sessions.ts';

describe('load shedding', () => {
  const ctx = useTestApp({ DATABASE_POOL_SIZE: '1', MAX_QUEUED_QUERIES: '1' });

  it('answers 503 with Retry-After while more queries wait for a connection than allowed', async () => {
    const held = await ctx.app.pg.pool.connect();
    const queued = [ctx.app.pg.pool.query('SELECT 1'), ctx.app.pg.pool.query('SELECT 1')];
    try {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/instruments' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 503, code: 'ORS_OVERLOADED' });
    } finally {
      held.release();
    }
    await Promise.all(queued);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/instruments' })).statusCode).toBe(200);
  });
});

describe('load shedding on event-loop delay (@fastify/under-pressure)', () => {
  const ctx = useTestApp({ MAX_EVENT_LOOP_DELAY_MS: '20' });

  it('answers 503 ORS_OVERLOADED with Retry-After right after the event loop was blocked', async () => {
    // Blocks the loop far past the limit: the next sample (the mean delay of its 250 ms) sees it.
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      // busy
    }
    await sleep(5);
    const response = await ctx.app.inject({ method: 'GET', url: '/api/instruments' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ status: 503, code: 'ORS_OVERLOADED' });
  });
});

describe('the actor cache', () => {
  const ctx = useTestApp({ ACTOR_CACHE_SECONDS: '1' });

  it('lets a token revoked by another process (the command line) through for at most its lifetime', async () => {
    const headers = await bearerFor(ctx.app, ['analyst']);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    // As `npm run ors` would, outside this process: the cache cannot know.
    await ctx.app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).execute();
    await sleep(1_100);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('keeps no unknown token: a token is refused every time until it exists', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('the actor cache, on changes made through the server', () => {
  // A long lifetime: only the emptying on identity writes can make these pass.
  const ctx = useTestApp({ ACTOR_CACHE_SECONDS: '300', LOGIN_RATE_LIMIT: '1000' });
  const me = (headers: Record<string, string>) =>
    ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers });

  it('ends a session at once on sign-out', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
  });

  it('refuses a revoked token at once', async () => {
    const { email } = await userWithPassword(ctx.app);
    const session = await signIn(ctx.app, email);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: session.headers,
      payload: { name: 'script' },
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await me(bearer)).statusCode).toBe(200);
    const revoked = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${created.json().id}`,
      headers: session.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await me(bearer)).statusCode).toBe(401);
  });

  it('applies a role change and a disabled account at once', async () => {
    const admin = await bearerFor(ctx.app, ['admin']);
    const { id } = await userWithPassword(ctx.app, ['analyst']);
    const bearer = await bearerForUser(id);
    expect((await me(bearer)).json().roles).toContain('analyst');
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { roles: ['admin'] },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(bearer)).json().roles).toEqual(['admin']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect((await me(bearer)).statusCode).toBe(401);
  });

  async function bearerForUser(userId: number) {
    const { token } = await createApiToken(ctx.app.db, userId, 'test');
    return { authorization: `Bearer ${token}` };
  }
});

describe('without the actor cache (ACTOR_CACHE_SECONDS=0)', () => {
  const ctx = useTestApp({ ACTOR_CACHE_SECONDS: '0' });

  it('refuses a token revoked in the database on the very next request', async () => {
    const headers = await bearerFor(ctx.app, ['analyst']);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    await ctx.app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).execute();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });
});

describe('ActorCache', () => {
  it('shares one lookup among requests that miss at once, and keeps what it found', async () => {
    const cache = new ActorCache<{ id: number }>(60_000);
    let lookups = 0;
    const find = async () => {
      lookups += 1;
      await sleep(5);
      return { id: 1 };
    };
    const found = await Promise.all([cache.get('a', find), cache.get('a', find), cache.get('a', find)]);
    expect(found).toEqual([{ id: 1 }, { id: 1 }, { id: 1 }]);
    await cache.get('a', find);
    expect(lookups).toBe(1);
    cache.clear();
    await cache.get('a', find);
    expect(lookups).toBe(2);
  });

  it('keeps neither nobody found nor a failed lookup', async () => {
    const cache = new ActorCache<{ id: number }>(60_000);
    let lookups = 0;
    const counted = <T>(value: T) => {
      lookups += 1;
      return Promise.resolve(value);
    };
    expect(await cache.get('b', () => counted(null))).toBeNull();
    await expect(
      cache.get('b', async () => {
        lookups += 1;
        throw new Error('database unavailable');
      }),
    ).rejects.toThrow('database unavailable');
    expect(await cache.get('b', () => counted({ id: 2 }))).toEqual({ id: 2 });
    expect(lookups).toBe(3);
  });
});
