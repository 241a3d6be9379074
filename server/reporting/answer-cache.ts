/**
 * The answers of recently saved reports, each tagged with the report revision it is exact at. A save
 * holds the report's row lock and reads its current revision, so when the tags match, the cached answers
 * are the stored ones and need not be read again; any other process that changes answers also moves the
 * revision, which makes a stale entry miss. Least recently used entries are dropped first.
 */
export class AnswerCache {
  readonly #entries = new Map<number, { revision: number; answers: Record<string, unknown> }>();
  readonly #capacity: number;

  constructor(capacity = 500) {
    this.#capacity = capacity;
  }

  /** The answers of `reportId` at `revision`, or undefined. Do not mutate them. */
  get(reportId: number, revision: number): Readonly<Record<string, unknown>> | undefined {
    const entry = this.#entries.get(reportId);
    if (!entry || entry.revision !== revision) return undefined;
    this.#entries.delete(reportId);
    this.#entries.set(reportId, entry);
    return entry.answers;
  }

  set(reportId: number, revision: number, answers: Record<string, unknown>): void {
    this.#entries.delete(reportId);
    this.#entries.set(reportId, { revision, answers });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Moves an entry to a new revision at which the answers did not change (a workflow step). */
  advance(reportId: number, from: number, to: number): void {
    const entry = this.#entries.get(reportId);
    if (entry?.revision === from) entry.revision = to;
  }
}
