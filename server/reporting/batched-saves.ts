import type { Kysely } from 'kysely';
import { checkAnswerShape, createFormState, type Problem, type ReportEvaluation } from '../../forms/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { AnswerSource, Database, ReportStatus } from '../db/schema.ts';
import { InputError } from '../errors.ts';
import { writesThroughHandOver } from '../handover/check.ts';
import { type BatchEntry, loadReportState, writeChangesIfAt } from '../repositories/report-state.ts';
import type { AnswerChange } from '../repositories/reports.ts';
import { KeyedBatches, ReportStates } from './report-states.ts';
import { ReportingService, type SaveOutcome, type SaveRequest, type SaveResult } from './service.ts';

interface SaveJob {
  actor: Actor;
  request: SaveRequest;
  set: Record<string, unknown>;
  unset: string[];
  resolve: (outcome: SaveOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * The reporting service with autosave made fast. The saves of one report in this process queue here
 * (not on the report's row lock) and are taken in batches: each save is decided on this process's view
 * of the report (answers, and the revision each question last changed at), evaluated by the engine, and
 * the whole batch is written in one statement guarded by the report's revision, so the row lock is held
 * for that statement alone and no answer is read again. Whatever that view cannot decide (a conflict to
 * describe, a save id it does not know, a submitted report, a report changed by another process twice in
 * a row) goes, in order, to the service's save under the row lock, which gives the same answers.
 */
export class BatchedReportingService extends ReportingService {
  readonly #db: Kysely<Database>;
  readonly #states = new ReportStates();
  readonly #batches = new KeyedBatches<SaveJob>((reportId, jobs) => this.#run(reportId, jobs));

  constructor(db: Kysely<Database>) {
    super(db);
    this.#db = db;
  }

  override save(
    reportId: number,
    actor: Actor,
    request: SaveRequest,
    source: AnswerSource = 'edit',
  ): Promise<SaveOutcome> {
    const set = request.set ?? {};
    const unset = request.unset ?? [];
    // The service refuses a question both set and unset, checks hand-overs and records other sources.
    if (unset.some((id) => Object.hasOwn(set, id)) || source !== 'edit' || writesThroughHandOver(actor)) {
      return super.save(reportId, actor, request, source);
    }
    return new Promise<SaveOutcome>((resolve, reject) => {
      this.#batches.add(reportId, { actor, request, set, unset, resolve, reject });
    });
  }

  /** Settles queued saves of one report in order: in batches while it can, else one under the lock. */
  async #run(reportId: number, jobs: SaveJob[]): Promise<void> {
    let next = 0;
    let retried = false;
    while (next < jobs.length) {
      const rest = jobs.slice(next);
      let settled: number | 'stale';
      try {
        settled = await this.#batch(reportId, rest);
      } catch (error) {
        // The database failed the batch: none of it was saved, and the form holds it.
        this.#states.delete(reportId);
        for (const job of rest) job.reject(error);
        return;
      }
      if (settled === 'stale' && !retried) {
        retried = true;
        continue;
      }
      retried = false;
      if (typeof settled === 'number' && settled > 0) {
        next += settled;
        continue;
      }
      const job = rest[0] as SaveJob;
      const view = this.#states.get(reportId);
      this.#states.delete(reportId);
      const outcome = await super.save(reportId, job.actor, job.request).then(
        (settled) => {
          job.resolve(settled);
          return settled;
        },
        (error: unknown) => {
          job.reject(error);
          return undefined;
        },
      );
      // A conflict wrote nothing: the view still holds, and reloading it (every answer, evaluated anew)
      // would cost more than the save. Anything else may have written: the next batch reloads.
      if (view && outcome && !outcome.ok) this.#states.set(reportId, view);
      next += 1;
    }
  }

  /**
   * Writes the longest run of `jobs` it can decide, in one statement, and settles them. Returns how many
   * it settled (0: the first needs the save under the lock), or 'stale' when the report changed
   * elsewhere (the view is dropped, nothing is settled).
   */
  async #batch(reportId: number, jobs: SaveJob[]): Promise<number | 'stale'> {
    let state = this.#states.get(reportId);
    const fresh = !state;
    if (!state) {
      const stored = await loadReportState(this.#db, reportId);
      if (!stored) return 0;
      const { plan } = await this.plans.get(stored.versionId);
      const { answers, ...rest } = stored;
      const form = createFormState(plan, answers, { party: stored.party });
      state = this.#states.set(reportId, { ...rest, saves: new Map(), form });
    }
    if (state.status === 'submitted') return 0;
    const current = state;
    const { form } = current;
    const { plan } = await this.plans.get(current.versionId);
    // The form changes save by save; until the batch is written, an error drops it (see #run).
    const answers = form.answers();
    const evaluate = () => form.evaluation();
    let revision = current.revision;
    const changedAt = new Map<string, number>();
    const savedAt = new Map<string, number>();
    const entries: BatchEntry[] = [];
    const settle: (() => void)[] = [];
    let last: ReportEvaluation | undefined;
    for (const job of jobs) {
      const { request, set, unset } = job;
      const saveId = request.saveId;
      const earlier = saveId === undefined ? undefined : (savedAt.get(saveId) ?? current.saves.get(saveId));
      if (earlier !== undefined) {
        const result = resultOf(earlier, evaluate());
        settle.push(() => job.resolve({ ok: true, result }));
        continue;
      }
      const problems = checkAnswerShape(plan, set);
      if (problems.length > 0) {
        // A view kept from earlier may be of another version of the questionnaire (the report moved to
        // a new one): then the locked save, on what is stored, decides.
        if (!fresh) break;
        settle.push(() => job.reject(shapeError(problems)));
        continue;
      }
      if (request.baseRevision > revision) break;
      const changedSince = (id: string) =>
        (changedAt.get(id) ?? current.revisions.get(id) ?? 0) > request.baseRevision;
      if (Object.keys(set).some(changedSince) || unset.some(changedSince)) break;
      const changes = changesOf(answers, set, unset);
      if (changes.length === 0) {
        if (saveId !== undefined) break;
        const result = resultOf(revision, evaluate());
        settle.push(() => job.resolve({ ok: true, result }));
        continue;
      }
      for (const change of changes) {
        form.setAnswer(change.id, change.newValue);
        // An answer the questionnaire does not know (stored by an earlier version) goes all the same.
        if (change.newValue === undefined && form.get(change.id) !== undefined) {
          delete (answers as Record<string, unknown>)[change.id];
        }
      }
      revision += 1;
      last = evaluate();
      for (const change of changes) changedAt.set(change.id, revision);
      if (saveId !== undefined) savedAt.set(saveId, revision);
      entries.push({ revision, userId: job.actor.userId, changes, ...(saveId ? { saveId } : {}) });
      const result = resultOf(revision, last);
      settle.push(() => job.resolve({ ok: true, result }));
    }
    if (last && entries.length > 0) {
      const status: ReportStatus = current.status === 'not_started' ? 'in_progress' : current.status;
      const written = await writeChangesIfAt(this.#db, {
        reportId,
        expectedRevision: current.revision,
        source: 'edit',
        entries,
        fromStatus: current.status,
        toStatus: status,
        progress: {
          answered: last.progress.answered,
          required: last.progress.required,
          percent: last.progress.percent,
        },
        issueCount: last.issues.length,
      });
      if (!written) {
        this.#states.delete(reportId);
        return 'stale';
      }
      current.revision = revision;
      current.status = status;
      for (const [id, at] of changedAt) current.revisions.set(id, at);
      for (const [id, at] of savedAt) ReportStates.remember(current, id, at);
    }
    for (const done of settle) done();
    return settle.length;
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a save changes: `set` values that differ (null clears, as `unset` does), and stored answers unset. */
function changesOf(
  answers: Readonly<Record<string, unknown>>,
  set: Record<string, unknown>,
  unset: string[],
): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const [id, value] of Object.entries(set)) {
    const newValue = value === null ? undefined : value;
    if (!sameJson(answers[id], newValue)) changes.push({ id, oldValue: answers[id], newValue });
  }
  for (const id of unset) {
    if (answers[id] !== undefined) changes.push({ id, oldValue: answers[id], newValue: undefined });
  }
  return changes;
}

function shapeError(problems: Problem[]): InputError {
  return new InputError(
    'some answers do not have the shape their questions take',
    problems.map((problem) => ({
      in: 'body' as const,
      path: problem.path[0] === 'set' ? problem.path : ['set', ...problem.path],
      message: problem.message,
      code: problem.code,
    })),
  );
}

function resultOf(revision: number, evaluation: ReportEvaluation): SaveResult {
  return {
    revision,
    issues: evaluation.issues,
    progress: evaluation.progress,
    calculated: evaluation.calculated,
  };
}
