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
  /** The longest a request's statement may run before PostgreSQL cancels it. */
  statementTimeoutMs?: number;
}

async function database(app: FastifyInstance, options: DatabaseOptions): Promise<void> {
  await app.register(
    fastifyPostgres,
    poolConfig(options.databaseUrl, options.poolSize, options.statementTimeoutMs),
  );
  const pool = app.pg.pool;
  // A connection dropped by a restarting database emits 'error': on the pool while it is idle (the pool
  // then drops it), on the client itself while a request holds it between two queries. Without a handler
  // either would crash the process; with one, the request fails (503) and the pool connects anew.
  pool.on('error', (error) => app.log.warn({ err: error }, 'database connection lost'));
  pool.on('connect', (client) => {
    client.on('error', (error) => app.log.warn({ err: error }, 'database connection lost while in use'));
  });
  app.decorate('db', new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
}

export default fp(database, { name: 'database' });
