import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrateToLatest } from './migrate.ts';
import { poolConfig } from './pool-config.ts';
import type { Database } from './schema.ts';

export interface DatabaseHandle {
  url: string;
  /** True when ORS started the server itself (no DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded server, if ORS started one. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data in DATA_DIR. */
export async function connectDatabase(
  config: Config,
  log: (message: string) => void,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  log(`no DATABASE_URL: starting the embedded PostgreSQL in ${config.dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Runs `work` with a short-lived Kysely of its own (the command line, migrations at start). */
export async function withDatabase<T>(url: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const pool = new pg.Pool(poolConfig(url, 2));
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

export async function migrate(url: string) {
  return withDatabase(url, (db) => migrateToLatest(db as Kysely<unknown>));
}

/** Runs one statement on its own connection: `CREATE DATABASE …`, `DROP DATABASE …` (bench, scripts). */
export async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
