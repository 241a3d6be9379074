import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import authorization from './plugins/authorization.ts';
import client from './plugins/client.ts';
import database from './plugins/database.ts';
import openapi from './plugins/openapi.ts';
import problems from './plugins/problems.ts';
import healthRoutes from './routes/health/index.ts';

export interface AppOptions {
  config: Config;
  /** The database to use: DATABASE_URL, or the embedded server's URL. */
  databaseUrl: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

const clientRoot = fileURLToPath(new URL('../client/dist', import.meta.url));

/** The whole ORS application as one Fastify plugin: server/main.ts listens, tests inject. */
export default async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.decorate('config', options.config);

  // Infrastructure
  await fastify.register(problems);
  await fastify.register(openapi);
  await fastify.register(database, {
    databaseUrl: options.databaseUrl,
    poolSize: options.config.DATABASE_POOL_SIZE,
  });
  await fastify.register(authorization);

  // Routes
  await fastify.register(healthRoutes);
  await fastify.register(client, { root: clientRoot });
}
