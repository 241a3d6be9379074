import { type Kysely, sql } from 'kysely';
import type { Database, ReportStatus } from '../db/schema.ts';

/** How many days the timeline of a cycle goes back at most. */
export const timelineDays = 730;

export interface TimelineDay {
  day: string;
  notStarted: number;
  inProgress: number;
  submitted: number;
}

/**
 * How many reports of cycle `cycleId` stood in each status at the end of each day (UTC), from the
 * opening date (or `timelineDays` before the last day) to the day it closed, or today. A report's status
 * at a moment is the one its last status event before then left it in; with no event, not started.
 */
export async function cycleTimeline(db: Kysely<Database>, cycleId: number): Promise<TimelineDay[]> {
  const { rows } = await sql<{ day: string; not_started: number; in_progress: number; submitted: number }>`
    WITH bounds AS (
      SELECT greatest(c.opens_at, last - ${timelineDays}::int) AS first, last
      FROM cycles c,
        LATERAL (SELECT greatest(c.opens_at, coalesce((c.closed_at AT TIME ZONE 'UTC')::date,
          (now() AT TIME ZONE 'UTC')::date)) AS last) l
      WHERE c.id = ${cycleId}
    ),
    days AS (
      SELECT d::date AS day FROM bounds, generate_series(bounds.first, bounds.last, interval '1 day') d
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
      count(*) FILTER (WHERE coalesce(s.status, 'not_started') = 'not_started')::int AS not_started,
      count(*) FILTER (WHERE s.status = 'in_progress')::int AS in_progress,
      count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
    FROM days
    CROSS JOIN reports r
    LEFT JOIN LATERAL (
      SELECT e.to_status AS status FROM report_events e
      WHERE e.report_id = r.id AND e.to_status IS NOT NULL
        AND e.created_at < ((days.day + 1)::timestamp AT TIME ZONE 'UTC')
      ORDER BY e.id DESC LIMIT 1
    ) s ON true
    WHERE r.cycle_id = ${cycleId}
    GROUP BY days.day
    ORDER BY days.day
  `.execute(db);
  return rows.map((row) => ({
    day: row.day,
    notStarted: row.not_started,
    inProgress: row.in_progress,
    submitted: row.submitted,
  }));
}

/** The submitted reports of a cycle whose Party asked for them to be reopened, oldest request first. */
export function pendingReopenRequests(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('report_events as e')
          .select(['e.note', 'e.user_id'])
          .whereRef('e.report_id', '=', 'r.id')
          .where('e.kind', '=', 'reopen-requested')
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('e'),
      (join) => join.onTrue(),
    )
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'r.id',
      'r.party_code',
      'p.name as party_name',
      'r.reopen_requested_at',
      'e.note',
      'u.name as user_name',
      'u.email as user_email',
    ])
    .where('r.cycle_id', '=', cycleId)
    .where('r.status', '=', 'submitted')
    .where('r.reopen_requested_at', 'is not', null)
    .orderBy('r.reopen_requested_at')
    .orderBy('r.id')
    .execute();
}

/** What the desk's actions decide on besides a report's status: its pending request, its cycle's dates. */
export function deskFactsOf(db: Kysely<Database>, reportId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .select(['r.reopen_requested_at', 'c.closes_at', 'c.closed_at'])
    .where('r.id', '=', reportId)
    .executeTakeFirstOrThrow();
}

/** Logs an event on a report that leaves its status and revision as they are (a reminder). */
export async function recordReportEvent(
  db: Kysely<Database>,
  event: {
    reportId: number;
    kind: string;
    status: ReportStatus;
    revision: number;
    userId: number;
    note: string | null;
  },
): Promise<void> {
  await db
    .insertInto('report_events')
    .values({
      report_id: event.reportId,
      kind: event.kind,
      from_status: event.status,
      to_status: event.status,
      revision: event.revision,
      user_id: event.userId,
      note: event.note,
    })
    .execute();
}

/** Whether cycle `cycleId` is closed and its reports not submitted, by id; undefined for no such cycle. */
export async function dueReportIds(
  db: Kysely<Database>,
  cycleId: number,
): Promise<{ closed: boolean; ids: number[] } | undefined> {
  const cycle = await db
    .selectFrom('cycles')
    .select('closed_at')
    .where('id', '=', cycleId)
    .executeTakeFirst();
  if (!cycle) return undefined;
  const rows = await db
    .selectFrom('reports')
    .select('id')
    .where('cycle_id', '=', cycleId)
    .where('status', '<>', 'submitted')
    .orderBy('id')
    .execute();
  return { closed: cycle.closed_at !== null, ids: rows.map((row) => row.id) };
}
