import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findSession, touchIntervalMs } from '../repositories/sessions.ts';
import type { Actor } from './policy.ts';
import { grantFromRow } from './roles.ts';
import { hashSecret } from './tokens.ts';

/** The user behind a personal API token, or null when it is unknown, revoked, expired or its user disabled. */
export async function actorForToken(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as tokenId', 't.last_used_at as lastUsedAt', 'u.id', 'u.email', 'u.name', 'u.language'])
    .where('t.token_hash', '=', hashSecret(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // At most once a minute, like sessions: reading with a token should not write a row per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= touchIntervalMs) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('id', '=', row.tokenId)
      .execute();
  }
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    via: 'token',
    roles: await rolesOf(db, row.id),
  };
}

/** The user behind a session cookie, with the session; null when it is unknown, expired or its user disabled. */
export async function actorForSession(db: Kysely<Database>, secret: string) {
  const row = await findSession(db, secret);
  if (!row) return null;
  const actor: Actor = {
    userId: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    via: 'session',
    sessionId: row.sessionId,
    roles: await rolesOf(db, row.id),
  };
  return { actor, sessionId: row.sessionId, csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt };
}

/** Every role a user holds. */
export async function rolesOf(db: Kysely<Database>, userId: number) {
  const rows = await db
    .selectFrom('role_assignments')
    .select(['role', 'instrument_code', 'party_code'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map(grantFromRow);
}
