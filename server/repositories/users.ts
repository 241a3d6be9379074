import type { Kysely } from 'kysely';
import { grantFromRow, type RoleGrant, rowFromGrant } from '../auth/roles.ts';
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
export async function createApiToken(
  db: Kysely<Database>,
  userId: number,
  name: string,
  expiresAt: Date | null = null,
) {
  const { secret, hash } = newSecret('ors');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hash, prefix: secret.slice(0, 10), expires_at: expiresAt })
    .returning(['id', 'prefix', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token: secret };
}

export function findUserById(db: Kysely<Database>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Users with their roles, ordered by e-mail; `search` matches e-mail or name. */
export async function listUsers(
  db: Kysely<Database>,
  options: { search?: string | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'created_at', 'disabled_at', 'password_hash'])
    .orderBy('email')
    .limit(options.limit)
    .offset(options.offset);
  if (options.search) {
    const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  const users = await query.execute();
  const roles = users.length
    ? await db
        .selectFrom('role_assignments')
        .select(['user_id', 'role', 'instrument_code', 'party_code'])
        .where(
          'user_id',
          'in',
          users.map((user) => user.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return users.map(({ password_hash, ...user }) => ({
    ...user,
    pending: password_hash === null,
    roles: roles.filter((role) => role.user_id === user.id).map(grantFromRow),
  }));
}

export async function updateUser(
  db: Kysely<Database>,
  id: number,
  changes: { name?: string | undefined; language?: string | undefined; disabledAt?: Date | null | undefined },
): Promise<void> {
  const values: { name?: string; language?: string; disabled_at?: Date | null } = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.language !== undefined) values.language = changes.language;
  if (changes.disabledAt !== undefined) values.disabled_at = changes.disabledAt;
  if (Object.keys(values).length === 0) return;
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function setPassword(db: Kysely<Database>, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Replaces every role of a user by `grants`. */
export async function replaceRoles(db: Kysely<Database>, userId: number, grants: RoleGrant[]): Promise<void> {
  await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  await grantRoles(db, userId, grants);
}

/** A user's API tokens, without their secrets. */
export function listApiTokens(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Revokes one of a user's tokens; false when the user has no such live token. */
export async function revokeApiToken(
  db: Kysely<Database>,
  userId: number,
  tokenId: number,
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Indexes of the grants whose instrument or Party does not exist. */
export async function unknownRoleScopes(db: Kysely<Database>, grants: RoleGrant[]): Promise<number[]> {
  const instruments = [
    ...new Set(grants.flatMap((grant) => ('instrument' in grant ? [grant.instrument] : []))),
  ];
  const parties = [...new Set(grants.flatMap((grant) => ('party' in grant ? [grant.party] : [])))];
  const knownInstruments = new Set(
    instruments.length
      ? (await db.selectFrom('instruments').select('code').where('code', 'in', instruments).execute()).map(
          (row) => row.code,
        )
      : [],
  );
  const knownParties = new Set(
    parties.length
      ? (await db.selectFrom('parties').select('code').where('code', 'in', parties).execute()).map(
          (row) => row.code,
        )
      : [],
  );
  return grants.flatMap((grant, index) =>
    ('instrument' in grant && !knownInstruments.has(grant.instrument)) ||
    ('party' in grant && !knownParties.has(grant.party))
      ? [index]
      : [],
  );
}
