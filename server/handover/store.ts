import type { Kysely } from 'kysely';
import type { HandedPart as HandOverPart } from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';

export type { HandOverPart };

/** The parts of report `reportId` handed to `userId` and not revoked. */
export async function partsHandedTo(db: Kysely<Database>, reportId: number, userId: number) {
  const rows = await db
    .selectFrom('handovers')
    .select(['section_id', 'loop_id', 'iterations'])
    .where('report_id', '=', reportId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map(
    (row): HandOverPart => ({ sectionId: row.section_id, loopId: row.loop_id, iterations: row.iterations }),
  );
}

/** Whether anything of report `reportId` is handed to `userId`. */
export async function hasHandOver(db: Kysely<Database>, reportId: number, userId: number) {
  const row = await db
    .selectFrom('handovers')
    .select('id')
    .where('report_id', '=', reportId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewHandOver extends HandOverPart {
  reportId: number;
  userId: number;
  note: string | null;
  createdBy: number;
}

export async function createHandOver(db: Kysely<Database>, handOver: NewHandOver) {
  return db
    .insertInto('handovers')
    .values({
      report_id: handOver.reportId,
      user_id: handOver.userId,
      section_id: handOver.sectionId,
      loop_id: handOver.loopId,
      iterations: handOver.iterations === null ? null : [...handOver.iterations],
      note: handOver.note,
      created_by: handOver.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Every hand-over of a report that is not revoked, with the contributor and who handed it, oldest first. */
export function handOversOf(db: Kysely<Database>, reportId: number) {
  return db
    .selectFrom('handovers as h')
    .innerJoin('users as u', 'u.id', 'h.user_id')
    .leftJoin('users as by', 'by.id', 'h.created_by')
    .select([
      'h.id',
      'h.section_id',
      'h.loop_id',
      'h.iterations',
      'h.note',
      'h.created_at',
      'h.done_at',
      'u.id as user_id',
      'u.name as user_name',
      'u.email as user_email',
      'by.name as by_name',
      'by.email as by_email',
    ])
    .where('h.report_id', '=', reportId)
    .where('h.revoked_at', 'is', null)
    .orderBy('h.id')
    .execute();
}

/** Revokes hand-over `id` of report `reportId`; false when there is no such live hand-over. */
export async function revokeHandOver(db: Kysely<Database>, reportId: number, id: number, userId: number) {
  const result = await db
    .updateTable('handovers')
    .set({ revoked_at: new Date(), revoked_by: userId })
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A live hand-over of report `reportId`, or undefined. */
export function findHandOver(db: Kysely<Database>, reportId: number, id: number) {
  return db
    .selectFrom('handovers')
    .select(['id', 'user_id', 'done_at'])
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Marks hand-over `id` done (now) or not done. */
export async function markHandOverDone(db: Kysely<Database>, id: number, done: boolean) {
  const row = await db
    .updateTable('handovers')
    .set({ done_at: done ? new Date() : null })
    .where('id', '=', id)
    .returning('done_at')
    .executeTakeFirstOrThrow();
  return row.done_at;
}

/**
 * The enabled users holding the contributor role of `party` in `instrument`, by name; `invited` when the
 * person was invited and has not accepted yet (no password, an invitation link not used). Those are
 * contributors already: they can be handed parts before they accept.
 */
export function contributorsOf(db: Kysely<Database>, instrument: string, party: string) {
  return db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.email',
      'u.language',
      eb
        .and([
          eb('u.password_hash', 'is', null),
          eb.exists(
            eb
              .selectFrom('user_tokens as t')
              .select('t.id')
              .whereRef('t.user_id', '=', 'u.id')
              .where('t.kind', '=', 'invitation')
              .where('t.used_at', 'is', null),
          ),
        ])
        .$castTo<boolean>()
        .as('invited'),
    ])
    .distinct()
    .where('ra.role', '=', 'contributor')
    .where('ra.instrument_code', '=', instrument)
    .where('ra.party_code', '=', party)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .orderBy('u.email')
    .execute();
}

/** For each answer of a report, its latest change: who made it, when, and how (edit, prefill …). */
export function latestChanges(db: Kysely<Database>, reportId: number) {
  return db
    .selectFrom('answer_history as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.item_id', 'h.revision', 'h.source', 'h.created_at', 'u.id as user_id', 'u.name', 'u.email'])
    .distinctOn('h.item_id')
    .where('h.report_id', '=', reportId)
    .orderBy('h.item_id')
    .orderBy('h.revision', 'desc')
    .execute();
}
