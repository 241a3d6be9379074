/** A path into a JSON document: object keys and array indexes. */
export type Path = (string | number)[];

/**
 * One thing wrong (or worth a warning) in a definition or an answer set.
 * `column` is the 1-based position in the expression text, for problems found in an expression.
 */
export interface Problem {
  path: Path;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  column?: number;
}

/** The outcome of an operation that refuses bad input with problems instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Problem[] };

/** The outcome of `checkDefinition`: the definition with its warnings, or every problem. */
export type CheckResult =
  | { ok: true; value: import('./definition/schema.ts').Definition; warnings: Problem[] }
  | { ok: false; issues: Problem[] };
