import { type Kysely, sql } from 'kysely';
import type { Database, ReportStatus } from '../db/schema.ts';

/** How many days the timeline of a cycle goes back at most. */
export const timelineDays = 730;

export interface TimelineDay {
  day: string;
  notStarted: number;
  inProgress: number;
  submitted: number;
  /** The average completion percent of the cycle's reports, to one decimal. */
  averagePercent: number;
  /** How many reports stood at 100%. */
  complete: number;
}

/**
 * How many reports of cycle `cycleId` stood in each status at the end of each day (UTC), from the
 * opening date (or `timelineDays` before the last day) to the day it closed, or today. A report's status
 * at a moment is the one its last status event before then left it in; with no event, not started.
 * A report's progress on a day is the last one recorded in `report_progress_days` on or before that
 * day; before its first record (e.g. a cycle opened with a past date), its first (opening) progress.
 */
export async function cycleTimeline(db: Kysely<Database>, cycleId: number): Promise<TimelineDay[]> {
  // Each report's statuses as spans of days (the last status event of a day holds from that day until
  // the day of the next one), summed day by day: one pass over the events, however long the cycle.
  const { rows } = await sql<{
    day: string;
    total: number;
    in_progress: number;
    submitted: number;
    average_percent: number;
    complete: number;
  }>`
    WITH bounds AS (
      SELECT greatest(c.opens_at, last - ${timelineDays}::int) AS first, last
      FROM cycles c,
        LATERAL (SELECT greatest(c.opens_at, coalesce((c.closed_at AT TIME ZONE 'UTC')::date,
          (now() AT TIME ZONE 'UTC')::date)) AS last) l
      WHERE c.id = ${cycleId}
    ),
    days AS (
      SELECT d::date AS day FROM bounds, generate_series(bounds.first, bounds.last, interval '1 day') d
    ),
    last_of_day AS (
      SELECT DISTINCT ON (e.report_id, (e.created_at AT TIME ZONE 'UTC')::date)
        e.report_id, (e.created_at AT TIME ZONE 'UTC')::date AS day, e.to_status
      FROM reports r JOIN report_events e ON e.report_id = r.id
      WHERE r.cycle_id = ${cycleId} AND e.to_status IS NOT NULL
      ORDER BY e.report_id, (e.created_at AT TIME ZONE 'UTC')::date, e.id DESC
    ),
    spans AS (
      SELECT to_status, day AS from_day, lead(day) OVER (PARTITION BY report_id ORDER BY day) AS to_day
      FROM last_of_day
    ),
    -- A span adds one to its status on its first day and takes it away on the day it ends; what happened
    -- before the first day shown counts on that day.
    deltas AS (
      SELECT greatest(from_day, (SELECT first FROM bounds)) AS day, to_status, 1 AS change FROM spans
      UNION ALL
      SELECT greatest(to_day, (SELECT first FROM bounds)), to_status, -1 FROM spans WHERE to_day IS NOT NULL
    ),
    per_day AS (
      SELECT day,
        coalesce(sum(change) FILTER (WHERE to_status = 'in_progress'), 0) AS in_progress,
        coalesce(sum(change) FILTER (WHERE to_status = 'submitted'), 0) AS submitted
      FROM deltas GROUP BY day
    ),
    -- Progress the same way: each record adds its difference from the report's previous one, on its
    -- day; a report's first record counts from the first day shown.
    progress_changes AS (
      SELECT
        CASE WHEN lag(p.day) OVER w IS NULL THEN (SELECT first FROM bounds)
          ELSE greatest(p.day, (SELECT first FROM bounds)) END AS day,
        p.percent - coalesce(lag(p.percent) OVER w, 0) AS percent_change,
        (p.percent = 100)::int - coalesce((lag(p.percent) OVER w = 100)::int, 0) AS complete_change
      FROM reports r JOIN report_progress_days p ON p.report_id = r.id
      WHERE r.cycle_id = ${cycleId}
      WINDOW w AS (PARTITION BY p.report_id ORDER BY p.day)
    ),
    progress_per_day AS (
      SELECT day, sum(percent_change) AS percent, sum(complete_change) AS complete
      FROM progress_changes GROUP BY day
    ),
    totals AS (SELECT count(*)::int AS total FROM reports WHERE cycle_id = ${cycleId})
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, totals.total,
      (sum(coalesce(p.in_progress, 0)) OVER (ORDER BY days.day))::int AS in_progress,
      (sum(coalesce(p.submitted, 0)) OVER (ORDER BY days.day))::int AS submitted,
      coalesce(round((sum(coalesce(g.percent, 0)) OVER (ORDER BY days.day)) / nullif(totals.total, 0), 1), 0)::float8
        AS average_percent,
      (sum(coalesce(g.complete, 0)) OVER (ORDER BY days.day))::int AS complete
    FROM days
    CROSS JOIN totals
    LEFT JOIN per_day p ON p.day = days.day
    LEFT JOIN progress_per_day g ON g.day = days.day
    ORDER BY days.day
  `.execute(db);
  return rows.map((row) => ({
    day: row.day,
    notStarted: row.total - row.in_progress - row.submitted,
    inProgress: row.in_progress,
    submitted: row.submitted,
    averagePercent: row.average_percent,
    complete: row.complete,
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
