import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Queues "deadline in N days" e-mails to the focal points of every Party whose report in an open cycle
 * is not submitted, on each of `days` before the cycle's deadline (in UTC dates). Each message has a
 * dedupe key (cycle, days, Party, address), so running this again, or in two processes, queues nothing
 * twice. Returns how many messages were queued.
 */
export async function queueDeadlineReminders(
  db: Kysely<Database>,
  days: readonly number[],
  baseUrl: string,
): Promise<number> {
  if (days.length === 0) return 0;
  const { numAffectedRows } = await sql`
    INSERT INTO outbox (kind, to_address, subject, body, dedupe_key)
    SELECT 'deadline-reminder',
           u.email,
           format('ORS: %s days left for %s''s report to %s', c.closes_at - current_date, r.party_code, c.instrument_code),
           format(
             E'The deadline of "%s" is %s, in %s days, and %s''s report is not submitted yet (progress %s%%).\n\nOpen it: %s/reports/%s',
             c.title, c.closes_at, c.closes_at - current_date, r.party_code, r.progress ->> 'percent', ${baseUrl}::text, r.id
           ),
           format('deadline:%s:%s:%s:%s', c.id, c.closes_at - current_date, r.party_code, u.email)
    FROM cycles c
    JOIN reports r ON r.cycle_id = c.id AND r.status <> 'submitted'
    JOIN role_assignments ra
      ON ra.role = 'focal_point' AND ra.instrument_code = c.instrument_code AND ra.party_code = r.party_code
    JOIN users u ON u.id = ra.user_id AND u.disabled_at IS NULL
    WHERE c.closed_at IS NULL
      AND c.opens_at <= current_date
      AND (c.closes_at - current_date) = ANY (${sql.val([...days])}::int[])
    ON CONFLICT (dedupe_key) DO NOTHING`.execute(db);
  return Number(numAffectedRows ?? 0);
}
