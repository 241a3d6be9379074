import createError from '@fastify/error';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { definitionLimits } from '../../forms/index.ts';
import { isSecureRequest } from '../auth/session-cookie.ts';
import { InputError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts one attempt to sign in (or to ask for a password reset) for `account` and for the request's
     * address; throws 429 with Retry-After once either has used up its window. The answer is the same
     * whether the account exists or not.
     */
    limitSignIn(request: FastifyRequest, reply: FastifyReply, account: string): Promise<void>;
  }
}

export const TooManyAttemptsError = createError<[string]>(
  'ORS_RATE_LIMITED',
  'too many attempts; try again in %s',
  429,
);

/** How many times an account's sign-in allowance one client address gets. */
export const addressAllowance = 5;

/** The deepest JSON nesting and the most JSON values any request body may have. */
export const jsonLimits = { depth: definitionLimits.maxJsonDepth, nodes: definitionLimits.maxJsonNodes };

/** What is wrong with a request's input before any schema looks at it, if anything. */
export type InputFault = 'too-complex' | 'nul-character';

/**
 * Walks `value` without recursion (a hostile body cannot exhaust the stack before schema validation,
 * which is recursive, sees it): too deep, too many values, or a NUL character, which PostgreSQL cannot
 * store in text and would refuse with an error.
 */
export function inputFault(value: unknown, limits = jsonLimits): InputFault | null {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    nodes += 1;
    if (nodes > limits.nodes) return 'too-complex';
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return 'nul-character';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > limits.depth) return 'too-complex';
    if (Array.isArray(current)) {
      for (const child of current) stack.push([child, depth + 1]);
    } else {
      for (const [key, child] of Object.entries(current)) stack.push([key, depth + 1], [child, depth + 1]);
    }
  }
  return null;
}

async function security(app: FastifyInstance): Promise<void> {
  // No inline script and no eval anywhere, the API docs included (Swagger UI loads only its own files).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Sent only over https below: over plain http it would be ignored, or wrongly pin a local setup.
    hsts: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (isSecureRequest(request)) {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });

  // Answers and accounts must not linger in a shared or browser cache; routes that want caching say so.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(rateLimit, { global: false });
  const windowMs = app.config.LOGIN_RATE_WINDOW_SECONDS * 1000;
  // Attempts count before the password is checked, so parallel guesses cannot slip past the counter.
  // An office behind one address has many honest users: it gets several times an account's allowance.
  const perAccount = { max: app.config.LOGIN_RATE_LIMIT, timeWindow: windowMs, cache: 100_000 };
  const perAddress = { ...perAccount, max: app.config.LOGIN_RATE_LIMIT * addressAllowance };
  // Which account a request tries: the limiter's key generator reads it from here.
  const accounts = new WeakMap<FastifyRequest, string>();
  const byAddress = app.createRateLimit({ ...perAddress, keyGenerator: (request) => `ip:${request.ip}` });
  const byAccount = app.createRateLimit({
    ...perAccount,
    keyGenerator: (request) => `account:${accounts.get(request) ?? ''}`,
  });
  app.decorate('limitSignIn', async (request: FastifyRequest, reply: FastifyReply, account: string) => {
    accounts.set(request, account.trim().toLowerCase());
    const results = [await byAddress(request), await byAccount(request)];
    const seconds = Math.max(
      0,
      ...results.map((result) => (!result.isAllowed && result.isExceeded ? result.ttlInSeconds : 0)),
    );
    if (seconds === 0) return;
    request.log.warn('sign-in rate limit reached');
    reply.header('retry-after', String(seconds));
    throw new TooManyAttemptsError(`${seconds} s`);
  });

  // Before authorization (whose scope lookups read parameters) and before validation.
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      if (value === undefined) continue;
      const fault = inputFault(value);
      if (fault === 'too-complex') {
        throw new InputError(
          `the request ${where} nests deeper than ${jsonLimits.depth} levels or holds more than ${jsonLimits.nodes} values`,
          [{ in: where, path: [], message: 'too deeply nested or too large' }],
          400,
          'ORS_INPUT_TOO_COMPLEX',
        );
      }
      if (fault === 'nul-character') {
        throw new InputError(
          `the request ${where} contains a NUL character (U+0000)`,
          [{ in: where, path: [], message: 'NUL characters are not accepted' }],
          400,
          'ORS_INVALID_CHARACTER',
        );
      }
    }
  });
}

export default fp(security, { name: 'security' });
