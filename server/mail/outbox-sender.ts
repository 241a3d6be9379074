import { type Kysely, sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/schema.ts';

/** Messages a sender gives up on after this many refusals by the SMTP server. */
export const maxAttempts = 5;

interface ClaimedMail {
  id: number;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

export interface SendOutcome {
  sent: number;
  refused: number;
  unknown: number;
}

/**
 * Sends the waiting messages of the outbox, each **at most once** however many server processes run:
 *
 * - a message is claimed in one statement (`FOR UPDATE SKIP LOCKED`), so two senders never take the
 *   same one; the claim holds it for good (`locked_until = 'infinity'`);
 * - sent, it is marked sent; refused by the SMTP server before it accepted the message (a reply code, or
 *   no connection at all), it is released for a later attempt with a growing delay, up to `maxAttempts`;
 * - any other failure (the connection lost while sending, say) leaves the outcome unknown: the message
 *   stays claimed, with the error, and is never sent again by itself (administrators see it in
 *   `GET /api/outbox`). Sending twice would be worse than a message an administrator resends by hand.
 */
export async function sendWaitingMail(
  db: Kysely<Database>,
  transport: Transporter,
  from: string,
  limit = 50,
): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, refused: 0, unknown: 0 };
  for (let count = 0; count < limit; count++) {
    const mail = await claimNext(db);
    if (!mail) break;
    try {
      await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, text: mail.body });
      await db
        .updateTable('outbox')
        .set({ sent_at: new Date(), locked_until: null, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      outcome.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (refusedBeforeAcceptance(error)) {
        outcome.refused++;
        const permanent = replyCode(error) >= 500 || mail.attempts >= maxAttempts;
        await db
          .updateTable('outbox')
          .set({
            last_error: message.slice(0, 1000),
            locked_until: permanent
              ? sql<Date>`'infinity'::timestamptz`
              : sql<Date>`now() + make_interval(mins => ${2 ** mail.attempts})`,
          })
          .where('id', '=', mail.id)
          .execute();
      } else {
        outcome.unknown++;
        await db
          .updateTable('outbox')
          .set({ last_error: `outcome unknown, not resent: ${message}`.slice(0, 1000) })
          .where('id', '=', mail.id)
          .execute();
      }
    }
  }
  return outcome;
}

async function claimNext(db: Kysely<Database>): Promise<ClaimedMail | undefined> {
  const { rows } = await sql<ClaimedMail>`
    UPDATE outbox SET locked_until = 'infinity', attempts = attempts + 1
    WHERE id = (
      SELECT id FROM outbox
      WHERE sent_at IS NULL AND attempts < ${maxAttempts} AND (locked_until IS NULL OR locked_until < now())
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, to_address, subject, body, attempts`.execute(db);
  return rows[0];
}

function replyCode(error: unknown): number {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : 0;
}

/** Failures that show the message cannot have been delivered. */
const notConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * A reply code of 400 or more is the server refusing; a failed `connect` (nodemailer keeps the socket
 * error's `syscall`) never reached it. A connection closed later may have delivered the message.
 */
function refusedBeforeAcceptance(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { syscall, errno, code } = error as { syscall?: unknown; errno?: unknown; code?: unknown };
  return (
    replyCode(error) >= 400 ||
    code === 'EDNS' ||
    syscall === 'connect' ||
    syscall === 'getaddrinfo' ||
    (typeof errno === 'string' && notConnected.has(errno))
  );
}
