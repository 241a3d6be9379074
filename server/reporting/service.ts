import type { Kysely } from 'kysely';
import {
  type AnswerIssue,
  checkAnswerShape,
  evaluateReport,
  type ReportEvaluation,
  type ReportProgress,
} from '../../forms/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { AnswerSource, Database } from '../db/schema.ts';
import { CycleClosedError, InputError, NotFoundError, WrongStateError } from '../errors.ts';
import { checkHandOver } from '../handover/check.ts';
import { createCycle, isReportCycleClosed, type NewCycle } from '../repositories/cycles.ts';
import {
  type AnswerChange,
  answersOf,
  type ConflictRow,
  changeStatus,
  createSnapshot,
  findConflicts,
  findReportHeader,
  lockReport,
  recordSave,
  setProgress,
  writeReportChange,
} from '../repositories/reports.ts';
import { AnswerCache } from './answer-cache.ts';
import { notifyWorkflow } from './notifications.ts';
import { PlanCache } from './plans.ts';

export interface SaveRequest {
  baseRevision: number;
  set?: Record<string, unknown>;
  unset?: string[];
  saveId?: string;
}

export interface SaveResult {
  revision: number;
  issues: AnswerIssue[];
  progress: ReportProgress;
  calculated: Record<string, unknown>;
}

export interface Conflict {
  id: string;
  value: unknown;
  revision: number;
  updatedBy?: { id: number; name: string; email: string };
  updatedAt: string;
}

export type SaveOutcome = { ok: true; result: SaveResult } | { ok: false; conflicts: Conflict[] };
export type SubmitOutcome =
  | { ok: true; result: { status: 'submitted'; revision: number; snapshotId: number } }
  | { ok: false; issues: AnswerIssue[] };

type Locked = NonNullable<Awaited<ReturnType<typeof lockReport>>>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads, saves and moves reports through their workflow: the repositories store, the engine in forms/
 * decides issues, progress and calculations. One instance per app (its caches are per database).
 */
