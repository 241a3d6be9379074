import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import authorization from '../../../server/plugins/authorization.ts';
import { useTestApp } from '../../helpers/app.ts';

describe('the authorization plugin', () => {
  const ctx = useTestApp();

  it('refuses to start an app with a route that declares no access rule', async () => {
    const app = Fastify();
    app.decorate('config', ctx.app.config);
    app.register(
      fp(
        async (instance) => {
          instance.decorate('db', ctx.app.db);
        },
        { name: 'database' },
      ),
    );
    app.register(authorization);
    app.register(async (instance) => {
      instance.get('/api/forgotten', async () => ({ secret: true }));
    });
    await expect(app.ready()).rejects.toThrow('route GET /api/forgotten declares no access rule');
  });

  it('answers 401 to an unknown bearer token', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: 'Bearer ors_nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
