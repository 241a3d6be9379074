import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

/**
 * Autosave's conflict check asks whether a question of a save was cleared after the client's revision;
 * a cleared answer leaves only history, so history is searched by report, question and revision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX answer_history_item_idx ON answer_history (report_id, item_id, revision)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX answer_history_item_idx`.execute(db);
}
