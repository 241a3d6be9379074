import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import type { Actor } from './policy.ts';
import { formatRole, parseRole, type RoleGrant } from './roles.ts';

/** The rules every password meets (argon2id-hashed; long passphrases welcome). */
export const passwordSchema = z
  .string()
  .min(10, 'a password has at least 10 characters')
  .max(1000, 'a password has at most 1000 characters');

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'not an e-mail address');

export const languageSchema = z.enum(['en', 'fr', 'es']);
export const nameSchema = z.string().trim().max(200);

export const roleTextSchema = z
  .string()
  .max(100)
  .refine(
    (text) => parseRole(text) !== null,
    'not a role: admin, analyst, secretariat:CMS, focal_point:FRA:CMS or contributor:FRA:CMS',
  );

/** A signed-in user as the API shows it. */
export const userViewSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  roles: z.array(z.string()),
});

export function userView(actor: Actor) {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    language: actor.language,
    roles: actor.roles.map(formatRole),
  };
}

/** Role texts already checked by roleTextSchema, as grants. */
export function grantsOf(texts: string[]): RoleGrant[] {
  return texts.map((text) => parseRole(text) as RoleGrant);
}

/** Refuses grants on an instrument or Party that does not exist (before the database would). */
export function refuseUnknownScopes(unknown: number[], field = 'roles'): void {
  if (unknown.length === 0) return;
  throw new InputError(
    'a role names an instrument or Party that does not exist',
    unknown.map((index) => ({ in: 'body', path: [field, index], message: 'no such instrument or Party' })),
  );
}

/** Where the links in e-mails point. */
export function publicUrl(app: FastifyInstance): string {
  return (app.config.PUBLIC_URL ?? `http://${app.config.HOST}:${app.config.PORT}`).replace(/\/$/, '');
}
