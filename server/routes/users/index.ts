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
} from '../../auth/accounts.ts';
import { invitationMail, invitationTtlMs } from '../../auth/mails.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Actor } from '../../auth/policy.ts';
import { formatRole } from '../../auth/roles.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { enqueueMail } from '../../repositories/outbox.ts';
import { deleteSessionsOfUser } from '../../repositories/sessions.ts';
import { createUserToken } from '../../repositories/user-tokens.ts';
import {
  createUser,
  findUserByEmail,
  findUserById,
  grantRoles,
  listUsers,
  replaceRoles,
  unknownRoleScopes,
  updateUser,
} from '../../repositories/users.ts';

const smallBody = 16 * 1024;
const manage = { access: { permission: 'users.manage' as const } };

const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  roles: z.array(z.string()),
  createdAt: z.date(),
  disabled: z.boolean(),
  pending: z.boolean().describe('invited, no password chosen yet'),
});

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/** Administration of users and their roles (administrators only). */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const view = async (id: number) => {
    const user = await findUserById(app.db, id);
    if (!user) throw new NotFoundError('the user');
    const [listed] = await listUsers(app.db, { search: user.email, limit: 1, offset: 0 });
    if (!listed) throw new NotFoundError('the user');
    return {
      id: listed.id,
      email: listed.email,
      name: listed.name,
      language: listed.language,
      roles: listed.roles.map(formatRole),
      createdAt: listed.created_at,
      disabled: listed.disabled_at !== null,
      pending: listed.pending,
    };
  };

  app.get(
    '/api/users',
    {
      config: manage,
      schema: {
        tags: ['users'],
        summary: 'Users with their roles, by e-mail',
        querystring: z.object({
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ users: z.array(userSchema) }) },
      },
    },
    async (request) => {
      const users = await listUsers(app.db, request.query);
      return {
        users: users.map((user) => ({
          id: user.id,
          email: user.email,
          name: user.name,
          language: user.language,
          roles: user.roles.map(formatRole),
          createdAt: user.created_at,
          disabled: user.disabled_at !== null,
          pending: user.pending,
        })),
      };
    },
  );

  app.post(
    '/api/users',
    {
      config: manage,
      bodyLimit: smallBody,
      schema: {
        tags: ['users'],
        summary: 'Create a user; without a password, an invitation link goes to the outbox',
        body: z
          .object({
            email: emailSchema,
            name: nameSchema.default(''),
            language: languageSchema.default('en'),
            roles: z.array(roleTextSchema).max(50).default([]),
            password: passwordSchema.optional(),
          })
          .strict(),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      const grants = grantsOf(request.body.roles);
      refuseUnknownScopes(await unknownRoleScopes(app.db, grants));
      const passwordHash = request.body.password ? await hashPassword(request.body.password) : null;
      const id = await app.db.transaction().execute(async (trx) => {
        if (await findUserByEmail(trx, request.body.email))
          throw new ConflictError('a user has this e-mail address');
        const userId = await createUser(trx, { ...request.body, passwordHash });
        await grantRoles(trx, userId, grants);
        if (!passwordHash) {
          const token = await createUserToken(trx, {
            userId,
            kind: 'invitation',
            ttlMs: invitationTtlMs,
            createdBy: actor.userId,
          });
          const mail = invitationMail(
            publicUrl(app),
            request.body.email.toLowerCase(),
            token,
            actor.name || actor.email,
          );
          await enqueueMail(trx, mail);
        }
        return userId;
      });
      return reply.status(201).send(await view(id));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: manage,
      bodyLimit: smallBody,
      schema: {
        tags: ['users'],
        summary: 'Rename, disable or enable a user, or replace its roles (disabling ends its sessions)',
        params: idParams,
        body: z
          .object({
            name: nameSchema.optional(),
            language: languageSchema.optional(),
            disabled: z.boolean().optional(),
            roles: z.array(roleTextSchema).max(50).optional(),
          })
          .strict(),
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const actor = request.actor as Actor;
      const { id } = request.params;
      const { roles, disabled, ...changes } = request.body;
      const grants = roles ? grantsOf(roles) : undefined;
      if (grants) refuseUnknownScopes(await unknownRoleScopes(app.db, grants));
      // An administrator cannot lock itself out (the last way back in would be the command line).
      if (id === actor.userId && (disabled === true || (grants && !grants.some((g) => g.role === 'admin')))) {
        throw new ConflictError('you cannot disable yourself or take away your own admin role');
      }
      await app.db.transaction().execute(async (trx) => {
        if (!(await findUserById(trx, id))) throw new NotFoundError('the user');
        await updateUser(trx, id, {
          ...changes,
          disabledAt: disabled === undefined ? undefined : disabled ? new Date() : null,
        });
        if (grants) await replaceRoles(trx, id, grants);
        if (disabled) await deleteSessionsOfUser(trx, id);
      });
      return view(id);
    },
  );
};

export default userRoutes;
