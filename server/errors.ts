import createError from '@fastify/error';

/** A problem with one part of a request: where (`in` and `path`) and what. */
export interface ProblemDetail {
  in?: 'body' | 'query' | 'params' | 'headers';
  path: (string | number)[];
  message: string;
  code?: string;
  /** The values the message names, for a client that says it in another language (`formatProblem`). */
  params?: Record<string, string | number>;
}

/** An error that carries the problems found in the input it refuses. */
export class InputError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly errors: ProblemDetail[];
  constructor(message: string, errors: ProblemDetail[], statusCode = 422, code = 'ORS_INVALID_INPUT') {
    super(message);
    this.name = 'InputError';
    this.statusCode = statusCode;
    this.code = code;
    this.errors = errors;
  }
}

export const NotFoundError = createError<[string]>('ORS_NOT_FOUND', '%s not found', 404);
export const ConflictError = createError<[string]>('ORS_CONFLICT', '%s', 409);
export const WrongStateError = createError<[string]>('ORS_WRONG_STATE', '%s', 409);
/** Answers and submissions of a closed cycle are refused until the secretariat reopens the cycle. */
export const CycleClosedError = createError(
  'ORS_CYCLE_CLOSED',
  'the reporting cycle is closed: its reports can no longer change; ask the secretariat to reopen the cycle',
  423,
);
/** A reminder to a Party that has no focal point to receive it. */
export const NoRecipientsError = createError<[string]>('ORS_NO_RECIPIENTS', '%s', 409);
export const UnauthorizedError = createError('ORS_UNAUTHENTICATED', 'sign in to do this', 401);
export const ForbiddenError = createError('ORS_FORBIDDEN', 'you may not do this', 403);
export const UnavailableError = createError(
  'ORS_UNAVAILABLE',
  'the database is unavailable; try again shortly',
  503,
);
/** The server sheds load: the client retries after the Retry-After the answer gives. */
export const OverloadedError = createError(
  'ORS_OVERLOADED',
  'the server is too busy to take this request now; try again shortly',
  503,
);
/** The same answer whether the e-mail address is unknown, the account disabled or the password wrong. */
export const SignInFailedError = createError(
  'ORS_SIGN_IN_FAILED',
  'the e-mail address or the password is wrong',
  401,
);
export const InvalidLinkError = createError(
  'ORS_INVALID_LINK',
  'this link is not valid or has expired; ask for a new one',
  400,
);
