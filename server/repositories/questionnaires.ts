import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export function findQuestionnaire(db: Kysely<Database>, key: string) {
  return db
    .selectFrom('questionnaires')
    .select(['key', 'instrument_code'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Every questionnaire with its latest published version (null when none) and whether it has a draft. */
export function listQuestionnaires(db: Kysely<Database>, instrument?: string) {
  let query = db
    .selectFrom('questionnaires as q')
    .select((eb) => [
      'q.key',
      'q.instrument_code',
      eb
        .selectFrom('questionnaire_versions as v')
        .select((inner) => inner.fn.max('v.version').as('latest'))
        .whereRef('v.questionnaire_key', '=', 'q.key')
        .as('latest_version'),
      eb
        .exists(
          eb
            .selectFrom('questionnaire_versions as d')
            .select('d.id')
            .whereRef('d.questionnaire_key', '=', 'q.key')
            .where('d.version', 'is', null),
        )
        .as('has_draft'),
    ])
    .orderBy('q.key');
  if (instrument) query = query.where('q.instrument_code', '=', instrument);
  return query.execute();
}

/** Creates a questionnaire with `definition` as its draft. */
export async function createQuestionnaire(
  db: Kysely<Database>,
  input: { key: string; instrument: string; definition: unknown; userId: number | null },
): Promise<void> {
  await db
    .insertInto('questionnaires')
    .values({ key: input.key, instrument_code: input.instrument, created_by: input.userId })
    .execute();
  await db
    .insertInto('questionnaire_versions')
    .values({
      questionnaire_key: input.key,
      definition: JSON.stringify(input.definition),
      updated_by: input.userId,
    })
    .execute();
}

export function findDraft(db: Kysely<Database>, key: string) {
  return db
    .selectFrom('questionnaire_versions')
    .select(['id', 'definition', 'updated_at'])
    .where('questionnaire_key', '=', key)
    .where('version', 'is', null)
    .executeTakeFirst();
}

/** Replaces the draft of `key` (creating one when the last was published). */
export async function saveDraft(
  db: Kysely<Database>,
  key: string,
  definition: unknown,
  userId: number | null,
): Promise<void> {
  const json = JSON.stringify(definition);
  const updated = await db
    .updateTable('questionnaire_versions')
    .set({ definition: json, updated_by: userId, updated_at: new Date() })
    .where('questionnaire_key', '=', key)
    .where('version', 'is', null)
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  await db
    .insertInto('questionnaire_versions')
    .values({ questionnaire_key: key, definition: json, updated_by: userId })
    .execute();
}

/** Locks the questionnaire (so two publications cannot take the same number) and returns its draft. */
export async function lockDraft(db: Kysely<Database>, key: string) {
  await db.selectFrom('questionnaires').select('key').where('key', '=', key).forUpdate().execute();
  return findDraft(db, key);
}

/** Freezes draft `draftId` of `key` as the next version; returns that version. */
export async function publishDraft(
  db: Kysely<Database>,
  input: { key: string; draftId: number; contentHash: string; userId: number | null },
): Promise<number> {
  const row = await db
    .updateTable('questionnaire_versions')
    .set({
      version: sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM questionnaire_versions WHERE questionnaire_key = ${input.key})`,
      content_hash: input.contentHash,
      published_at: new Date(),
      published_by: input.userId,
    })
    .where('id', '=', input.draftId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version ?? 0;
}

/** Records which items of a published version carry which concept (creating unknown concepts bare). */
export async function recordConceptItems(
  db: Kysely<Database>,
  versionId: number,
  items: { conceptId: string; itemId: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const ids = [...new Set(items.map((item) => item.conceptId))];
  await db
    .insertInto('concepts')
    .values(ids.map((id) => ({ id })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('concept_items')
    .values(
      items.map((item) => ({
        concept_id: item.conceptId,
        questionnaire_version_id: versionId,
        item_id: item.itemId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findPublishedVersion(db: Kysely<Database>, key: string, version: number) {
  return db
    .selectFrom('questionnaire_versions as v')
    .innerJoin('questionnaires as q', 'q.key', 'v.questionnaire_key')
    .select([
      'v.id',
      'v.questionnaire_key as key',
      'v.version',
      'q.instrument_code',
      'v.content_hash',
      'v.published_at',
      'v.definition',
    ])
    .where('v.questionnaire_key', '=', key)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

export function findVersionById(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('questionnaire_versions')
    .select(['id', 'questionnaire_key as key', 'version', 'definition'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Writes concepts (label, description, tags) as the concept list gives them; with `keepExisting`,
 * concepts already registered are left as they are (an administrator may have edited them).
 */
export async function upsertConcepts(
  db: Kysely<Database>,
  concepts: {
    id: string;
    label?: Record<string, string>;
    description?: Record<string, string>;
    tags?: string[];
  }[],
  { keepExisting = false } = {},
): Promise<void> {
  if (concepts.length === 0) return;
  await db
    .insertInto('concepts')
    .values(
      concepts.map((c) => ({
        id: c.id,
        label: c.label ?? {},
        description: c.description ?? {},
        tags: c.tags ?? [],
      })),
    )
    .onConflict((oc) =>
      keepExisting
        ? oc.column('id').doNothing()
        : oc.column('id').doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            description: eb.ref('excluded.description'),
            tags: eb.ref('excluded.tags'),
          })),
    )
    .execute();
}
