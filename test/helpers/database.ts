import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { runStatement } from '../../server/db/connect.ts';
import { withDatabase } from '../setup/global-setup.ts';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (a copy of the run's template). */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(inject('templateDatabase'));
}

/** An empty database with no tables at all, for testing migrations themselves. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabase('template0');
}

async function createDatabase(template: string): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `${inject('databasePrefix')}_${randomBytes(5).toString('hex')}`;
  await runStatement(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => runStatement(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
