import type { Migration } from 'kysely';
import * as core from './2026-11-29T0000-core.ts';

/**
 * Every migration, by name (names sort by date). Listed statically so they load the same way under
 * tsx, Vitest and any bundler; test/migrations/index.test.ts fails when a file is missing here.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-29T0000-core': core,
};
