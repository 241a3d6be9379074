import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import app from '../../../server/app.ts';
import { serverOptions } from '../../../server/build-app.ts';
import { loadConfig } from '../../../server/config.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

/** A route as the app declared it. */
export interface DeclaredRoute {
  method: string;
  url: string;
  hasBody: boolean;
  hasParams: boolean;
  hasQuery: boolean;
  bodySchema?: { safeParse(value: unknown): { success: boolean } };
  querySchema?: { safeParse(value: unknown): { success: boolean } };
}

/**
 * The app with two test-only additions registered before it (so that every route inherits them): a
 * collector of every route, and a probe that, on `x-access-probe: 1`, answers 299 right after
 * authorization and validation, before the handler: the access of a write can be checked without
 * making it.
 */
export async function buildAppWithProbe(env: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', ...env });
  const routes: DeclaredRoute[] = [];
  const fastify: FastifyInstance = Fastify({ ...serverOptions(config), logger: false });
  await fastify.register(
    fp(async (instance) => {
      instance.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          if (method === 'HEAD') continue;
          const schema = (route.schema ?? {}) as Record<string, unknown>;
          routes.push({
            method,
            url: route.url,
            hasBody: schema.body !== undefined,
            hasParams: schema.params !== undefined || route.url.includes(':'),
            hasQuery: schema.querystring !== undefined,
            bodySchema: schema.body as DeclaredRoute['bodySchema'],
            querySchema: schema.querystring as DeclaredRoute['querySchema'],
          });
        }
      });
      instance.addHook('preHandler', async (request, reply) => {
        if (request.headers['x-access-probe'] === '1') {
          await reply.code(299).send({ probe: 'allowed' });
          return reply;
        }
      });
    }),
  );
  await fastify.register(fp(app, { name: 'ors' }), { config, databaseUrl: database.url });
  await fastify.ready();
  return {
    app: fastify,
    routes,
    async close() {
      await fastify.close();
      await database.drop();
    },
  };
}
