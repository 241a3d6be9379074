import type { Kysely } from 'kysely';
import {
  type AnswerColumn,
  answerColumns,
  evaluateReport,
  flattenAnswers,
  type Plan,
  repeatRowCounts,
} from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import type { PlanCache } from '../reporting/plans.ts';
import { snapshotAnswers } from './snapshots.ts';

/** Snapshots kept in memory; each costs a set of a few hundred column keys. */
const capacity = 2_000;

/**
 * Which answers of a submission count: for each snapshot, the export column keys (`pa_count`,
 * `threats.wind.level`) that the engine found relevant and answered. Snapshots never change, so the
 * engine runs once per snapshot, when an analysis first meets it; later analyses only look the keys up.
 */
export class RelevantCells {
  readonly #cells = new Map<number, ReadonlySet<string>>();
  /** Export columns by version and repeat row counts: most reports of a version share them. */
  readonly #columns = new Map<string, AnswerColumn[]>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly plans: PlanCache,
  ) {}

  /** The relevant, answered column keys of each snapshot, by snapshot id. */
  async of(snapshotIds: readonly number[]): Promise<Map<number, ReadonlySet<string>>> {
    const missing = [...new Set(snapshotIds.filter((id) => !this.#cells.has(id)))];
    for (let start = 0; start < missing.length; start += 200) {
      const rows = await snapshotAnswers(this.db, missing.slice(start, start + 200));
      for (const row of rows) {
        const { plan } = await this.plans.get(row.questionnaire_version_id);
        const answers = (row.answers ?? {}) as Record<string, unknown>;
        const evaluation = evaluateReport(plan, answers, { party: row.party_code, today: row.submitted_on });
        const columns = this.#columnsOf(row.questionnaire_version_id, plan, answers);
        this.#remember(row.id, new Set(Object.keys(flattenAnswers(plan, answers, evaluation, columns))));
      }
    }
    const found = new Map<number, ReadonlySet<string>>();
    for (const id of snapshotIds) found.set(id, this.#cells.get(id) ?? new Set());
    return found;
  }

  #columnsOf(versionId: number, plan: Plan, answers: Record<string, unknown>): AnswerColumn[] {
    const repeatRows = repeatRowCounts(plan, answers);
    const key = `${versionId}:${JSON.stringify(repeatRows)}`;
    let columns = this.#columns.get(key);
    if (!columns) {
      if (this.#columns.size >= 100) this.#columns.clear();
      columns = answerColumns(plan, { repeatRows });
      this.#columns.set(key, columns);
    }
    return columns;
  }

  #remember(id: number, keys: ReadonlySet<string>) {
    if (this.#cells.size >= capacity) {
      const oldest = this.#cells.keys().next();
      if (!oldest.done) this.#cells.delete(oldest.value);
    }
    this.#cells.set(id, keys);
  }
}
