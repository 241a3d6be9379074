import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  languageSchema,
  nameSchema,
  passwordSchema,
  publicUrl,
  userView,
  userViewSchema,
} from '../../auth/accounts.ts';
import { actorForSession } from '../../auth/actors.ts';
import { passwordResetMail, passwordResetTtlMs } from '../../auth/mails.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Actor } from '../../auth/policy.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie.ts';
import {
  InputError,
  InvalidLinkError,
  NotFoundError,
  SignInFailedError,
  UnauthorizedError,
} from '../../errors.ts';
import { enqueueMail } from '../../repositories/outbox.ts';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  sessionLifetime,
} from '../../repositories/sessions.ts';
import { consumeUserToken, createUserToken } from '../../repositories/user-tokens.ts';
import {
  createApiToken,
  findUserByEmail,
  findUserById,
  listApiTokens,
  revokeApiToken,
  setPassword,
  updateUser,
} from '../../repositories/users.ts';

const smallBody = 16 * 1024;

const meSchema = userViewSchema.extend({
  csrfToken: z.string().nullable().describe('send it as x-csrf-token with cookie-authenticated writes'),
});

const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

/** Sign-in, sessions, passwords and personal API tokens. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const lifetime = sessionLifetime(app.config);
  // Verified against when the account does not exist, so that the answer takes as long either way.
  const decoyHash = await hashPassword(`decoy-${Math.random()}`);

  const me = (actor: Actor | null, csrfToken: string | null) => {
    if (!actor) throw new UnauthorizedError();
    return { ...userView(actor), csrfToken };
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', csrf: false },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the ors_session cookie and returns the CSRF token for writes',
        body: z.object({ email: z.string().max(320), password: z.string().max(1000) }).strict(),
        response: { 200: z.object({ user: userViewSchema, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await app.limitSignIn(request, reply, email);
      const user = await findUserByEmail(app.db, email);
      const usable = user && user.password_hash !== null && user.disabled_at === null;
      const valid = await verifyPassword(usable ? (user.password_hash as string) : decoyHash, password);
      if (!usable || !valid) throw new SignInFailedError();
      if (request.session) await deleteSession(app.db, request.session.id);
      await deleteExpiredSessions(app.db, user.id);
      const session = await createSession(app.db, user.id, lifetime, {
        userAgent: request.headers['user-agent'],
        address: request.ip,
      });
      setSessionCookie(reply, session.secret);
      const found = await actorForSession(app.db, session.secret);
      if (!found) throw new SignInFailedError();
      return { user: userView(found.actor), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      bodyLimit: smallBody,
      schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.session) await deleteSession(app.db, request.session.id);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema } },
    },
    async (request) => me(request.actor, request.session?.csrfToken ?? null),
  );

  app.patch(
    '/api/auth/me',
    {
      config: { access: 'signed-in' },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'Change your name or language',
        body: z.object({ name: nameSchema.optional(), language: languageSchema.optional() }).strict(),
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = request.actor as Actor;
      await updateUser(app.db, actor.userId, request.body);
      return me({ ...actor, ...request.body }, request.session?.csrfToken ?? null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'signed-in' },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'Change your password: ends your other sessions (API tokens stay)',
        body: z.object({ currentPassword: z.string().max(1000), newPassword: passwordSchema }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      await app.limitSignIn(request, reply, actor.email);
      const user = await findUserById(app.db, actor.userId);
      if (!user?.password_hash || !(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new InputError('the current password is wrong', [
          { in: 'body', path: ['currentPassword'], message: 'wrong password' },
        ]);
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await app.db.transaction().execute(async (trx) => {
        await setPassword(trx, actor.userId, passwordHash);
        await deleteSessionsOfUser(trx, actor.userId, request.session?.id);
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', csrf: false },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'Send a one-time link to set a new password (202 whether or not the address is known)',
        body: z.object({ email: z.string().max(320) }).strict(),
      },
    },
    async (request, reply) => {
      await app.limitSignIn(request, reply, request.body.email);
      const user = await findUserByEmail(app.db, request.body.email);
      if (user && user.disabled_at === null) {
        await app.db.transaction().execute(async (trx) => {
          const token = await createUserToken(trx, {
            userId: user.id,
            kind: 'password-reset',
            ttlMs: passwordResetTtlMs,
          });
          await enqueueMail(trx, passwordResetMail(publicUrl(app), user.email, token));
        });
      }
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', csrf: false },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the one-time link; ends every session of the account',
        body: z.object({ token: z.string().min(1).max(200), newPassword: passwordSchema }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.newPassword);
      await app.db.transaction().execute(async (trx) => {
        const userId = await consumeUserToken(trx, 'password-reset', request.body.token);
        if (userId === null) throw new InvalidLinkError();
        await setPassword(trx, userId, passwordHash);
        await deleteSessionsOfUser(trx, userId);
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'signed-in' },
      bodyLimit: smallBody,
      schema: {
        tags: ['auth'],
        summary: 'A personal API token (send as Authorization: Bearer); the secret is shown only here',
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            expiresInDays: z
              .number()
              .int()
              .min(1)
              .max(3650)
              .optional()
              .describe('without it, the token never expires'),
          })
          .strict(),
        response: { 201: tokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      const { name, expiresInDays } = request.body;
      const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
      const created = await createApiToken(app.db, actor.userId, name, expiresAt);
      return reply.status(201).send({
        id: created.id,
        name,
        prefix: created.prefix,
        createdAt: created.created_at,
        lastUsedAt: null,
        expiresAt: created.expires_at,
        revokedAt: null,
        token: created.token,
      });
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens (never their secrets)',
        response: { 200: z.object({ tokens: z.array(tokenSchema) }) },
      },
    },
    async (request) => {
      const rows = await listApiTokens(app.db, (request.actor as Actor).userId);
      return {
        tokens: rows.map((row) => ({
          id: row.id,
          name: row.name,
          prefix: row.prefix,
          createdAt: row.created_at,
          lastUsedAt: row.last_used_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
        })),
      };
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiToken(app.db, (request.actor as Actor).userId, request.params.id);
      if (!revoked) throw new NotFoundError('the token');
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
