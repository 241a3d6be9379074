import type { Kysely } from 'kysely';
import { carryAnswers, type DefinitionChange, diffDefinitions, evaluateReport } from '../../forms/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { InputError, NotFoundError, WrongStateError } from '../errors.ts';
import { findPublishedVersion } from '../repositories/questionnaires.ts';
import { type AnswerChange, answersOf, lockReport, writeReportChange } from '../repositories/reports.ts';
import type { PlanCache } from './plans.ts';

export interface VersionChange {
  from: { key: string; version: number };
  to: { key: string; version: number };
  changes: DefinitionChange[];
  carried: { from: string; to: string }[];
  dropped: { id: string; value: unknown; reason: string }[];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Moves a report to another published version of its questionnaire, on purpose: answers carried by id
 * or `renamedFrom` (what no longer fits is dropped, and listed), every change in the history as
 * `carry-over`, a new revision, and progress from the new version. With `apply: false`, only says
 * what would happen. A submitted report must be reopened first.
 */
export async function changeReportVersion(
  db: Kysely<Database>,
  plans: PlanCache,
  input: { reportId: number; actor: Actor; version: number; apply: boolean },
): Promise<VersionChange & { revision: number }> {
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, input.reportId);
    if (!report) throw new NotFoundError('report');
    const current = await plans.get(report.questionnaire_version_id);
    const target = await findPublishedVersion(trx, current.key, input.version);
    if (!target) {
      throw new InputError('no such published version', [
        {
          in: 'body',
          path: ['version'],
          message: `${current.key} has no published version ${input.version}`,
        },
      ]);
    }
    const next = await plans.get(target.id);
    const answers = await answersOf(trx, input.reportId);
    const carry = carryAnswers(current.definition, next.definition, answers);
    const result = {
      from: { key: current.key, version: current.version ?? 0 },
      to: { key: next.key, version: next.version ?? 0 },
      changes: diffDefinitions(current.definition, next.definition),
      carried: carry.carried,
      dropped: carry.dropped,
      revision: report.revision,
    };
    if (!input.apply || target.id === report.questionnaire_version_id) return result;
    if (report.status === 'submitted') {
      throw new WrongStateError('the report is submitted: it moves to another version only once reopened');
    }
    const changes: AnswerChange[] = [];
    for (const [id, value] of Object.entries(answers)) {
      if (!Object.hasOwn(carry.answers, id)) changes.push({ id, oldValue: value, newValue: undefined });
    }
    for (const [id, value] of Object.entries(carry.answers)) {
      if (!sameJson(answers[id], value)) changes.push({ id, oldValue: answers[id], newValue: value });
    }
    const evaluation = evaluateReport(next.plan, carry.answers, { party: report.party_code });
    const revision = report.revision + 1;
    await writeReportChange(trx, {
      reportId: input.reportId,
      revision,
      userId: input.actor.userId,
      source: 'carry-over',
      changes,
      checkIds: [],
      baseRevision: report.revision,
      fromStatus: report.status,
      status: report.status,
      progress: {
        answered: evaluation.progress.answered,
        required: evaluation.progress.required,
        percent: evaluation.progress.percent,
      },
      issueCount: evaluation.issues.length,
    });
    await trx
      .updateTable('reports')
      .set({ questionnaire_version_id: target.id })
      .where('id', '=', input.reportId)
      .execute();
    await trx
      .insertInto('report_events')
      .values({
        report_id: input.reportId,
        kind: 'version-changed',
        from_status: report.status,
        to_status: report.status,
        revision,
        user_id: input.actor.userId,
        note: `${current.key} version ${current.version} → ${next.version}: ${carry.carried.length} carried, ${carry.dropped.length} dropped`,
      })
      .execute();
    return { ...result, revision };
  });
}
