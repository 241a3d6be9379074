import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseRole } from '../../server/auth/roles.ts';
import { createApiToken, createUser, grantRoles } from '../../server/repositories/users.ts';

/**
 * A new user holding `roles` (as the command line writes them: `focal_point:FRA:CMS`) and the
 * headers that act as them. `const headers = await bearerFor(app, ['secretariat:CMS'])`.
 */
export async function bearerFor(app: FastifyInstance, roles: string[]): Promise<{ authorization: string }> {
  const grants = roles.map((text) => {
    const grant = parseRole(text);
    if (!grant) throw new Error(`not a role: ${text}`);
    return grant;
  });
  const userId = await createUser(app.db, { email: `user-${randomBytes(6).toString('hex')}@example.org` });
  await grantRoles(app.db, userId, grants);
  const { token } = await createApiToken(app.db, userId, 'test');
  return { authorization: `Bearer ${token}` };
}
