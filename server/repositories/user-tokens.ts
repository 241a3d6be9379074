import { type Kysely, sql } from 'kysely';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import type { Database, UserTokenKind } from '../db/schema.ts';

/** A one-time secret for a link sent by e-mail; earlier unused ones of the same kind stop working. */
export async function createUserToken(
  db: Kysely<Database>,
  input: { userId: number; kind: UserTokenKind; ttlMs: number; createdBy?: number | null },
): Promise<string> {
  const { secret, hash } = newSecret(input.kind === 'invitation' ? 'inv' : 'pwr');
  await db
    .updateTable('user_tokens')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', input.userId)
    .where('kind', '=', input.kind)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('user_tokens')
    .values({
      user_id: input.userId,
      kind: input.kind,
      token_hash: hash,
      created_by: input.createdBy ?? null,
      expires_at: new Date(Date.now() + input.ttlMs),
    })
    .execute();
  return secret;
}

/**
 * Uses a one-time secret: marks it used and returns its user, or null when it is unknown, used, expired,
 * of another kind, or its user is disabled. Marking and checking are one statement, so it works once.
 */
export async function consumeUserToken(
  db: Kysely<Database>,
  kind: UserTokenKind,
  secret: string,
): Promise<number | null> {
  const row = await db
    .updateTable('user_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashSecret(secret))
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users')
          .select('users.id')
          .whereRef('users.id', '=', 'user_tokens.user_id')
          .where('users.disabled_at', 'is', null),
      ),
    )
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}
