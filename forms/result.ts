/** A path into a JSON document: object keys and array indexes. */
export type Path = (string | number)[];

/**
 * One thing wrong (or worth a warning) in a definition or an answer set.
 * `column` is the 1-based position in the expression text, for problems found in an expression.
 * `params` holds the values the message names (ids, types, counts), so that `formatProblem` can say it
 * in another language; `message` stays the English sentence.
 */
export interface Problem {
  path: Path;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  column?: number;
  params?: ProblemParams;
}

/** The values a problem's message names; `kind` tells apart the sentences of one code. */
export type ProblemParams = Record<string, string | number>;

/** The outcome of an operation that refuses bad input with problems instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Problem[] };

/** The outcome of `checkDefinition`: the definition with its warnings, or every problem. */
export type CheckResult =
  | { ok: true; value: import('./definition/schema.ts').Definition; warnings: Problem[] }
  | { ok: false; issues: Problem[] };
