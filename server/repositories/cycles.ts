import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface NewCycle {
  instrument: string;
  questionnaireVersionId: number;
  title: string;
  opensAt: string;
  closesAt: string;
  userId: number | null;
  /** The Parties that report in this cycle (all of them members); every member when absent. */
  parties?: string[];
}

/**
 * Opens a cycle and creates one report for each Party that is a member of the instrument (of those in
 * `input.parties` when given); returns its id and how many reports it has.
 */
export async function createCycle(
  db: Kysely<Database>,
  input: NewCycle,
): Promise<{ id: number; reports: number }> {
  const { id } = await db
    .insertInto('cycles')
    .values({
      instrument_code: input.instrument,
      questionnaire_version_id: input.questionnaireVersionId,
      title: input.title,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      created_by: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reports = await db
    .insertInto('reports')
    .columns(['cycle_id', 'party_code', 'questionnaire_version_id'])
    .expression((eb) => {
      const members = eb
        .selectFrom('memberships')
        .select([
          sql.lit(id).as('cycle_id'),
          'party_code',
          sql.lit(input.questionnaireVersionId).as('questionnaire_version_id'),
        ])
        .where('instrument_code', '=', input.instrument)
        .orderBy('party_code');
      return input.parties ? members.where('party_code', 'in', input.parties) : members;
    })
    .returning('id')
    .execute();
  return { id, reports: reports.length };
}

const cycleColumns = [
  'c.id',
  'c.instrument_code',
  'c.title',
  'c.opens_at',
  'c.closes_at',
  'c.closed_at',
  'v.questionnaire_key',
  'v.version',
] as const;

export function findCycle(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
    .select(cycleColumns)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Cycles, newest first; only those of `instruments` unless it is null (every instrument). */
export function listCycles(db: Kysely<Database>, instruments: string[] | null) {
  let query = db
    .selectFrom('cycles as c')
    .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
    .select(cycleColumns)
    .select((eb) => [
      eb
        .selectFrom('reports as r')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('r.cycle_id', '=', 'c.id')
        .as('report_count'),
      eb
        .selectFrom('reports as r')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('r.cycle_id', '=', 'c.id')
        .where('r.status', '=', 'submitted')
        .as('submitted_count'),
    ])
    .orderBy('c.id', 'desc');
  if (instruments) {
    if (instruments.length === 0) return Promise.resolve([]);
    query = query.where('c.instrument_code', 'in', instruments);
  }
  return query.execute();
}

/** Every report of a cycle with its Party, status, progress and last change, by Party code. */
export function cycleReports(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .select([
      'r.id',
      'r.party_code',
      'p.name as party_name',
      'r.status',
      'r.revision',
      'r.progress',
      'r.issue_count',
      'r.last_changed_at',
      'r.submitted_at',
      'r.reopen_requested_at',
      'r.published_at',
    ])
    .where('r.cycle_id', '=', cycleId)
    .orderBy('r.party_code')
    .execute();
}

/** Whether the cycle of report `reportId` is closed. */
export async function isReportCycleClosed(db: Kysely<Database>, reportId: number): Promise<boolean> {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .select('c.closed_at')
    .where('r.id', '=', reportId)
    .executeTakeFirst();
  return row?.closed_at != null;
}
