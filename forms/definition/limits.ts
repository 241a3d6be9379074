/**
 * Bounds that keep hostile or accidental giant definitions from exhausting memory or stack.
 * The checker refuses a definition that exceeds any of them.
 *
 * @example
 * if (text.length > definitionLimits.maxExpressionLength) refuse();
 */
export const definitionLimits = {
  /** Items in the whole definition, nested ones included. */
  maxItems: 20_000,
  /** Nesting of groups, loops, repeats and tables inside one another. */
  maxItemDepth: 12,
  /** Nesting of JSON objects and arrays in the raw input, checked before any schema work. */
  maxJsonDepth: 64,
  /** JSON values (objects, arrays, scalars) in the raw input. */
  maxJsonNodes: 2_000_000,
  /** Characters in one expression. */
  maxExpressionLength: 2_000,
  /** Nesting of parentheses, calls and unary operators in one expression. */
  maxExpressionNesting: 64,
  /** Characters in a regular expression (`pattern`, `matches`). */
  maxPatternLength: 200,
  /** Options in one inline list or code list. */
  maxOptions: 10_000,
  /** Characters in one piece of text (label, help, note). */
  maxTextLength: 20_000,
  /** Problems reported before the checker stops collecting. */
  maxProblems: 1_000,
} as const;
