import type { Migration } from 'kysely';
import * as core from './2026-11-29T0000-core.ts';
import * as userTokens from './2026-11-29T0445-user-tokens.ts';
import * as answerHistoryByItem from './2026-11-29T0503-answer-history-by-item.ts';
import * as filesAndHandovers from './2026-11-29T1300-files-and-handovers.ts';
import * as reportProgressDays from './2026-11-29T1500-report-progress-days.ts';

/**
 * Every migration, by name (names sort by date). Listed statically so they load the same way under
 * tsx, Vitest and any bundler; test/migrations/index.test.ts fails when a file is missing here.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-29T0000-core': core,
  '2026-11-29T0445-user-tokens': userTokens,
  '2026-11-29T0503-answer-history-by-item': answerHistoryByItem,
  '2026-11-29T1300-files-and-handovers': filesAndHandovers,
  '2026-11-29T1500-report-progress-days': reportProgressDays,
};
