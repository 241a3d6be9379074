import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { CycleClosedError, NoRecipientsError, NotFoundError, WrongStateError } from '../errors.ts';
import { deskFactsOf, dueReportIds, recordReportEvent } from '../repositories/dashboard.ts';
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

type LockedReport = Awaited<ReturnType<typeof lock>>;

/** Mails one locked report's reminder and logs it when it reached someone; returns who it was written to. */
async function sendReminder(
  db: Kysely<Database>,
  report: LockedReport,
  actor: Actor,
  message: string | null,
  day: string,
): Promise<string[]> {
  const recipients = await notifyWorkflow(db, {
    kind: 'reminder',
    reportId: report.id,
    revision: report.revision,
    instrument: report.instrument_code,
    party: report.party_code,
    actor,
    note: [`The deadline is ${report.closes_at}.`, ...(message ? ['', message] : [])].join('\n'),
    occasion: day,
  });
  if (recipients.length > 0) {
    await recordReportEvent(db, {
      reportId: report.id,
      kind: 'reminded',
      status: report.status,
      revision: report.revision,
      userId: actor.userId,
      note: message,
    });
  }
  return recipients;
}

const today = () => new Date().toISOString().slice(0, 10);

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
    const day = today();
    const recipients = await sendReminder(trx, report, actor, message, day);
    if (recipients.length === 0) {
      throw new NoRecipientsError(`${report.party_code} has no focal point to remind`);
    }
    return { recipients, day };
  });
}

/**
 * Reminds every Party of cycle `cycleId` whose report is not submitted, as `remindParty` does one (each
 * report in a transaction of its own, so that no report waits for the others); says which Parties were
 * reminded and which have no focal point to remind.
 */
export async function remindCycle(
  db: Kysely<Database>,
  cycleId: number,
  actor: Actor,
  message: string | null,
) {
  const due = await dueReportIds(db, cycleId);
  if (due === undefined) throw new NotFoundError('cycle');
  if (due.closed) throw new CycleClosedError();
  const day = today();
  const reminded: string[] = [];
  const unreachable: string[] = [];
  let recipients = 0;
  for (const reportId of due.ids) {
    await db.transaction().execute(async (trx) => {
      const report = await lock(trx, reportId);
      if (report.status === 'submitted' || report.closed_at !== null) return;
      const sent = await sendReminder(trx, report, actor, message, day);
      recipients += sent.length;
      (sent.length > 0 ? reminded : unreachable).push(report.party_code);
    });
  }
  return { reminded: reminded.sort(), unreachable: unreachable.sort(), recipients, day };
}
