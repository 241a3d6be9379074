import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emailSchema,
  grantsOf,
  languageSchema,
  nameSchema,
  passwordSchema,
  publicUrl,
  refuseUnknownScopes,
  roleTextSchema,
  userView,
  userViewSchema,
} from '../../auth/accounts.ts';
import { actorForSession } from '../../auth/actors.ts';
import { accessGrantedMail, invitationMail, invitationTtlMs } from '../../auth/mails.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Actor, Scope } from '../../auth/policy.ts';
import { formatRole, parseRole } from '../../auth/roles.ts';
import { setSessionCookie } from '../../auth/session-cookie.ts';
import { ConflictError, InvalidLinkError } from '../../errors.ts';
import { enqueueMail } from '../../repositories/outbox.ts';
import { createSession, sessionLifetime } from '../../repositories/sessions.ts';
import { consumeUserToken, createUserToken } from '../../repositories/user-tokens.ts';
import {
  createUser,
  findUserByEmail,
  grantRoles,
  setPassword,
  unknownRoleScopes,
  updateUser,
} from '../../repositories/users.ts';

const smallBody = 16 * 1024;

/**
 * The roles an invitation would give, as scopes for the policy. Read from the raw body (authorization
 * runs before validation): what is not a role yet is left to validation to refuse.
 */
function invitedScopes(body: unknown): Scope[] {
  const roles = (body as { roles?: unknown } | null)?.roles;
  if (!Array.isArray(roles)) return [{}];
  const grants = roles.flatMap((text) => {
    const grant = typeof text === 'string' ? parseRole(text) : null;
    return grant ? [{ grant }] : [];
  });
  return grants.length > 0 ? grants : [{}];
}

/** Invitations: an administrator (any role) or a focal point (contributors of its Party) brings a colleague in. */
const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/invitations',
    {
      config: { access: { permission: 'users.invite', scope: (request) => invitedScopes(request.body) } },
      bodyLimit: smallBody,
      schema: {
        tags: ['users'],
        summary: 'Invite a colleague by e-mail (a one-time link to choose a password goes to the outbox)',
        body: z
          .object({
            email: emailSchema,
            name: nameSchema.default(''),
            language: languageSchema.optional(),
            roles: z.array(roleTextSchema).min(1).max(50),
          })
          .strict(),
        response: { 202: z.object({ status: z.literal('invited') }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      const grants = grantsOf(request.body.roles);
      refuseUnknownScopes(await unknownRoleScopes(app.db, grants));
      const invitedBy = actor.name || actor.email;
      await app.db.transaction().execute(async (trx) => {
        const existing = await findUserByEmail(trx, request.body.email);
        if (existing?.disabled_at)
          throw new ConflictError('this account is disabled; an administrator can enable it');
        const userId =
          existing?.id ??
          (await createUser(trx, {
            email: request.body.email,
            name: request.body.name,
            language: request.body.language ?? actor.language,
          }));
        await grantRoles(trx, userId, grants);
        const email = request.body.email.toLowerCase();
        if (existing?.password_hash) {
          await enqueueMail(trx, accessGrantedMail(publicUrl(app), email, grants.map(formatRole), invitedBy));
          return;
        }
        const token = await createUserToken(trx, {
          userId,
          kind: 'invitation',
          ttlMs: invitationTtlMs,
          createdBy: actor.userId,
        });
        await enqueueMail(trx, invitationMail(publicUrl(app), email, token, invitedBy));
      });
      return reply.status(202).send({ status: 'invited' as const });
    },
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: 'public', csrf: false },
      bodyLimit: smallBody,
      schema: {
        tags: ['users'],
        summary: 'Accept an invitation: choose a password and be signed in',
        body: z
          .object({
            token: z.string().min(1).max(200),
            password: passwordSchema,
            name: nameSchema.min(1).optional(),
          })
          .strict(),
        response: { 200: z.object({ user: userViewSchema, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password);
      const userId = await app.db.transaction().execute(async (trx) => {
        const id = await consumeUserToken(trx, 'invitation', request.body.token);
        if (id === null) throw new InvalidLinkError();
        await setPassword(trx, id, passwordHash);
        await updateUser(trx, id, { name: request.body.name });
        return id;
      });
      const session = await createSession(app.db, userId, sessionLifetime(app.config), {
        userAgent: request.headers['user-agent'],
        address: request.ip,
      });
      setSessionCookie(reply, session.secret);
      const found = await actorForSession(app.db, session.secret);
      if (!found) throw new InvalidLinkError();
      return { user: userView(found.actor), csrfToken: session.csrfToken };
    },
  );
};

export default invitationRoutes;
