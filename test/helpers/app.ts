import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/build-app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestContext {
  app: FastifyInstance;
  database: TestDatabase;
}

/**
 * Builds the app on a fresh database before the file's tests and tears both down after.
 * `const ctx = useTestApp(); … ctx.app.inject(…)`.
 */
export function useTestApp(env: Record<string, string> = {}): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
    context.app = await buildApp({ config, databaseUrl: context.database.url }, { logger: false });
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}
