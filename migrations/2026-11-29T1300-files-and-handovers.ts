import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/**
 * Files uploaded to `file` answers, and hand-overs of sections (or loop iterations) to contributors.
 *
 * Files are bytea rather than large objects: they are at most a few tens of MB, live and die with their
 * report (ON DELETE CASCADE; large objects would need their own clean-up), are copied by pg_dump with the
 * rest, and are read back in slices (`substring`) so a download streams without holding the file in
 * memory. STORAGE EXTERNAL keeps them uncompressed in TOAST, which makes each slice read only its chunks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      item_key text NOT NULL,
      name text NOT NULL,
      media_type text NOT NULL,
      size integer NOT NULL CHECK (size >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`ALTER TABLE report_files ALTER COLUMN content SET STORAGE EXTERNAL`.execute(db);
  await sql`CREATE INDEX report_files_report_idx ON report_files (report_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE handovers (
      id serial PRIMARY KEY,
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      section_id text NOT NULL,
      loop_id text,
      iterations text[],
      note text,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz,
      revoked_at timestamptz,
      revoked_by integer REFERENCES users (id) ON DELETE SET NULL,
      CHECK ((loop_id IS NULL) = (iterations IS NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX handovers_report_user_idx ON handovers (report_id, user_id) WHERE revoked_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE handovers`.execute(db);
  await sql`DROP TABLE report_files`.execute(db);
}
