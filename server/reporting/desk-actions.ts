import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { CycleClosedError, NoRecipientsError, NotFoundError, WrongStateError } from '../errors.ts';
import { deskFactsOf, recordReportEvent } from '../repositories/dashboard.ts';
import { changeStatus, lockReport } from '../repositories/reports.ts';
import { notifyWorkflow } from './notifications.ts';

/** The report, locked for the rest of the transaction, with what the desk's actions decide on. */
async function lock(db: Kysely<Database>, reportId: number) {
  const report = await lockReport(db, reportId);
  if (!report) throw new NotFoundError('report');
  return { ...report, ...(await deskFactsOf(db, reportId)) };
}

/**
 * The secretariat turns down a Party's request to reopen its submitted report: the report stays
 * submitted, the request is cleared and the Party's focal points are told why.
 */
export function declineReopen(db: Kysely<Database>, reportId: number, actor: Actor, note: string) {
  return db.transaction().execute(async (trx) => {
    const report = await lock(trx, reportId);
    if (report.status !== 'submitted' || report.reopen_requested_at === null) {
      throw new WrongStateError('no request to reopen this report is waiting for a decision');
    }
    const at = new Date();
    await changeStatus(trx, {
      reportId,
      kind: 'reopen-declined',
      fromStatus: report.status,
      toStatus: report.status,
      revision: report.revision,
      userId: actor.userId,
      note,
      set: { reopen_requested_at: null },
    });
    await notifyWorkflow(trx, {
      kind: 'reopen-declined',
      reportId,
      revision: report.revision,
      instrument: report.instrument_code,
      party: report.party_code,
      actor,
      note: `Reason: ${note}`,
      occasion: at.toISOString(),
    });
    return { status: report.status, reopenRequestedAt: null };
  });
}

/**
 * Queues a reminder to the focal points of a report not yet submitted, with its deadline and the
 * secretariat's message; a person is reminded of one report once a day at most. Returns who was
 * written to (already reminded today: nobody new).
 */
export function remindParty(db: Kysely<Database>, reportId: number, actor: Actor, message: string | null) {
  return db.transaction().execute(async (trx) => {
    const report = await lock(trx, reportId);
    if (report.closed_at !== null) throw new CycleClosedError();
    if (report.status === 'submitted') throw new WrongStateError('the report is already submitted');
    const today = new Date().toISOString().slice(0, 10);
    const recipients = await notifyWorkflow(trx, {
      kind: 'reminder',
      reportId,
      revision: report.revision,
      instrument: report.instrument_code,
      party: report.party_code,
      actor,
      note: [`The deadline is ${report.closes_at}.`, ...(message ? ['', message] : [])].join('\n'),
      occasion: today,
    });
    if (recipients.length === 0) {
      throw new NoRecipientsError(`${report.party_code} has no focal point to remind`);
    }
    await recordReportEvent(trx, {
      reportId,
      kind: 'reminded',
      status: report.status,
      revision: report.revision,
      userId: actor.userId,
      note: message,
    });
    return { recipients, day: today };
  });
}
