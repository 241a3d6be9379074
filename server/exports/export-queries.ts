import { type Kysely, sql } from 'kysely';
import type { Database, ReportStatus } from '../db/schema.ts';

/** A report of a cycle with every answer, as the export reads it. */
export interface ExportReport {
  id: number;
  party_code: string;
  party_name: unknown;
  status: ReportStatus;
  version: number | null;
  questionnaire_version_id: number;
  submitted_at: Date | null;
  answers: Record<string, unknown>;
}

/** The questionnaire versions the reports of a cycle use, and the most rows each repeat answer has. */
export async function cycleShape(db: Kysely<Database>, cycleId: number, onlySubmitted: boolean) {
  const versions = await db
    .selectFrom('reports')
    .select('questionnaire_version_id')
    .distinct()
    .where('cycle_id', '=', cycleId)
    .$if(onlySubmitted, (q) => q.where('status', '=', 'submitted'))
    .orderBy('questionnaire_version_id')
    .execute();
  const arrays = await db
    .selectFrom('answers as a')
    .innerJoin('reports as r', 'r.id', 'a.report_id')
    .select(['a.item_id', sql<number>`max(jsonb_array_length(a.value))::int`.as('rows')])
    .where('r.cycle_id', '=', cycleId)
    .where(sql<boolean>`jsonb_typeof(a.value) = 'array'`)
    .$if(onlySubmitted, (q) => q.where('r.status', '=', 'submitted'))
    .groupBy('a.item_id')
    .execute();
  return {
    versionIds: versions.map((v) => v.questionnaire_version_id),
    arrayLengths: Object.fromEntries(arrays.map((a) => [a.item_id, a.rows])),
  };
}

/**
 * The next `limit` reports of a cycle after Party `after`, ordered by Party, with their answers: the export
 * walks a cycle in such batches (keyset pagination), so a cycle is never held in memory at once.
 */
export function cycleReportBatch(
  db: Kysely<Database>,
  cycleId: number,
  options: { after: string | null; limit: number; onlySubmitted: boolean },
): Promise<ExportReport[]> {
  return db
    .selectFrom('reports as r')
    .innerJoin('parties as p', 'p.code', 'r.party_code')
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.questionnaire_version_id')
    .select([
      'r.id',
      'r.party_code',
      'p.name as party_name',
      'r.status',
      'v.version',
      'r.questionnaire_version_id',
      'r.submitted_at',
      sql<
        Record<string, unknown>
      >`coalesce((SELECT jsonb_object_agg(a.item_id, a.value) FROM answers a WHERE a.report_id = r.id), '{}'::jsonb)`.as(
        'answers',
      ),
    ])
    .where('r.cycle_id', '=', cycleId)
    .$if(options.after !== null, (q) => q.where('r.party_code', '>', options.after as string))
    .$if(options.onlySubmitted, (q) => q.where('r.status', '=', 'submitted'))
    .orderBy('r.party_code')
    .limit(options.limit)
    .execute() as Promise<ExportReport[]>;
}
