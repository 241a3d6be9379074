import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/**
 * Each report's progress at the end of each day (UTC) it changed, for the desk's chart of a cycle's
 * progress over time. A trigger on `reports` keeps it, so every path that writes `reports.progress` (the
 * batched autosave, the locked save, the opening of a cycle, any later one) records the day in the same
 * transaction, with one upsert, and only when the progress really changed. Existing reports get one
 * day: the day of their last change (or creation) with their current progress.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_progress_days (
      report_id integer NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      day date NOT NULL,
      percent smallint NOT NULL,
      answered integer NOT NULL,
      required integer NOT NULL,
      PRIMARY KEY (report_id, day)
    )
  `.execute(db);
  await sql`
    CREATE FUNCTION record_report_progress() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_progress_days (report_id, day, percent, answered, required)
      VALUES (NEW.id, (now() AT TIME ZONE 'UTC')::date, (NEW.progress->>'percent')::smallint,
        (NEW.progress->>'answered')::integer, (NEW.progress->>'required')::integer)
      ON CONFLICT (report_id, day) DO UPDATE
        SET percent = EXCLUDED.percent, answered = EXCLUDED.answered, required = EXCLUDED.required;
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`
    CREATE TRIGGER report_progress_created AFTER INSERT ON reports
      FOR EACH ROW EXECUTE FUNCTION record_report_progress()
  `.execute(db);
  await sql`
    CREATE TRIGGER report_progress_changed AFTER UPDATE OF progress ON reports
      FOR EACH ROW WHEN (OLD.progress IS DISTINCT FROM NEW.progress) EXECUTE FUNCTION record_report_progress()
  `.execute(db);
  await sql`
    INSERT INTO report_progress_days (report_id, day, percent, answered, required)
    SELECT id, (coalesce(last_changed_at, created_at) AT TIME ZONE 'UTC')::date,
      (progress->>'percent')::smallint, (progress->>'answered')::integer, (progress->>'required')::integer
    FROM reports
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER report_progress_changed ON reports`.execute(db);
  await sql`DROP TRIGGER report_progress_created ON reports`.execute(db);
  await sql`DROP FUNCTION record_report_progress()`.execute(db);
  await sql`DROP TABLE report_progress_days`.execute(db);
}
