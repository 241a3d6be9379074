import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';

const dist = new URL('../../../client/dist/', import.meta.url);

describe('the built client (npm run build)', () => {
  const ctx = useTestApp();

  it('is served at / with a revalidating cache header', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves its page for the client’s own routes, but not for unknown API paths', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/reports/12' })).headers['content-type']).toContain(
      'text/html',
    );
    const api = await ctx.app.inject({ method: 'GET', url: '/api/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('caches hashed assets for a year', async () => {
    const asset = readdirSync(new URL('assets/', dist)).find((file) => file.endsWith('.js'));
    const response = await ctx.app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
