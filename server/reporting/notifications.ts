import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMail } from '../repositories/outbox.ts';

export type WorkflowEvent =
  | 'submitted'
  | 'submitted-on-behalf'
  | 'reopen-requested'
  | 'reopened'
  | 'reopen-declined'
  | 'reminder';

/** Who hears of each event: the instrument's secretariat, the Party's focal points, or both. */
const audience: Record<WorkflowEvent, { secretariat: boolean; focalPoints: boolean }> = {
  submitted: { secretariat: true, focalPoints: false },
  'submitted-on-behalf': { secretariat: false, focalPoints: true },
  'reopen-requested': { secretariat: true, focalPoints: false },
  reopened: { secretariat: false, focalPoints: true },
  'reopen-declined': { secretariat: false, focalPoints: true },
  reminder: { secretariat: false, focalPoints: true },
};

const sentences: Record<WorkflowEvent, (party: string, instrument: string) => string> = {
  submitted: (party, instrument) => `${party} submitted its report to ${instrument}`,
  'submitted-on-behalf': (party, instrument) =>
    `The ${instrument} secretariat submitted ${party}'s report on its behalf`,
  'reopen-requested': (party, instrument) => `${party} asks for its report to ${instrument} to be reopened`,
  reopened: (party, instrument) => `The ${instrument} secretariat reopened ${party}'s report`,
  'reopen-declined': (party, instrument) =>
    `The ${instrument} secretariat declined to reopen ${party}'s report`,
  reminder: (party, instrument) => `Reminder: ${party}'s report to ${instrument} is due`,
};

/**
 * Queues an e-mail about a workflow step of a report to the people concerned (never to the person who
 * did it); without an SMTP transport, messages wait in the outbox. Run it in the step's transaction.
 * A step is mailed once per revision, or once per `occasion` for steps that leave the revision as it
 * is (a reminder: one a day). Returns the addresses written to.
 */
export async function notifyWorkflow(
  db: Kysely<Database>,
  event: {
    kind: WorkflowEvent;
    reportId: number;
    revision: number;
    instrument: string;
    party: string;
    actor: Actor;
    note?: string | null;
    occasion?: string;
  },
): Promise<string[]> {
  const { secretariat, focalPoints } = audience[event.kind];
  const recipients = await db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select('u.email')
    .distinct()
    .where('u.disabled_at', 'is', null)
    .where('u.id', '<>', event.actor.userId)
    .where('ra.instrument_code', '=', event.instrument)
    .where((eb) =>
      eb.or([
        ...(secretariat ? [eb('ra.role', '=', 'secretariat')] : []),
        ...(focalPoints
          ? [eb.and([eb('ra.role', '=', 'focal_point'), eb('ra.party_code', '=', event.party)])]
          : []),
      ]),
    )
    .orderBy('u.email')
    .execute();
  const sentence = sentences[event.kind](event.party, event.instrument);
  const body = [
    `${sentence} (report ${event.reportId}, by ${event.actor.name || event.actor.email}).`,
    ...(event.note ? ['', event.note] : []),
  ].join('\n');
  for (const { email } of recipients) {
    await enqueueMail(db, {
      kind: `report-${event.kind}`,
      to: email,
      subject: `ORS: ${sentence}`,
      body,
      dedupeKey: `report-${event.kind}:${event.reportId}:${event.occasion ?? event.revision}:${email}`,
    });
  }
  return recipients.map((recipient) => recipient.email);
}

/** Queues an e-mail telling a contributor what of a report was handed to it. Run it in the hand-over's transaction. */
export async function notifyHandOver(
  db: Kysely<Database>,
  handOver: {
    id: number;
    reportId: number;
    instrument: string;
    party: string;
    to: string;
    what: string;
    note: string | null;
    actor: Actor;
    link: string;
  },
): Promise<void> {
  const body = [
    `${handOver.actor.name || handOver.actor.email} handed you ${handOver.what} of ${handOver.party}'s report to ${handOver.instrument} (report ${handOver.reportId}).`,
    ...(handOver.note ? ['', handOver.note] : []),
    '',
    `Open the report: ${handOver.link}`,
  ].join('\n');
  await enqueueMail(db, {
    kind: 'report-handed-over',
    to: handOver.to,
    subject: `ORS: a part of ${handOver.party}'s report to ${handOver.instrument} was handed to you`,
    body,
    dedupeKey: `report-handed-over:${handOver.id}`,
  });
}
