import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Every published version of a questionnaire, oldest first, with who published it. */
export function listVersions(db: Kysely<Database>, key: string) {
  return db
    .selectFrom('questionnaire_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select(['v.version', 'v.content_hash', 'v.published_at', 'u.name as published_by_name'])
    .where('v.questionnaire_key', '=', key)
    .where('v.version', 'is not', null)
    .orderBy('v.version')
    .execute();
}

/** Concepts with their tags and the questions that carry them; only those tagged `tag` when given. */
export async function listConcepts(db: Kysely<Database>, tag?: string) {
  let query = db.selectFrom('concepts').select(['id', 'label', 'description', 'tags']).orderBy('id');
  if (tag) query = query.where(sql<boolean>`tags @> ARRAY[${tag}]::text[]`);
  const concepts = await query.execute();
  if (concepts.length === 0) return [];
  const items = await db
    .selectFrom('concept_items as ci')
    .innerJoin('questionnaire_versions as v', 'v.id', 'ci.questionnaire_version_id')
    .select(['ci.concept_id', 'v.questionnaire_key', 'v.version', 'ci.item_id'])
    .where(
      'ci.concept_id',
      'in',
      concepts.map((concept) => concept.id),
    )
    .orderBy('v.questionnaire_key')
    .orderBy('v.version')
    .orderBy('ci.item_id')
    .execute();
  return concepts.map((concept) => ({
    ...concept,
    items: items.filter((item) => item.concept_id === concept.id),
  }));
}

/** Ends a Party's membership of an instrument; false when there was none. */
export async function removeMembership(db: Kysely<Database>, instrument: string, party: string) {
  const result = await db
    .deleteFrom('memberships')
    .where('instrument_code', '=', instrument)
    .where('party_code', '=', party)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The member Parties of an instrument, with their names and the date they joined. */
export function membersOf(db: Kysely<Database>, instrument: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('parties as p', 'p.code', 'm.party_code')
    .select(['p.code', 'p.name', 'p.region', 'm.since'])
    .where('m.instrument_code', '=', instrument)
    .orderBy('p.code')
    .execute();
}

/** Moves a cycle's deadline and/or closes (or reopens) it; returns the cycle's dates, or undefined. */
export function updateCycle(
  db: Kysely<Database>,
  id: number,
  change: { closesAt?: string; closed?: boolean },
) {
  return db
    .updateTable('cycles')
    .set({
      ...(change.closesAt !== undefined ? { closes_at: change.closesAt } : {}),
      ...(change.closed === true ? { closed_at: sql<Date>`coalesce(closed_at, now())` } : {}),
      ...(change.closed === false ? { closed_at: null } : {}),
    })
    .where('id', '=', id)
    .returning(['id', 'opens_at', 'closes_at', 'closed_at'])
    .executeTakeFirst();
}
