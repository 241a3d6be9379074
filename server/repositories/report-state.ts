import { type Kysely, sql } from 'kysely';
import type { AnswerSource, Database, ReportStatus, StoredProgress } from '../db/schema.ts';
import type { AnswerChange } from './reports.ts';

/** What a save needs to know of a report, read in one statement (so at one instant). */
export interface StoredReportState {
  revision: number;
  status: ReportStatus;
  versionId: number;
  party: string;
  answers: Record<string, unknown>;
  /** For every question ever answered, the revision at which it last changed (set or removed). */
  revisions: Map<string, number>;
}

/** A report's status, answers and the revision each question last changed at; undefined when unknown. */
export async function loadReportState(
  db: Kysely<Database>,
  reportId: number,
): Promise<StoredReportState | undefined> {
  const { rows } = await sql<{
    revision: number;
    status: ReportStatus;
    questionnaire_version_id: number;
    party_code: string;
    answers: Record<string, [unknown, number]>;
    removed: Record<string, number>;
  }>`
    SELECT r.revision, r.status, r.questionnaire_version_id, r.party_code,
      coalesce((SELECT jsonb_object_agg(a.item_id, jsonb_build_array(a.value, a.revision))
        FROM answers a WHERE a.report_id = r.id), '{}'::jsonb) AS answers,
      coalesce((SELECT jsonb_object_agg(h.item_id, h.revision)
        FROM (SELECT item_id, max(revision) AS revision FROM answer_history
              WHERE report_id = r.id AND new_value IS NULL GROUP BY item_id) h), '{}'::jsonb) AS removed
    FROM reports r WHERE r.id = ${reportId}
  `.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const answers: Record<string, unknown> = {};
  const revisions = new Map<string, number>(Object.entries(row.removed));
  for (const [id, [value, revision]] of Object.entries(row.answers)) {
    answers[id] = value;
    revisions.set(id, Math.max(revision, revisions.get(id) ?? 0));
  }
  return {
    revision: row.revision,
    status: row.status,
    versionId: row.questionnaire_version_id,
    party: row.party_code,
    answers,
    revisions,
  };
}

/** One save of a batch: its answers changes, written at `revision`. */
export interface BatchEntry {
  revision: number;
  userId: number | null;
  changes: AnswerChange[];
  saveId?: string;
}

export interface GuardedBatch {
  reportId: number;
  /** The revision the batch was computed on: nothing is written unless the report is still at it. */
  expectedRevision: number;
  source: AnswerSource;
  /** Consecutive saves, at revisions expectedRevision + 1, + 2, … */
  entries: BatchEntry[];
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  /** Progress and issue count after the last entry. */
  progress: StoredProgress;
  issueCount: number;
}

/**
 * Writes consecutive saves of one report in one statement, and only if the report is still at
 * `expectedRevision`, not submitted, in a cycle not closed, and has recorded none of their save ids:
 * each changed answer (the last value of each question), every change in the history at its own
 * revision, the save ids, the report's new revision, status and progress, and the status event. The row lock is held for this one
 * statement. Returns whether it was written (false: the caller's view of the report is out of date).
 */
export async function writeChangesIfAt(db: Kysely<Database>, batch: GuardedBatch): Promise<boolean> {
  const first = batch.entries[0];
  const last = batch.entries.at(-1);
  if (!first || !last) return true;
  const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const rows = batch.entries.flatMap((entry) =>
    entry.changes.map((c) => ({
      id: c.id,
      old: toJson(c.oldValue),
      new: toJson(c.newValue),
      revision: entry.revision,
      user_id: entry.userId,
    })),
  );
  const saves = batch.entries.flatMap((entry) =>
    entry.saveId ? [{ save_id: entry.saveId, revision: entry.revision }] : [],
  );
  const event =
    batch.fromStatus === batch.toStatus
      ? sql``
      : sql`, event AS (
          INSERT INTO report_events (report_id, kind, from_status, to_status, revision, user_id)
          SELECT id, 'started', ${batch.fromStatus}, ${batch.toStatus}, ${first.revision}, ${first.userId}
          FROM report RETURNING 1
        )`;
  const { rows: result } = await sql<{ applied: number }>`
    WITH report AS (
      UPDATE reports SET revision = ${last.revision}, status = ${batch.toStatus},
        progress = ${JSON.stringify(batch.progress)}::jsonb, issue_count = ${batch.issueCount},
        last_changed_at = now(), last_changed_by = ${last.userId}
      WHERE id = ${batch.reportId} AND revision = ${batch.expectedRevision} AND status <> 'submitted'
        AND NOT EXISTS (SELECT 1 FROM cycles c WHERE c.id = reports.cycle_id AND c.closed_at IS NOT NULL)
        AND NOT EXISTS (
          SELECT 1 FROM report_saves s, jsonb_to_recordset(${JSON.stringify(saves)}::jsonb) AS n(save_id uuid)
          WHERE s.report_id = ${batch.reportId} AND s.save_id = n.save_id)
      RETURNING id
    ),
    changes AS (
      SELECT t.id, t.old::jsonb AS old, t.new::jsonb AS new, t.revision, t.user_id
      FROM report, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS t(id text, old text, new text, revision integer, user_id integer)
    ),
    latest AS (
      SELECT DISTINCT ON (id) id, new, revision, user_id FROM changes ORDER BY id, revision DESC
    ),
    upserted AS (
      INSERT INTO answers (report_id, item_id, value, revision, updated_at, updated_by)
      SELECT ${batch.reportId}, id, new, revision, now(), user_id FROM latest WHERE new IS NOT NULL
      ON CONFLICT (report_id, item_id) DO UPDATE
        SET value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by
      RETURNING 1
    ),
    removed AS (
      DELETE FROM answers WHERE report_id = ${batch.reportId}
        AND item_id IN (SELECT id FROM latest WHERE new IS NULL)
      RETURNING 1
    ),
    history AS (
      INSERT INTO answer_history (report_id, revision, item_id, old_value, new_value, source, user_id)
      SELECT ${batch.reportId}, revision, id, old, new, ${batch.source}, user_id FROM changes
      ORDER BY revision
      RETURNING 1
    ),
    saved AS (
      INSERT INTO report_saves (report_id, save_id, revision)
      SELECT report.id, n.save_id, n.revision
      FROM report, jsonb_to_recordset(${JSON.stringify(saves)}::jsonb) AS n(save_id uuid, revision integer)
      RETURNING 1
    )${event}
    SELECT count(*)::int AS applied FROM report
  `.execute(db);
  return (result[0]?.applied ?? 0) > 0;
}
