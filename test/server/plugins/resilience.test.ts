import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ActorCache } from '../../../server/plugins/authorization.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';

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
