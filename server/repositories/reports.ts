import { type Kysely, sql } from 'kysely';
import type { RoleGrant } from '../auth/roles.ts';
import type { AnswerSource, Database, ReportStatus, StoredProgress } from '../db/schema.ts';

/** What the access rules of a report route need: its instrument, Party and status. */
export function findReportScope(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .select(['r.id', 'c.instrument_code', 'r.party_code', 'r.status'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function findReportIdByCycleParty(db: Kysely<Database>, cycleId: number, party: string) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .select(['r.id', 'c.instrument_code', 'r.party_code', 'r.status'])
    .where('r.cycle_id', '=', cycleId)
    .where('r.party_code', '=', party)
    .executeTakeFirst();
}

/** A report with its cycle, Party and questionnaire version, as GET /api/reports/:id shows it. */
export function findReportHeader(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.questionnaire_version_id')
    .select([
      'r.id',
      'r.party_code',
      'p.name as party_name',
      'c.instrument_code',
      'c.id as cycle_id',
      'c.title as cycle_title',
      'c.closes_at',
      'v.questionnaire_key',
      'v.version',
      'r.questionnaire_version_id',
      'r.status',
      'r.revision',
      'r.last_changed_at',
      'r.submitted_at',
      'r.reopen_requested_at',
      'r.published_at',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Locks a report for a change (saves and workflow steps of one report run one at a time). */
export function lockReport(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .select([
      'r.id',
      'r.status',
      'r.revision',
      'r.party_code',
      'r.questionnaire_version_id',
      'c.instrument_code',
    ])
    .where('r.id', '=', id)
    .forUpdate('r')
    .executeTakeFirst();
}

/** Every stored answer of a report, by answer id. */
export async function answersOf(db: Kysely<Database>, reportId: number): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('answers')
    .select(['item_id', 'value'])
    .where('report_id', '=', reportId)
    .execute();
  const answers: Record<string, unknown> = {};
  for (const row of rows) answers[row.item_id] = row.value;
  return answers;
}

/** A question of a save that changed after the save's base revision: its current value (null when cleared). */
export interface ConflictRow {
  item_id: string;
  value: unknown;
  revision: number;
  at: Date;
  user_id: number | null;
  name: string | null;
  email: string | null;
}

/**
 * The answers among `ids` changed after `revision`: stored ones with a later revision, and cleared ones
 * (a cleared answer leaves no row, only history). Empty `ids` give nothing.
 */
function conflictsSql(reportId: number, ids: string[], revision: number) {
  return sql`
    SELECT c.item_id, c.value, c.revision, c.at, u.id AS user_id, u.name, u.email FROM (
      SELECT a.item_id, a.value, a.revision, a.updated_at AS at, a.updated_by AS by
      FROM answers a
      WHERE a.report_id = ${reportId} AND a.item_id = ANY(${ids}::text[]) AND a.revision > ${revision}
      UNION ALL
      SELECT * FROM (
        SELECT DISTINCT ON (h.item_id) h.item_id, NULL::jsonb, h.revision, h.created_at, h.user_id
        FROM answer_history h
        WHERE h.report_id = ${reportId} AND h.item_id = ANY(${ids}::text[]) AND h.revision > ${revision}
          AND h.new_value IS NULL
          AND NOT EXISTS (SELECT 1 FROM answers a2 WHERE a2.report_id = h.report_id AND a2.item_id = h.item_id)
        ORDER BY h.item_id, h.revision DESC
      ) cleared
    ) c LEFT JOIN users u ON u.id = c.by
  `;
}

/** The questions among `ids` that changed after `revision` (see conflictsSql). */
export async function findConflicts(
  db: Kysely<Database>,
  reportId: number,
  ids: string[],
  revision: number,
): Promise<ConflictRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ConflictRow>`${conflictsSql(reportId, ids, revision)}`.execute(db);
  return rows;
}

/** One answer that changes: `newValue` undefined removes it. */
export interface AnswerChange {
  id: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ReportChange {
  reportId: number;
  revision: number;
  userId: number | null;
  source: AnswerSource;
  changes: AnswerChange[];
  /** Questions to check for changes after `baseRevision` first: any such change writes nothing. */
  checkIds: string[];
  baseRevision: number;
  fromStatus: ReportStatus;
  status: ReportStatus;
  progress: StoredProgress;
  issueCount: number;
  saveId?: string;
}

/**
 * Writes a save in one statement, under the report's lock: unless a question of `checkIds` changed
 * after `baseRevision` (those conflicts are returned and nothing is written), the changed answers (with
 * `revision`), their history, the report's new revision, status and progress, and the save id. Every
 * writer of answers goes through here, so a report's revision changes whenever any of its answers does
 * (the answer cache relies on it).
 */
export async function writeReportChange(db: Kysely<Database>, change: ReportChange): Promise<ConflictRow[]> {
  const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const rows = change.changes.map((c) => ({ id: c.id, old: toJson(c.oldValue), new: toJson(c.newValue) }));
  const { rows: conflicts } = await sql<ConflictRow>`
    WITH conflicts AS (${conflictsSql(change.reportId, change.checkIds, change.baseRevision)}),
    clear AS (SELECT NOT EXISTS (SELECT 1 FROM conflicts) AS ok),
    changes AS (
      SELECT id, old::jsonb AS old, new::jsonb AS new
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(id text, old text, new text)
      WHERE (SELECT ok FROM clear)
    ),
    upserted AS (
      INSERT INTO answers (report_id, item_id, value, revision, updated_at, updated_by)
      SELECT ${change.reportId}, id, new, ${change.revision}, now(), ${change.userId}
      FROM changes WHERE new IS NOT NULL
      ON CONFLICT (report_id, item_id) DO UPDATE
        SET value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by
      RETURNING 1
    ),
    removed AS (
      DELETE FROM answers WHERE report_id = ${change.reportId}
        AND item_id IN (SELECT id FROM changes WHERE new IS NULL)
      RETURNING 1
    ),
    history AS (
      INSERT INTO answer_history (report_id, revision, item_id, old_value, new_value, source, user_id)
      SELECT ${change.reportId}, ${change.revision}, id, old, new, ${change.source}, ${change.userId} FROM changes
      RETURNING 1
    ),
    saved AS (
      INSERT INTO report_saves (report_id, save_id, revision)
      SELECT ${change.reportId}, ${change.saveId ?? null}::uuid, ${change.revision}
      WHERE ${change.saveId ?? null}::uuid IS NOT NULL AND (SELECT ok FROM clear)
      RETURNING 1
    ),
    started AS (
      INSERT INTO report_events (report_id, kind, from_status, to_status, revision, user_id)
      SELECT ${change.reportId}, 'started', ${change.fromStatus}, ${change.status}, ${change.revision}, ${change.userId}
      WHERE ${change.fromStatus} <> ${change.status} AND (SELECT ok FROM clear)
      RETURNING 1
    ),
    updated AS (
      UPDATE reports SET revision = ${change.revision}, status = ${change.status},
        progress = ${JSON.stringify(change.progress)}::jsonb, issue_count = ${change.issueCount},
        last_changed_at = now(), last_changed_by = ${change.userId}
      WHERE id = ${change.reportId} AND (SELECT ok FROM clear)
      RETURNING 1
    )
    SELECT * FROM conflicts
  `.execute(db);
  return conflicts;
}

/** Records a save that changed nothing, so that its retry returns the same revision. */
export async function recordSave(db: Kysely<Database>, reportId: number, saveId: string, revision: number) {
  await db
    .insertInto('report_saves')
    .values({ report_id: reportId, save_id: saveId, revision })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface StatusChange {
  reportId: number;
  kind: string;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  revision: number;
  userId: number | null;
  note?: string | null;
  /** Columns of the report to set besides status and revision. */
  set?: {
    submitted_at?: Date | null;
    submitted_by?: number | null;
    reopen_requested_at?: Date | null;
    published_at?: Date | null;
  };
}

/** Moves a report to another status (or records a request on it) and logs the event. */
export async function changeStatus(db: Kysely<Database>, change: StatusChange): Promise<void> {
  await db
    .updateTable('reports')
    .set({ status: change.toStatus, revision: change.revision, ...change.set })
    .where('id', '=', change.reportId)
    .execute();
  await db
    .insertInto('report_events')
    .values({
      report_id: change.reportId,
      kind: change.kind,
      from_status: change.fromStatus,
      to_status: change.toStatus,
      revision: change.revision,
      user_id: change.userId,
      note: change.note ?? null,
    })
    .execute();
}

/** Keeps the submitted answers for good; returns the snapshot id. */
export async function createSnapshot(
  db: Kysely<Database>,
  input: {
    reportId: number;
    revision: number;
    questionnaireVersionId: number;
    answers: Record<string, unknown>;
    calculated: Record<string, unknown>;
    userId: number | null;
    onBehalf: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('report_snapshots')
    .values({
      report_id: input.reportId,
      revision: input.revision,
      questionnaire_version_id: input.questionnaireVersionId,
      answers: JSON.stringify(input.answers),
      calculated: JSON.stringify(input.calculated),
      submitted_by: input.userId,
      on_behalf: input.onBehalf,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every answer change and workflow event of a report, oldest first. */
export async function reportHistory(db: Kysely<Database>, reportId: number) {
  const [changes, events] = await Promise.all([
    db
      .selectFrom('answer_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .select([
        'h.revision',
        'h.item_id',
        'h.old_value',
        'h.new_value',
        'h.source',
        'h.created_at',
        'u.id as user_id',
        'u.name',
        'u.email',
      ])
      .where('h.report_id', '=', reportId)
      .orderBy('h.id')
      .execute(),
    db
      .selectFrom('report_events as e')
      .leftJoin('users as u', 'u.id', 'e.user_id')
      .select([
        'e.kind',
        'e.from_status',
        'e.to_status',
        'e.note',
        'e.created_at',
        'u.id as user_id',
        'u.name',
        'u.email',
      ])
      .where('e.report_id', '=', reportId)
      .orderBy('e.id')
      .execute(),
  ]);
  return { changes, events };
}

/** Every report that someone with `grants` may read (as the policy's `report.read` decides). */
export function reportsReadableBy(db: Kysely<Database>, grants: RoleGrant[]) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.questionnaire_version_id')
    .select([
      'r.id',
      'c.instrument_code',
      'r.party_code',
      'p.name as party_name',
      'c.id as cycle_id',
      'c.title as cycle_title',
      'c.opens_at',
      'c.closes_at',
      'v.questionnaire_key',
      'v.version',
      'r.status',
      'r.progress',
      'r.issue_count',
      'r.revision',
      'r.last_changed_at',
    ])
    .where((eb) => {
      const conditions = grants.flatMap((grant) => {
        switch (grant.role) {
          case 'secretariat':
            return [eb('c.instrument_code', '=', grant.instrument)];
          case 'focal_point':
          case 'contributor':
            return [
              eb.and([eb('c.instrument_code', '=', grant.instrument), eb('r.party_code', '=', grant.party)]),
            ];
          case 'analyst':
            return [eb('r.status', '=', 'submitted')];
          default:
            return [];
        }
      });
      return conditions.length ? eb.or(conditions) : eb.lit(false);
    })
    .orderBy('c.closes_at')
    .orderBy('c.instrument_code')
    .orderBy('r.party_code')
    .execute();
}

/** Sets the stored progress and issue count of several reports at once (e.g. of a new cycle's empty reports). */
export async function setProgress(
  db: Kysely<Database>,
  rows: { id: number; progress: StoredProgress; issueCount: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE reports r SET progress = t.progress, issue_count = t.issue_count
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((row) => ({ id: row.id, progress: row.progress, issue_count: row.issueCount })))}::jsonb)
      AS t(id integer, progress jsonb, issue_count integer)
    WHERE r.id = t.id
  `.execute(db);
}

/**
 * The reports of a cycle with their answers, by Party code: every report, or only submitted ones.
 * Answers are aggregated in the database, one row per report.
 */
export function cycleAnswers(db: Kysely<Database>, cycleId: number, onlySubmitted: boolean) {
  let query = db
    .selectFrom('reports as r')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .select([
      'r.id',
      'r.party_code',
      'p.name as party_name',
      'r.status',
      'r.revision',
      'r.submitted_at',
      'r.questionnaire_version_id',
      sql<
        Record<string, unknown>
      >`coalesce((SELECT jsonb_object_agg(a.item_id, a.value) FROM answers a WHERE a.report_id = r.id), '{}'::jsonb)`.as(
        'answers',
      ),
    ])
    .where('r.cycle_id', '=', cycleId)
    .orderBy('r.party_code');
  if (onlySubmitted) query = query.where('r.status', '=', 'submitted');
  return query.execute();
}

/**
 * The one rule of what the public may read: a report that is submitted and that the secretariat
 * published (reopening or withdrawing takes it off), with its cycle and Party.
 */
function publicReports(db: Kysely<Database>) {
  return db
    .selectFrom('reports as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .where('r.published_at', 'is not', null)
    .where('r.status', '=', 'submitted');
}

/**
 * Published reports, newest first, optionally of one instrument, cycle or Party. Published means
 * submitted and published: a report reopened or withdrawn is never listed.
 */
export function publishedReports(
  db: Kysely<Database>,
  filter: { instrument?: string; cycle?: number; party?: string } = {},
) {
  let query = publicReports(db)
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.questionnaire_version_id')
    .select([
      'r.id',
      'c.instrument_code',
      'r.party_code',
      'p.name as party_name',
      'c.id as cycle_id',
      'c.title as cycle_title',
      'v.questionnaire_key',
      'v.version',
      sql<string[]>`v.definition -> 'languages'`.as('languages'),
      'r.submitted_at',
      'r.published_at',
    ])
    .orderBy('r.published_at', 'desc')
    .orderBy('r.id');
  if (filter.instrument) query = query.where('c.instrument_code', '=', filter.instrument);
  if (filter.cycle !== undefined) query = query.where('c.id', '=', filter.cycle);
  if (filter.party) query = query.where('r.party_code', '=', filter.party);
  return query.execute();
}

/** A published report with its last submission's snapshot (what the public reads), or undefined. */
export function findPublishedReport(db: Kysely<Database>, id: number) {
  return publicReports(db)
    .innerJoin('report_snapshots as s', 's.report_id', 'r.id')
    .innerJoin('questionnaire_versions as v', 'v.id', 's.questionnaire_version_id')
    .select([
      'r.id',
      'c.instrument_code',
      'r.party_code',
      'p.name as party_name',
      'c.id as cycle_id',
      'c.title as cycle_title',
      'v.questionnaire_key',
      'v.version',
      sql<string[]>`v.definition -> 'languages'`.as('languages'),
      's.revision',
      's.questionnaire_version_id',
      's.answers',
      's.calculated',
      's.created_at as submitted_at',
      'r.published_at',
    ])
    .where('r.id', '=', id)
    .orderBy('s.revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The last submission of each other report of a Party (newest first), with the concepts of its
 * questionnaire version's items: where prefill comes from.
 */
export async function prefillSources(db: Kysely<Database>, reportId: number, party: string) {
  const { rows } = await sql<{
    report_id: number;
    instrument_code: string;
    cycle_id: number;
    cycle_title: string;
    questionnaire_key: string;
    version: number;
    submitted_at: Date;
    answers: Record<string, unknown>;
    concepts: Record<string, string> | null;
  }>`
    SELECT DISTINCT ON (r.id) r.id AS report_id, c.instrument_code, c.id AS cycle_id, c.title AS cycle_title,
      v.questionnaire_key, v.version, s.created_at AS submitted_at, s.answers,
      (SELECT jsonb_object_agg(ci.item_id, ci.concept_id) FROM concept_items ci
        WHERE ci.questionnaire_version_id = s.questionnaire_version_id) AS concepts
    FROM reports r
    JOIN cycles c ON c.id = r.cycle_id
    JOIN report_snapshots s ON s.report_id = r.id
    JOIN questionnaire_versions v ON v.id = s.questionnaire_version_id
    WHERE r.party_code = ${party} AND r.id <> ${reportId}
    ORDER BY r.id, s.revision DESC
  `.execute(db);
  return rows.sort((a, b) => b.submitted_at.getTime() - a.submitted_at.getTime());
}
