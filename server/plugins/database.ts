import fastifyPostgres from '@fastify/postgres';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Kysely, PostgresDialect } from 'kysely';
import { poolConfig } from '../db/pool-config.ts';
import type { Database } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Kysely on the @fastify/postgres pool (which also ends the pool on close). */
    db: Kysely<Database>;
  }
}

export interface DatabaseOptions {
  databaseUrl: string;
  poolSize: number;
}

async function database(app: FastifyInstance, options: DatabaseOptions): Promise<void> {
  await app.register(fastifyPostgres, poolConfig(options.databaseUrl, options.poolSize));
  // A connection dropped by a restarting database emits 'error' on the pool; without a handler the
  // process would crash. The pool replaces the connection on the next checkout.
  app.pg.pool.on('error', (error) => app.log.warn({ err: error }, 'database connection lost'));
  app.decorate('db', new Kysely<Database>({ dialect: new PostgresDialect({ pool: app.pg.pool }) }));
}

export default fp(database, { name: 'database' });
