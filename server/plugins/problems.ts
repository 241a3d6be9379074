import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InputError, type ProblemDetail } from '../errors.ts';

/** RFC 9457 problem document, as every error of ORS is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code?: string;
  requestId: string;
  errors?: ProblemDetail[];
  /** 409 ORS_ANSWER_CONFLICT: each question changed since the client's revision, with its current value. */
  conflicts?: readonly unknown[];
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const locations = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' } as const;

// Connection failures and a database shutting down or starting: the client may simply retry.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  // A statement cancelled by statement_timeout: the database is too busy; the client may retry.
  '57014',
]);

function isDatabaseUnavailable(error: FastifyError): boolean {
  if (unavailableCodes.has(error.code) || error.code?.startsWith('08')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|is not queryable/.test(
    error.message,
  );
}

function pathOf(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** Sends `problem` as `application/problem+json`. */
export function sendProblem(
  reply: FastifyReply,
  problem: Omit<Problem, 'instance' | 'requestId' | 'title'> & {
    title?: string;
  },
): FastifyReply {
  const request = reply.request;
  const body: Problem = {
    title: titles[problem.status] ?? 'Error',
    ...problem,
    instance: request.url,
    requestId: request.id,
  };
  return reply.status(problem.status).type('application/problem+json').send(body);
}

/** The 409 of a save whose questions changed since the client's revision, with each one's current value. */
export function sendAnswerConflict(reply: FastifyReply, conflicts: readonly unknown[]): FastifyReply {
  return sendProblem(reply, {
    type: 'about:blank',
    status: 409,
    code: 'ORS_ANSWER_CONFLICT',
    detail: 'some of these questions changed since your revision: nothing was saved',
    conflicts,
  });
}

function handleError(
  this: FastifyInstance,
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = locations[error.validationContext as keyof typeof locations] ?? 'body';
    return sendProblem(reply, {
      type: 'about:blank',
      status: 400,
      code: 'ORS_INVALID_REQUEST',
      detail: `the request ${where === 'query' ? 'query string' : where} is not valid`,
      errors: error.validation.map((issue) => ({
        in: where,
        path: pathOf(issue.instancePath),
        message: issue.message ?? 'invalid',
      })),
    });
  }
  if (error instanceof InputError) {
    return sendProblem(reply, {
      type: 'about:blank',
      status: error.statusCode,
      code: error.code,
      detail: error.message,
      errors: error.errors,
    });
  }
  if (isDatabaseUnavailable(error)) {
    if (this.hasDecorator('staleReads') && this.staleReads.serve(request, reply)) return reply;
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', '2');
    return sendProblem(reply, {
      type: 'about:blank',
      status: 503,
      code: 'ORS_UNAVAILABLE',
      detail: 'the database is unavailable; try again shortly',
    });
  }
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  // Every 503 tells the client when to try again.
  if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '2');
  // Our own coded errors say something safe; any other 5xx message could leak internals.
  if (status >= 500 && !error.code?.startsWith('ORS_')) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, {
      type: 'about:blank',
      status,
      detail: 'something went wrong on our side; the request id identifies it in the server log',
    });
  }
  return sendProblem(reply, { type: 'about:blank', status, code: error.code, detail: error.message });
}

async function problems(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      status: 404,
      code: 'ORS_NOT_FOUND',
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}

export default fp(problems, { name: 'problems' });
