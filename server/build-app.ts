import Fastify, { type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import app, { type AppOptions } from './app.ts';

/** A ready-to-use ORS Fastify instance (not listening): used by server/main.ts, the command line and tests. */
export async function buildApp(options: AppOptions, server: FastifyServerOptions = {}) {
  const fastify = Fastify({
    requestIdHeader: 'x-request-id',
    connectionTimeout: options.config.REQUEST_TIMEOUT_MS,
    requestTimeout: options.config.REQUEST_TIMEOUT_MS,
    ...server,
  });
  await fastify.register(fp(app, { name: 'ors' }), options);
  await fastify.ready();
  return fastify;
}
