import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface Mail {
  kind: string;
  to: string;
  subject: string;
  body: string;
  /** Messages with the same key are queued once. */
  dedupeKey?: string;
}

/** Queues an e-mail; a transport (or an administrator reading the outbox) takes it from there. */
export async function enqueueMail(db: Kysely<Database>, mail: Mail): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      dedupe_key: mail.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The newest messages first, `limit` at a time before `beforeId`. */
export function listOutbox(db: Kysely<Database>, options: { limit: number; beforeId?: number | undefined }) {
  let query = db
    .selectFrom('outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'body',
      'created_at',
      'attempts',
      'sent_at',
      'last_error',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
