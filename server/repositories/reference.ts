import type { Kysely } from 'kysely';
import type { Database, LocalizedJson } from '../db/schema.ts';

export interface InstrumentInput {
  code: string;
  name: LocalizedJson;
  parent?: string | null;
  languages?: string[];
}

export interface PartyInput {
  code: string;
  name: LocalizedJson;
  region?: string | null;
}

export function listInstruments(db: Kysely<Database>) {
  return db
    .selectFrom('instruments')
    .select(['code', 'name', 'parent_code', 'languages'])
    .orderBy('code')
    .execute();
}

export function findInstrument(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('instruments')
    .select(['code', 'name', 'parent_code', 'languages'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Creates an instrument, or updates its name, parent and languages when the code exists. */
export async function upsertInstrument(db: Kysely<Database>, input: InstrumentInput): Promise<void> {
  const values = {
    code: input.code,
    name: input.name,
    parent_code: input.parent ?? null,
    languages: input.languages ?? ['en'],
  };
  await db
    .insertInto('instruments')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet({ name: values.name, parent_code: values.parent_code, languages: values.languages }),
    )
    .execute();
}

export function listParties(db: Kysely<Database>, instrument?: string) {
  let query = db.selectFrom('parties as p').select(['p.code', 'p.name', 'p.region']).orderBy('p.code');
  if (instrument) {
    query = query
      .innerJoin('memberships as m', 'm.party_code', 'p.code')
      .where('m.instrument_code', '=', instrument);
  }
  return query.execute();
}

export function findParty(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('parties')
    .select(['code', 'name', 'region'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Creates a Party, or updates its name and region when the code exists. */
export async function upsertParty(db: Kysely<Database>, input: PartyInput): Promise<void> {
  await db
    .insertInto('parties')
    .values({ code: input.code, name: input.name, region: input.region ?? null })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, region: input.region ?? null }))
    .execute();
}

/** Records that `party` is a member of `instrument` (since a date, when known); idempotent. */
export async function setMembership(
  db: Kysely<Database>,
  instrument: string,
  party: string,
  since: string | null,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ instrument_code: instrument, party_code: party, since })
    .onConflict((oc) => oc.columns(['instrument_code', 'party_code']).doUpdateSet({ since }))
    .execute();
}