export class ReportingService {
  readonly plans: PlanCache;
  readonly #answers = new AnswerCache();
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.plans = new PlanCache(db);
  }

  /** A report as GET /api/reports/:id gives it, with the engine's view of its answers. */
  async read(reportId: number) {
    const { header, answers } = await this.#db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const header = await findReportHeader(trx, reportId);
        if (!header) throw new NotFoundError('report');
        const answers = this.#answers.get(reportId, header.revision) ?? (await answersOf(trx, reportId));
        return { header, answers };
      });
    const evaluation = await this.#evaluate(header.questionnaire_version_id, answers, header.party_code);
    return { header, answers, evaluation };
  }

  /**
   * Applies an autosave: only what changed is written; a question changed since baseRevision conflicts;
   * a contributor changes only what was handed over to it. `source` is what history records (prefill …).
   */
  async save(
    reportId: number,
    actor: Actor,
    request: SaveRequest,
    source: AnswerSource = 'edit',
  ): Promise<SaveOutcome> {
    const set = request.set ?? {};
    const unset = request.unset ?? [];
    const both = unset.filter((id) => Object.hasOwn(set, id));
    if (both.length > 0) {
      throw new InputError(
        'a question cannot be both set and unset in one save',
        both.map((id) => ({
          in: 'body' as const,
          path: ['unset', unset.indexOf(id)],
          message: `${id} is also set`,
        })),
      );
    }
    let cached: { revision: number; answers: Record<string, unknown> } | undefined;
    const outcome = await this.#db.transaction().execute(async (trx): Promise<SaveOutcome> => {
      const report = await this.#lock(trx, reportId);
      // After the lock, so that a retry waiting on the first attempt sees the save it recorded.
      if (request.saveId) {
        const earlier = await trx
          .selectFrom('report_saves')
          .select('revision')
          .where('report_id', '=', reportId)
          .where('save_id', '=', request.saveId)
          .executeTakeFirst();
        if (earlier) {
          const answers = await this.#currentAnswers(trx, report);
          const evaluation = await this.#evaluate(
            report.questionnaire_version_id,
            answers,
            report.party_code,
          );
          return { ok: true, result: resultOf(earlier.revision, evaluation) };
        }
      }
      if (report.status === 'submitted') {
        throw new WrongStateError('the report is submitted: it can change only once reopened');
      }
      await refuseClosedCycle(trx, reportId);
      const { plan } = await this.plans.get(report.questionnaire_version_id);
      const problems = checkAnswerShape(plan, set);
      if (problems.length > 0) {
        throw new InputError(
          'some answers do not have the shape their questions take',
          problems.map((problem) => ({
            in: 'body' as const,
            path: problem.path[0] === 'set' ? problem.path : ['set', ...problem.path],
            message: problem.message,
            code: problem.code,
          })),
        );
      }
      if (request.baseRevision > report.revision) {
        throw new InputError('baseRevision is ahead of the report', [
          {
            in: 'body',
            path: ['baseRevision'],
            message: `the report is at revision ${report.revision}`,
            code: 'ORS_REVISION_AHEAD',
          },
        ]);
      }
      // Questions changed by someone else since the client's revision conflict: only worth a look
      // when the report moved on since then.
      const checkIds = request.baseRevision < report.revision ? [...Object.keys(set), ...unset] : [];
      const answers = await this.#currentAnswers(trx, report);
      const changes: AnswerChange[] = [];
      for (const [id, value] of Object.entries(set)) {
        // null clears an answer, as unset does.
        const newValue = value === null ? undefined : value;
        if (!sameJson(answers[id], newValue)) changes.push({ id, oldValue: answers[id], newValue });
      }
      for (const id of unset) {
        if (answers[id] !== undefined) changes.push({ id, oldValue: answers[id], newValue: undefined });
      }
      await checkHandOver(trx, {
        report,
        actor,
        plan,
        touched: changes,
        pathOf: (id) => (Object.hasOwn(set, id) ? ['set', id] : ['unset', unset.indexOf(id)]),
      });
      if (changes.length === 0) {
        const conflicts = await findConflicts(trx, reportId, checkIds, request.baseRevision);
        if (conflicts.length > 0) return { ok: false, conflicts: conflicts.map(conflictOf) };
        if (request.saveId) await recordSave(trx, reportId, request.saveId, report.revision);
        const evaluation = await this.#evaluate(report.questionnaire_version_id, answers, report.party_code);
        return { ok: true, result: resultOf(report.revision, evaluation) };
      }

      const next = { ...answers };
      for (const change of changes) {
        if (change.newValue === undefined) delete next[change.id];
        else next[change.id] = change.newValue;
      }
      const evaluation = await this.#evaluate(report.questionnaire_version_id, next, report.party_code);
      const revision = report.revision + 1;
      const conflicts = await writeReportChange(trx, {
        reportId,
        revision,
        userId: actor.userId,
        source,
        changes,
        checkIds,
        baseRevision: request.baseRevision,
        fromStatus: report.status,
        status: report.status === 'not_started' ? 'in_progress' : report.status,
        progress: storedProgress(evaluation.progress),
        issueCount: evaluation.issues.length,
        ...(request.saveId ? { saveId: request.saveId } : {}),
      });
      if (conflicts.length > 0) return { ok: false, conflicts: conflicts.map(conflictOf) };
      cached = { revision, answers: next };
      return { ok: true, result: resultOf(revision, evaluation) };
    });
    if (cached) this.#answers.set(reportId, cached.revision, cached.answers);
    return outcome;
  }

  /**
   * Opens a cycle (one report for each member Party) with each report's progress and issue count as
   * the engine finds them for no answers, so that lists show what is required from the start.
   */
  async openCycle(input: NewCycle): Promise<{ id: number; reports: number }> {
    return this.#db.transaction().execute(async (trx) => {
      const cycle = await createCycle(trx, input);
      const reports = await trx
        .selectFrom('reports')
        .select(['id', 'party_code'])
        .where('cycle_id', '=', cycle.id)
        .execute();
      const rows = [];
      for (const report of reports) {
        const evaluation = await this.#evaluate(input.questionnaireVersionId, {}, report.party_code);
        rows.push({
          id: report.id,
          progress: storedProgress(evaluation.progress),
          issueCount: evaluation.issues.length,
        });
      }
      await setProgress(trx, rows);
      return cycle;
    });
  }

  /**
   * Submits a report with no issues left, keeping an immutable snapshot of its answers. On a Party's
   * behalf (a report received by e-mail), the secretariat submits it as it came, issues and all, with a note.
   */
  async submit(
    reportId: number,
    actor: Actor,
    onBehalf: boolean,
    note: string | null = null,
  ): Promise<SubmitOutcome> {
    let advanced: [number, number] | undefined;
    const outcome = await this.#db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
      const report = await this.#lock(trx, reportId);
      if (report.status === 'submitted') throw new WrongStateError('the report is already submitted');
      await refuseClosedCycle(trx, reportId);
      const answers = await this.#currentAnswers(trx, report);
      const evaluation = await this.#evaluate(report.questionnaire_version_id, answers, report.party_code);
      if (!onBehalf && evaluation.issues.length > 0) return { ok: false, issues: evaluation.issues };
      const revision = report.revision + 1;
      const snapshotId = await createSnapshot(trx, {
        reportId,
        revision,
        questionnaireVersionId: report.questionnaire_version_id,
        answers,
        calculated: evaluation.calculated,
        userId: actor.userId,
        onBehalf,
      });
      await changeStatus(trx, {
        reportId,
        kind: onBehalf ? 'submitted-on-behalf' : 'submitted',
        fromStatus: report.status,
        toStatus: 'submitted',
        revision,
        userId: actor.userId,
        note,
        set: { submitted_at: new Date(), submitted_by: actor.userId, reopen_requested_at: null },
      });
      await notifyWorkflow(trx, {
        kind: onBehalf ? 'submitted-on-behalf' : 'submitted',
        reportId,
        revision,
        instrument: report.instrument_code,
        party: report.party_code,
        actor,
      });
      advanced = [report.revision, revision];
      return { ok: true, result: { status: 'submitted', revision, snapshotId } };
    });
    if (advanced) this.#answers.advance(reportId, ...advanced);
    return outcome;
  }

  /** Brings a submitted report back to in_progress (the secretariat's decision). */
  async reopen(reportId: number, actor: Actor, note: string | null) {
    let advanced: [number, number] | undefined;
    const result = await this.#db.transaction().execute(async (trx) => {
      const report = await this.#lock(trx, reportId);
      if (report.status !== 'submitted') throw new WrongStateError('only a submitted report can be reopened');
      const revision = report.revision + 1;
      await changeStatus(trx, {
        reportId,
        kind: 'reopened',
        fromStatus: report.status,
        toStatus: 'in_progress',
        revision,
        userId: actor.userId,
        note,
        set: { reopen_requested_at: null, published_at: null },
      });
      await notifyWorkflow(trx, {
        kind: 'reopened',
        reportId,
        revision,
        instrument: report.instrument_code,
        party: report.party_code,
        actor,
        note,
      });
      advanced = [report.revision, revision];
      return { status: 'in_progress' as const, revision };
    });
    if (advanced) this.#answers.advance(reportId, ...advanced);
    return result;
  }

  /** Publishes a submitted report to the public portal (`publish`), or withdraws it from there. */
  async publish(reportId: number, actor: Actor, publish: boolean) {
    return this.#db.transaction().execute(async (trx) => {
      const report = await this.#lock(trx, reportId);
      if (report.status !== 'submitted')
        throw new WrongStateError('only a submitted report can be published');
      const at = publish ? new Date() : null;
      await changeStatus(trx, {
        reportId,
        kind: publish ? 'published' : 'withdrawn',
        fromStatus: report.status,
        toStatus: report.status,
        revision: report.revision,
        userId: actor.userId,
        set: { published_at: at },
      });
      return { status: report.status, publishedAt: at?.toISOString() ?? null };
    });
  }

  /** Records a focal point's request to reopen a submitted report, and tells the secretariat. */
  async requestReopen(reportId: number, actor: Actor, reason: string) {
    return this.#db.transaction().execute(async (trx) => {
      const report = await this.#lock(trx, reportId);
      if (report.status !== 'submitted') {
        throw new WrongStateError('only a submitted report can be asked to be reopened');
      }
      const at = new Date();
      await changeStatus(trx, {
        reportId,
        kind: 'reopen-requested',
        fromStatus: report.status,
        toStatus: report.status,
        revision: report.revision,
        userId: actor.userId,
        note: reason,
        set: { reopen_requested_at: at },
      });
      await notifyWorkflow(trx, {
        kind: 'reopen-requested',
        reportId,
        revision: report.revision,
        instrument: report.instrument_code,
        party: report.party_code,
        actor,
        note: `Reason: ${reason}`,
      });
      return { status: report.status, reopenRequestedAt: at.toISOString() };
    });
  }

  async #lock(db: Kysely<Database>, reportId: number): Promise<Locked> {
    const report = await lockReport(db, reportId);
    if (!report) throw new NotFoundError('report');
    return report;
  }

  async #currentAnswers(db: Kysely<Database>, report: Locked): Promise<Record<string, unknown>> {
    return this.#answers.get(report.id, report.revision) ?? (await answersOf(db, report.id));
  }

  async #evaluate(versionId: number, answers: Readonly<Record<string, unknown>>, party: string) {
    const { plan } = await this.plans.get(versionId);
    return evaluateReport(plan, answers as Record<string, unknown>, { party });
  }
}

/** A closed cycle takes no more answers or submissions (423 ORS_CYCLE_CLOSED). */
async function refuseClosedCycle(db: Kysely<Database>, reportId: number): Promise<void> {
  if (await isReportCycleClosed(db, reportId)) throw new CycleClosedError();
}

/** A conflict as the 409 problem lists it. */
function conflictOf(row: ConflictRow): Conflict {
  return {
    id: row.item_id,
    value: row.value,
    revision: row.revision,
    ...(row.user_id === null
      ? {}
      : { updatedBy: { id: row.user_id, name: row.name ?? '', email: row.email ?? '' } }),
    updatedAt: new Date(row.at).toISOString(),
  };
}

function storedProgress(progress: ReportProgress) {
  return { answered: progress.answered, required: progress.required, percent: progress.percent };
}

function resultOf(revision: number, evaluation: ReportEvaluation): SaveResult {
  return {
    revision,
    issues: evaluation.issues,
    progress: evaluation.progress,
    calculated: evaluation.calculated,
  };
}
