import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { OverloadedError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The last answers of the public reference reads, served while the database is unavailable. */
    staleReads: StaleReads;
  }
}

/** Seconds a client is told to wait (Retry-After) when the server sheds load. */
export const overloadRetryAfterSeconds = 1;

/**
 * Public reads of reference data that change rarely: instruments, Parties, memberships, concepts and
 * published questionnaire versions (immutable). Their last 200 answer is kept, by URL, and served when
 * the database does not answer, so that forms can still be shown while it restarts.
 */
const staleableRoutes = new Set([
  '/api/instruments',
  '/api/parties',
  '/api/instruments/:code/parties',
  '/api/concepts',
  '/api/questionnaires/:key/versions/:version',
]);

export class StaleReads {
  readonly #entries = new Map<string, { body: string; type: string }>();
  readonly #capacity: number;

  constructor(capacity = 500) {
    this.#capacity = capacity;
  }

  static applies(request: FastifyRequest): boolean {
    return (
      request.method === 'GET' &&
      request.routeOptions.config?.access === 'public' &&
      staleableRoutes.has(request.routeOptions.url ?? '')
    );
  }

  remember(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || !StaleReads.applies(request)) return;
    this.#entries.delete(request.url);
    this.#entries.set(request.url, { body: payload, type: String(reply.getHeader('content-type') ?? '') });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Sends the kept answer of `request`, if there is one; true when it did. */
  serve(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!StaleReads.applies(request)) return false;
    const entry = this.#entries.get(request.url);
    if (!entry) return false;
    request.log.warn('database unavailable: serving the last known answer');
    reply
      .status(200)
      .header('content-type', entry.type || 'application/json; charset=utf-8')
      .header('warning', '110 - "Response is Stale"')
      .send(entry.body);
    return true;
  }
}

/**
 * Load shedding, so that an overloaded server answers 503 with Retry-After at once rather than let every
 * request wait until it times out: when the event loop lags (@fastify/under-pressure) or when more
 * queries wait for a database connection than MAX_QUEUED_QUERIES. Also keeps the stale reference reads.
 */
async function resilience(app: FastifyInstance): Promise<void> {
  const staleReads = new StaleReads();
  app.decorate('staleReads', staleReads);
  app.addHook('onSend', async (request, reply, payload) => {
    staleReads.remember(request, reply, payload);
    return payload;
  });

  const { MAX_EVENT_LOOP_DELAY_MS, MAX_QUEUED_QUERIES } = app.config;
  const shed = (reply: FastifyReply) => {
    reply.header('retry-after', String(overloadRetryAfterSeconds));
    return new OverloadedError();
  };
  if (MAX_EVENT_LOOP_DELAY_MS > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
      sampleInterval: 250,
      pressureHandler: (_request, reply) => Promise.reject(shed(reply)),
    });
  }
  if (MAX_QUEUED_QUERIES > 0) {
    const pool = app.pg.pool;
    app.addHook('onRequest', async (_request, reply) => {
      if (pool.waitingCount > MAX_QUEUED_QUERIES) throw shed(reply);
    });
  }
}

export default fp(resilience, { name: 'resilience', dependencies: ['database'] });
