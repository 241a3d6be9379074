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

/**
 * Which answers of a submission count: for each snapshot, the export column keys (`pa_count`,
 * `threats.wind.level`) that the engine found relevant and answered. Snapshots never change, so the
 * engine runs once per snapshot, when an analysis first meets it; later analyses only look the keys up.
 */
export class RelevantCells {
  readonly #cells = new Map<number, ReadonlySet<string>>();
  /** Export columns by version and repeat row counts: most reports of a version share them. */
  readonly #columns = new Map<string, AnswerColumn[]>();

  /** `capacity`: snapshots kept in memory; each costs a set of a few hundred column keys. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly plans: PlanCache,
    private readonly capacity = 2_000,
  ) {}

  /** Loads run one after another, so a warm-up and a request never evaluate the same snapshot twice. */
  #queue: Promise<void> = Promise.resolve();

  /** The relevant, answered column keys of each snapshot, by snapshot id. */
  async of(snapshotIds: readonly number[]): Promise<Map<number, ReadonlySet<string>>> {
    const found = new Map<number, ReadonlySet<string>>();
    const missing: number[] = [];
    for (const id of new Set(snapshotIds)) {
      const cached = this.#cells.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const run = this.#queue.then(() => this.#load(missing, found));
    this.#queue = run.catch(() => {});
    await run;
    return found;
  }

  /** Decides the relevance of snapshots ahead of the analyses that will ask (errors are left to those). */
  warm(snapshotIds: readonly number[]): void {
    this.of(snapshotIds).catch(() => {});
  }

  async #load(ids: number[], found: Map<number, ReadonlySet<string>>): Promise<void> {
    const missing = ids.filter((id) => {
      const cached = this.#cells.get(id);
      if (cached) found.set(id, cached);
      return !cached;
    });
    for (let start = 0; start < missing.length; start += 200) {
      const rows = await snapshotAnswers(this.db, missing.slice(start, start + 200));
      for (const row of rows) {
        const { plan } = await this.plans.get(row.questionnaire_version_id);
        const answers = (row.answers ?? {}) as Record<string, unknown>;
        const evaluation = evaluateReport(plan, answers, { party: row.party_code, today: row.submitted_on });
        const columns = this.#columnsOf(row.questionnaire_version_id, plan, answers);
        const keys = new Set(Object.keys(flattenAnswers(plan, answers, evaluation, columns)));
        this.#remember(row.id, keys);
        found.set(row.id, keys);
      }
    }
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
    if (this.#cells.size >= this.capacity) {
      const oldest = this.#cells.keys().next();
      if (!oldest.done) this.#cells.delete(oldest.value);
    }
    this.#cells.set(id, keys);
  }
}
