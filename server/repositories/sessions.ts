import { type Kysely, sql } from 'kysely';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';

/** How long a session lives: `idleMs` after the last request (sliding), never beyond `maxMs` after sign-in. */
export interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

/** The lifetime the configuration asks for (`SESSION_IDLE_MINUTES`, `SESSION_MAX_DAYS`). */
export function sessionLifetime(config: {
  SESSION_IDLE_MINUTES: number;
  SESSION_MAX_DAYS: number;
}): SessionLifetime {
  return { idleMs: config.SESSION_IDLE_MINUTES * 60_000, maxMs: config.SESSION_MAX_DAYS * 86_400_000 };
}

/** `last_seen_at` is written at most this often, so reading pages does not write a row per request. */
export const touchIntervalMs = 60_000;

/**
 * Opens a session: the cookie value (`secret`) is returned once; the table keeps its SHA-256 as the id,
 * so a leaked table opens no session.
 */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  lifetime: SessionLifetime,
  client: { userAgent?: string | undefined; address?: string | undefined },
) {
  const { secret, hash } = newSecret('s');
  const csrfToken = newSecret('c').secret;
  const now = Date.now();
  const expiresAt = new Date(now + Math.min(lifetime.idleMs, lifetime.maxMs));
  await db
    .insertInto('sessions')
    .values({
      id: hash,
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      user_agent: client.userAgent?.slice(0, 500) ?? null,
      address: client.address ?? null,
    })
    .execute();
  return { secret, id: hash, csrfToken, expiresAt };
}

/** The live session behind a cookie value, with its (enabled) user; null when unknown or expired. */
export function findSession(db: Kysely<Database>, secret: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      's.last_seen_at as lastSeenAt',
      'u.id',
      'u.email',
      'u.name',
      'u.language',
    ])
    .where('s.id', '=', hashSecret(secret))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Slides the expiry forward (bounded by the absolute limit); skipped when seen less than a minute ago. */
export async function touchSession(db: Kysely<Database>, id: string, lifetime: SessionLifetime) {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql`now()`,
      expires_at: sql`least(now() + ${`${lifetime.idleMs} milliseconds`}::interval, created_at + ${`${lifetime.maxMs} milliseconds`}::interval)`,
    })
    .where('id', '=', id)
    .where('last_seen_at', '<', sql<Date>`now() - ${`${touchIntervalMs} milliseconds`}::interval`)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Forgets a user's expired sessions (done at sign-in, so the table does not grow without end). */
export async function deleteExpiredSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
}

/** Ends every session of a user but `exceptId` (the one that asked, after a password change). */
export async function deleteSessionsOfUser(
  db: Kysely<Database>,
  userId: number,
  exceptId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}
