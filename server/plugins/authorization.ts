import cookie from '@fastify/cookie';
import createError from '@fastify/error';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorForSession, actorForToken } from '../auth/actors.ts';
import { csrfMatches, safeMethods } from '../auth/csrf.ts';
import { type Actor, can, type Permission, type Scope } from '../auth/policy.ts';
import { sessionCookieName } from '../auth/session-cookie.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import { sessionLifetime, touchIntervalMs, touchSession } from '../repositories/sessions.ts';

/**
 * Who may call a route. Every route declares one (the app refuses to start otherwise):
 * `public`, `signed-in`, or a permission decided by the policy on the scope the route resolves
 * (`null` from `scope` means the resource does not exist: 404; a list means every scope must be allowed).
 */
export type Access =
  | 'public'
  | 'signed-in'
  | {
      permission: Permission;
      scope?: (request: FastifyRequest) => Promise<Scope | Scope[] | null> | Scope | Scope[] | null;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * `false` for the few public writes that act on no session (sign-in, password reset, accepting an
     * invitation): they need no CSRF token even when a session cookie comes along.
     */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for the public. */
    actor: Actor | null;
    /** The session behind the cookie, when the actor came from one. */
    session: { id: string; csrfToken: string } | null;
  }
}

export const CsrfError = createError(
  'ORS_CSRF',
  'this request needs the x-csrf-token header of your session (GET /api/auth/me gives it)',
  403,
);

/** Routes that other plugins add (the OpenAPI pages, the client's files) are public. */
const publicPrefixes = ['/docs', '/assets/'];

/** Routes whose writes change who is signed in, or as whom: each such write empties the actor cache. */
const identityRoutes = ['/api/auth/', '/api/users', '/api/invitations'];

/**
 * Who is behind a token or a session cookie, for a few seconds (ACTOR_CACHE_SECONDS), so that a busy
 * client (autosave) does not cost two queries a request. Only found actors are kept. A change made through
 * this process empties it at once (see identityRoutes); one made elsewhere (the command line, another
 * server) takes effect within the lifetime. Requests that miss at once share one lookup, so that the many
 * requests of a busy moment do not all query when an entry expires; a lookup that began before an
 * emptying serves only the requests that began before it too.
 */
export class ActorCache<T extends object> {
  readonly #entries = new Map<string, { value: Promise<T | null>; until: number }>();
  readonly #lifetimeMs: number;

  constructor(lifetimeMs: number) {
    this.#lifetimeMs = lifetimeMs;
  }

  get(key: string, find: () => Promise<T | null | undefined>): Promise<T | null> {
    if (this.#lifetimeMs <= 0) return find().then((value) => value ?? null);
    const now = Date.now();
    const entry = this.#entries.get(key);
    if (entry && entry.until > now) return entry.value;
    const value = find().then((found) => found ?? null);
    const fresh = { value, until: now + this.#lifetimeMs };
    if (this.#entries.size >= 10_000) this.#entries.clear();
    this.#entries.set(key, fresh);
    // Nobody found, or the lookup failed: not kept (the next request looks again).
    const forget = () => {
      if (this.#entries.get(key) === fresh) this.#entries.delete(key);
    };
    value.then((found) => found ?? forget(), forget);
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

async function authorization(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  const lifetime = sessionLifetime(app.config);

  // Checked once every plugin has had its say (a plugin may mark its own routes public in a later hook).
  const routes: { method: unknown; url: string; config?: { access?: Access } }[] = [];
  app.addHook('onRoute', (route) => {
    // Marked here, while the route's options can still change: after onRoute they are frozen in.
    if (!route.config?.access && publicPrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...route.config, access: 'public' };
    }
    routes.push(route as (typeof routes)[number]);
  });
  app.addHook('onReady', async () => {
    for (const route of routes) {
      if (route.config?.access) continue;
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });

  const lifetimeMs = app.config.ACTOR_CACHE_SECONDS * 1000;
  const tokens = new ActorCache<{ actor: Actor }>(lifetimeMs);
  const sessions = new ActorCache<NonNullable<Awaited<ReturnType<typeof actorForSession>>>>(lifetimeMs);
  // Signing out, revoking a token, disabling a user or changing roles goes through these routes: once one
  // of their writes is answered, no request of this process may still use an actor from before it.
  app.addHook('onSend', async (request, _reply, payload) => {
    const url = request.routeOptions.url ?? '';
    if (!safeMethods.has(request.method) && identityRoutes.some((prefix) => url.startsWith(prefix))) {
      tokens.clear();
      sessions.clear();
    }
    return payload;
  });
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    // A bearer token wins over a cookie; a browser cannot attach one cross-site, so it needs no CSRF token.
    // Other schemes (a proxy's Basic authentication) are not ORS's and are left alone.
    if (header?.startsWith('Bearer ')) {
      const token = header.slice('Bearer '.length).trim();
      const actor = await tokens.get(token, async () => {
        const found = await actorForToken(app.db, token);
        return found && { actor: found };
      });
      if (!actor) throw new UnauthorizedError();
      request.actor = actor.actor;
      return;
    }
    const secret = request.cookies[sessionCookieName];
    if (!secret) return;
    // An unknown or expired cookie is simply no session: the public may still read public pages.
    const found = await sessions.get(secret, () => actorForSession(app.db, secret));
    if (!found) return;
    request.actor = found.actor;
    request.session = { id: found.sessionId, csrfToken: found.csrfToken };
    if (Date.now() - found.lastSeenAt.getTime() >= touchIntervalMs) {
      await touchSession(app.db, found.sessionId, lifetime);
      found.lastSeenAt = new Date();
    }
    if (
      !request.is404 &&
      !safeMethods.has(request.method) &&
      request.routeOptions.config?.csrf !== false &&
      !csrfMatches(found.csrfToken, request.headers['x-csrf-token'])
    ) {
      throw new CsrfError();
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
    const scopes = Array.isArray(scope) ? scope : [scope];
    const actor = request.actor;
    if (scopes.length === 0 || !scopes.every((each) => can(actor, access.permission, each))) {
      throw new ForbiddenError();
    }
  });
}

export default fp(authorization, { name: 'authorization', dependencies: ['database'] });
