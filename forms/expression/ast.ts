/** Names of the functions of the expression language. */
export const functionNames = [
  'selected',
  'count',
  'sum',
  'empty',
  'len',
  'if',
  'min',
  'max',
  'round',
  'today',
  'matches',
  'contains',
] as const;

export type FunctionName = (typeof functionNames)[number];

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';
export type LogicalOperator = '&&' | '||';
export type UnaryOperator = '!' | '-';

/** `start` and `end` are 0-based offsets of the node in the expression text (`end` exclusive). */
interface Span {
  start: number;
  end: number;
}

/**
 * The syntax tree of an expression, discriminated on `type`.
 * `reference.path` is `['pa_count']`, `['table', 'row', 'col']` or `['repeat', 'field']`;
 * `self` is `.`; `context` is `@party` or `@value`; `option` is `@option.<attribute>`.
 */
export type Expression =
  | (Span & { type: 'literal'; value: string | number | boolean | null })
  | (Span & { type: 'reference'; path: string[] })
  | (Span & { type: 'self' })
  | (Span & { type: 'context'; name: 'party' | 'value' })
  | (Span & { type: 'option'; attribute: string })
  | (Span & { type: 'unary'; operator: UnaryOperator; argument: Expression })
  | (Span & { type: 'binary'; operator: BinaryOperator; left: Expression; right: Expression })
  | (Span & { type: 'logical'; operator: LogicalOperator; left: Expression; right: Expression })
  | (Span & { type: 'call'; name: FunctionName; arguments: Expression[] });

/** The first segment of every reference in an expression: the ids it reads by name. */
export function referencedIds(expression: Expression, out = new Set<string>()): Set<string> {
  switch (expression.type) {
    case 'reference':
      if (expression.path[0] !== undefined) out.add(expression.path[0]);
      break;
    case 'unary':
      referencedIds(expression.argument, out);
      break;
    case 'binary':
    case 'logical':
      referencedIds(expression.left, out);
      referencedIds(expression.right, out);
      break;
    case 'call':
      for (const arg of expression.arguments) referencedIds(arg, out);
      break;
    case 'literal':
    case 'self':
    case 'context':
    case 'option':
      break;
    default: {
      const never: never = expression;
      return never;
    }
  }
  return out;
}
