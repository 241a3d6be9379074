import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/auth/passwords.ts';
import { parseRole } from '../../server/auth/roles.ts';
import { createUser, grantRoles } from '../../server/repositories/users.ts';

export const testPassword = 'correct horse battery staple';

/** A new user with `roles` and the test password; returns its id and e-mail. */
export async function userWithPassword(app: FastifyInstance, roles: string[] = [], password = testPassword) {
  const email = `person-${randomBytes(6).toString('hex')}@example.org`;
  const id = await createUser(app.db, {
    email,
    name: 'Test Person',
    passwordHash: await hashPassword(password),
  });
  await grantRoles(
    app.db,
    id,
    roles.map((text) => {
      const grant = parseRole(text);
      if (!grant) throw new Error(`not a role: ${text}`);
      return grant;
    }),
  );
  return { id, email };
}

/** Signs in through the API: the cookie header and the CSRF token to send with writes. */
export async function signIn(app: FastifyInstance, email: string, password = testPassword) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'ors_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `ors_session=${cookie.value}`,
    csrfToken: (response.json() as { csrfToken: string }).csrfToken,
    headers: {
      cookie: `ors_session=${cookie.value}`,
      'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken,
    },
  };
}

/** CMS and AEWA, France and Germany, both members of both: enough scope for role tests. */
export async function seedScopes(app: FastifyInstance): Promise<void> {
  await app.db
    .insertInto('instruments')
    .values([
      { code: 'CMS', name: { en: 'Convention on Migratory Species' } },
      { code: 'AEWA', name: { en: 'African-Eurasian Waterbird Agreement' }, parent_code: null },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await app.db
    .insertInto('parties')
    .values([
      { code: 'FRA', name: { en: 'France' } },
      { code: 'DEU', name: { en: 'Germany' } },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await app.db
    .insertInto('memberships')
    .values(
      ['CMS', 'AEWA'].flatMap((instrument_code) =>
        ['FRA', 'DEU'].map((party_code) => ({ instrument_code, party_code, since: '2000-01-01' })),
      ),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
