import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface NewFile {
  reportId: number;
  itemKey: string;
  name: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
  uploadedBy: number;
}

export async function insertFile(db: Kysely<Database>, file: NewFile) {
  return db
    .insertInto('report_files')
    .values({
      report_id: file.reportId,
      item_key: file.itemKey,
      name: file.name,
      media_type: file.mediaType,
      size: file.content.length,
      sha256: file.sha256,
      content: file.content,
      uploaded_by: file.uploadedBy,
    })
    .returning(['id', 'name', 'size', 'media_type'])
    .executeTakeFirstOrThrow();
}

/** The answer id that stores an item's answer: the first part of its key (`loop.inner.file` → `loop`). */
const answerIdOf = sql<string>`split_part(f.item_key, '.', 1)`;

/** Whether the report's current answer to the file's item names the file anywhere inside it. */
const referenced = (fileId: ReturnType<typeof sql.ref>) => sql<boolean>`EXISTS (
  SELECT 1 FROM answers a
  WHERE a.report_id = f.report_id AND a.item_id = ${answerIdOf}
    AND jsonb_path_exists(a.value, '$.** ? (@.file == $id)', jsonb_build_object('id', ${fileId}::text))
)`;

/**
 * A file of report `reportId` that one of its answers refers to now; a file whose answer was removed or
 * replaced (or that was never saved in an answer) is not found, so it can never be read again.
 */
export function findReferencedFile(db: Kysely<Database>, reportId: number, fileId: string) {
  return db
    .selectFrom('report_files as f')
    .select(['f.id', 'f.name', 'f.media_type', 'f.size', 'f.sha256'])
    .where('f.report_id', '=', reportId)
    .where('f.id', '=', fileId)
    .where(referenced(sql.ref('f.id')))
    .executeTakeFirst();
}

/** `length` bytes of file `fileId` from `offset` (0-based); bytea slices read only the chunks they need. */
export async function readSlice(db: Kysely<Database>, fileId: string, offset: number, length: number) {
  const row = await db
    .selectFrom('report_files')
    .select(sql<Buffer>`substring(content from ${offset + 1} for ${length})`.as('slice'))
    .where('id', '=', fileId)
    .executeTakeFirst();
  return row?.slice;
}

/**
 * Deletes the report's files that no answer refers to and that are older than `olderThanHours`: uploads
 * never saved in an answer, and files of answers since removed or replaced (already unreadable).
 */
export async function deleteOrphanFiles(db: Kysely<Database>, reportId: number, olderThanHours: number) {
  const result = await db
    .deleteFrom('report_files as f')
    .where('f.report_id', '=', reportId)
    .where('f.created_at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .where(sql<boolean>`NOT ${referenced(sql.ref('f.id'))}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
