import { type Kysely, sql } from 'kysely';
import type { Database, LocalizedJson } from '../db/schema.ts';

/** Which Parties an analysis covers: all, those of a region, those whose attributes hold given values. */
export interface PartyFilter {
  region?: string;
  /** Attribute name → wanted value (compared as text). */
  attributes?: Record<string, string>;
}

/** The last submission of one submitted report, with the value one question holds in it. */
export interface SnapshotValue {
  report_id: number;
  cycle_id: number;
  party_code: string;
  party_name: LocalizedJson;
  region: string | null;
  snapshot_id: number;
  questionnaire_version_id: number;
  submitted_on: string;
  value: unknown;
}

function partyConditions(filter: PartyFilter) {
  const conditions = [sql`true`];
  if (filter.region !== undefined) conditions.push(sql`p.region = ${filter.region}`);
  for (const [name, value] of Object.entries(filter.attributes ?? {})) {
    conditions.push(sql`p.attributes ->> ${name} = ${value}`);
  }
  return sql.join(conditions, sql` AND `);
}

/**
 * For every submitted report of the cycles, its last snapshot and the answer it holds for the answer id
 * that `answerIdOf` names for the snapshot's questionnaire version (versions may differ within a cycle).
 * Only the one answer leaves the database, taken out of the snapshot's jsonb.
 */
export async function snapshotValues(
  db: Kysely<Database>,
  cycleIds: number[],
  answerIdByVersion: Map<number, string>,
  filter: PartyFilter = {},
): Promise<SnapshotValue[]> {
  if (cycleIds.length === 0 || answerIdByVersion.size === 0) return [];
  const pairs = JSON.stringify([...answerIdByVersion].map(([version, id]) => ({ version, id })));
  const { rows } = await sql<SnapshotValue>`
    SELECT last.report_id, last.cycle_id, last.party_code, last.party_name, last.region, last.snapshot_id,
      last.questionnaire_version_id, last.submitted_on,
      coalesce(s.answers -> q.id, s.calculated -> q.id) AS value
    FROM (
      SELECT DISTINCT ON (r.id) r.id AS report_id, r.cycle_id, r.party_code, p.name AS party_name, p.region,
        s.id AS snapshot_id, s.questionnaire_version_id, to_char(s.created_at, 'YYYY-MM-DD') AS submitted_on
      FROM reports r
      JOIN parties p ON p.code = r.party_code
      JOIN report_snapshots s ON s.report_id = r.id
      WHERE r.cycle_id = ANY(${cycleIds}::int[]) AND r.status = 'submitted' AND ${partyConditions(filter)}
      ORDER BY r.id, s.revision DESC
    ) last
    JOIN report_snapshots s ON s.id = last.snapshot_id
    JOIN jsonb_to_recordset(${pairs}::jsonb) AS q(version integer, id text)
      ON q.version = last.questionnaire_version_id
    ORDER BY last.party_code, last.cycle_id
  `.execute(db);
  return rows;
}

/** The last snapshot of every submitted report of a cycle. */
export async function latestSnapshotIds(db: Kysely<Database>, cycleId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT DISTINCT ON (r.id) s.id FROM reports r JOIN report_snapshots s ON s.report_id = r.id
    WHERE r.cycle_id = ${cycleId} AND r.status = 'submitted'
    ORDER BY r.id, s.revision DESC
  `.execute(db);
  return rows.map((row) => row.id);
}

/** The whole answers of the given snapshots (to let the engine decide what was relevant in each). */
export async function snapshotAnswers(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('report_snapshots as s')
    .innerJoin('reports as r', 'r.id', 's.report_id')
    .select([
      's.id',
      's.answers',
      's.questionnaire_version_id',
      'r.party_code',
      sql<string>`to_char(s.created_at, 'YYYY-MM-DD')`.as('submitted_on'),
    ])
    .where('s.id', 'in', ids)
    .execute();
}

/** Cycles with their instrument, questionnaire version and number of submitted reports. */
function analysedCycles(db: Kysely<Database>) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
    .select([
      'c.id',
      'c.title',
      'c.instrument_code',
      'c.opens_at',
      'c.closes_at',
      'c.questionnaire_version_id',
      'v.questionnaire_key',
      'v.version',
      sql<number>`(SELECT count(*)::int FROM reports r WHERE r.cycle_id = c.id AND r.status = 'submitted')`.as(
        'submitted',
      ),
    ]);
}

/** A cycle, or undefined. */
export function findAnalysedCycle(db: Kysely<Database>, id: number) {
  return analysedCycles(db).where('c.id', '=', id).executeTakeFirst();
}

/** Every cycle, oldest first, optionally of one instrument. */
export function listAnalysedCycles(db: Kysely<Database>, instrument?: string) {
  let query = analysedCycles(db).orderBy('c.opens_at').orderBy('c.id');
  if (instrument) query = query.where('c.instrument_code', '=', instrument);
  return query.execute();
}

/** The regions and attribute values of the Parties with a submitted report in the cycles, for filters. */
export async function partyFacets(db: Kysely<Database>, cycleIds: number[]) {
  const rows = await db
    .selectFrom('parties as p')
    .select(['p.region', 'p.attributes'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('reports as r')
          .select('r.id')
          .whereRef('r.party_code', '=', 'p.code')
          .where('r.cycle_id', 'in', cycleIds.length > 0 ? cycleIds : [0])
          .where('r.status', '=', 'submitted'),
      ),
    )
    .execute();
  const regions = new Set<string>();
  const attributes = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.region) regions.add(row.region);
    for (const [name, value] of Object.entries(row.attributes ?? {})) {
      if (value === null || typeof value === 'object') continue;
      const values = attributes.get(name) ?? new Set<string>();
      values.add(String(value));
      attributes.set(name, values);
    }
  }
  return {
    regions: [...regions].sort(),
    attributes: Object.fromEntries(
      [...attributes]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, values]) => [name, [...values].sort()]),
    ),
  };
}

/** The questions carrying each concept, by questionnaire version, and the cycles that use those versions. */
export async function conceptQuestions(db: Kysely<Database>, conceptIds: string[]) {
  if (conceptIds.length === 0) return [];
  return db
    .selectFrom('concept_items as ci')
    .innerJoin('questionnaire_versions as v', 'v.id', 'ci.questionnaire_version_id')
    .select([
      'ci.concept_id',
      'ci.item_id',
      'ci.questionnaire_version_id',
      'v.questionnaire_key',
      'v.version',
    ])
    .where('ci.concept_id', 'in', conceptIds)
    .execute();
}

/** The cycles that have a submitted report on any of the versions (on their own version or after a change). */
export async function cyclesUsingVersions(db: Kysely<Database>, versionIds: number[]) {
  if (versionIds.length === 0) return [];
  const { rows } = await sql<{
    id: number;
    title: string;
    instrument_code: string;
    opens_at: string;
    questionnaire_version_id: number;
  }>`
    SELECT c.id, c.title, c.instrument_code, c.opens_at, c.questionnaire_version_id FROM cycles c
    WHERE c.questionnaire_version_id = ANY(${versionIds}::int[])
      OR EXISTS (SELECT 1 FROM reports r WHERE r.cycle_id = c.id
        AND r.questionnaire_version_id = ANY(${versionIds}::int[]))
    ORDER BY c.instrument_code, c.opens_at, c.id
  `.execute(db);
  return rows;
}
