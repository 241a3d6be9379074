/** One problem of an `errors` list in a problem document. */
export interface ProblemError {
  in?: string;
  path?: (string | number)[];
  message: string;
  code?: string;
  /** With a definition's problems: the values its message names, for `formatProblem`. */
  params?: Record<string, string | number>;
}

/** An `application/problem+json` document (RFC 9457) as the server sends it, with ORS's extensions. */
export interface Problem {
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

/**
 * A request that did not succeed: `status` 0 means the network failed (offline, server unreachable);
 * `retryAfter` is in seconds when the server sent `Retry-After`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Whether trying again later may succeed: network failure, 502–504, 429. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || (this.status >= 502 && this.status <= 504);
  }
}
