import type { Kysely } from 'kysely';
import { type RoleGrant, rowFromGrant } from '../auth/roles.ts';
import { newSecret } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';

export interface NewUserInput {
  email: string;
  name?: string;
  passwordHash?: string | null;
  language?: string;
}

/** Creates a user (e-mail stored lower-case); returns its id. */
export async function createUser(db: Kysely<Database>, input: NewUserInput): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name ?? '',
      password_hash: input.passwordHash ?? null,
      language: input.language ?? 'en',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** Adds roles to a user; a role already held is kept once. */
export async function grantRoles(db: Kysely<Database>, userId: number, grants: RoleGrant[]): Promise<void> {
  if (grants.length === 0) return;
  await db
    .insertInto('role_assignments')
    .values(grants.map((grant) => ({ user_id: userId, ...rowFromGrant(grant) })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A new personal API token: the secret is returned once and only its hash is kept. */
export async function createApiToken(db: Kysely<Database>, userId: number, name: string) {
  const { secret, hash } = newSecret('ors');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hash, prefix: secret.slice(0, 10) })
    .returning(['id', 'prefix', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token: secret };
}
