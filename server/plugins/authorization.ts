import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorForToken } from '../auth/actors.ts';
import { type Actor, can, type Permission, type Scope } from '../auth/policy.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';

/**
 * Who may call a route. Every route declares one (the app refuses to start otherwise):
 * `public`, `signed-in`, or a permission decided by the policy on the scope the route resolves
 * (`null` from `scope` means the resource does not exist: 404).
 */
export type Access =
  | 'public'
  | 'signed-in'
  | { permission: Permission; scope?: (request: FastifyRequest) => Promise<Scope | null> | Scope | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for the public. */
    actor: Actor | null;
  }
}

/** Routes that other plugins add (the OpenAPI pages, the client's files) are public. */
const publicPrefixes = ['/docs', '/assets/'];

async function authorization(app: FastifyInstance): Promise<void> {
  app.decorateRequest('actor', null);

  // Checked once every plugin has had its say (a plugin may mark its own routes public in a later hook).
  const routes: { method: unknown; url: string; config?: { access?: Access } }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route as (typeof routes)[number]);
  });
  app.addHook('onReady', async () => {
    for (const route of routes) {
      if (route.config?.access) continue;
      if (publicPrefixes.some((prefix) => route.url.startsWith(prefix))) {
        route.config = { ...route.config, access: 'public' };
        continue;
      }
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await actorForToken(app.db, header.slice('Bearer '.length).trim());
      if (!actor) throw new UnauthorizedError();
      request.actor = actor;
    }
  });

  // Before validation, so that nobody learns the shape of a route they may not call.
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access ?? 'signed-in';
    if (access === 'public') return;
    if (!request.actor) throw new UnauthorizedError();
    if (access === 'signed-in') return;
    const scope = access.scope ? await access.scope(request) : {};
    if (scope === null) throw new NotFoundError('the resource');
    if (!can(request.actor, access.permission, scope)) throw new ForbiddenError();
  });
}

export default fp(authorization, { name: 'authorization', dependencies: ['database'] });
