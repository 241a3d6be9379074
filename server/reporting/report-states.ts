import type { FormState } from '../../forms/index.ts';
import type { ReportStatus } from '../db/schema.ts';

/** A report as this process last wrote or read it. */
export interface ReportState {
  revision: number;
  status: ReportStatus;
  versionId: number;
  party: string;
  /** For every question ever answered, the revision at which it last changed (set or removed). */
  revisions: Map<string, number>;
  /** Recent save ids and the revision each gave, so a retry is answered without a query. */
  saves: Map<string, number>;
  /** The answers, evaluated incrementally by the engine. */
  form: FormState;
}

const RECENT_SAVES = 200;

/**
 * The state of recently saved reports, least recently used dropped first. An entry is only a guess:
 * every write it leads to is guarded by the report's revision in the database (see writeChangeIfAt),
 * and a guard that fails drops the entry.
 */
export class ReportStates {
  readonly #entries = new Map<number, ReportState>();
  readonly #capacity: number;

  // About 350 KB each for a report of 1,000 questions: 200 keep the worst case near 70 MB.
  constructor(capacity = 200) {
    this.#capacity = capacity;
  }

  get(reportId: number): ReportState | undefined {
    const entry = this.#entries.get(reportId);
    if (entry) {
      this.#entries.delete(reportId);
      this.#entries.set(reportId, entry);
    }
    return entry;
  }

  set(reportId: number, entry: ReportState): ReportState {
    this.#entries.delete(reportId);
    this.#entries.set(reportId, entry);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return entry;
  }

  delete(reportId: number): void {
    this.#entries.delete(reportId);
  }

  /** Records a save id in an entry, keeping the most recent ones. */
  static remember(entry: ReportState, saveId: string, revision: number): void {
    entry.saves.set(saveId, revision);
    if (entry.saves.size > RECENT_SAVES) {
      const oldest = entry.saves.keys().next().value;
      if (oldest !== undefined) entry.saves.delete(oldest);
    }
  }
}

/**
 * Jobs run in batches, one batch at a time per key: the first job of an idle key starts at once, and
 * jobs that arrive meanwhile wait to be taken together as the next batch. The saves of one report in
 * this process queue here rather than on the report's row lock, and a batch is written in one statement.
 * `run` settles every job it is given and does not throw.
 */
export class KeyedBatches<J> {
  readonly #waiting = new Map<number, J[]>();
  readonly #run: (key: number, jobs: J[]) => Promise<void>;

  constructor(run: (key: number, jobs: J[]) => Promise<void>) {
    this.#run = run;
  }

  add(key: number, job: J): void {
    const waiting = this.#waiting.get(key);
    if (waiting) waiting.push(job);
    else void this.#drain(key, [job]);
  }

  async #drain(key: number, first: J[]): Promise<void> {
    let jobs = first;
    while (jobs.length > 0) {
      const next: J[] = [];
      this.#waiting.set(key, next);
      // `run` settles its jobs and does not throw; should it, the key must not stay blocked.
      await this.#run(key, jobs).catch(() => {});
      jobs = next;
    }
    this.#waiting.delete(key);
  }
}
