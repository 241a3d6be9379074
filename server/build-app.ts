import Fastify, { type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import app, { type AppOptions } from './app.ts';
import type { Config } from './config.ts';
import { sendProblem } from './plugins/problems.ts';

/** The options of the Fastify server itself, beside the app plugin. */
export function serverOptions(config: Config): FastifyServerOptions {
  return {
    requestIdHeader: 'x-request-id',
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    trustProxy: config.TRUST_PROXY,
    // A URL that cannot be decoded or a malformed content type, refused before any route: a problem too.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      sendProblem(reply, { type: 'about:blank', status, code: error.code, detail: error.message });
    },
  };
}

/** A ready-to-use ORS Fastify instance (not listening): used by server/main.ts, the command line and tests. */
export async function buildApp(options: AppOptions, server: FastifyServerOptions = {}) {
  const fastify = Fastify({ ...serverOptions(options.config), ...server });
  await fastify.register(fp(app, { name: 'ors' }), options);
  await fastify.ready();
  return fastify;
}
