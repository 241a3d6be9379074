import { definitionLimits } from '../definition/limits.ts';
import type { Problem, ProblemParams } from '../result.ts';
import {
  type BinaryOperator,
  type Expression,
  type FunctionName,
  functionNames,
  type LogicalOperator,
} from './ast.ts';
import { type Token, tokenize } from './tokenize.ts';

/** Binding strength of each binary operator (higher binds tighter); printers of expressions use it too. */
export const operatorPrecedence: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

const functionSet: ReadonlySet<string> = new Set(functionNames);

class ParseError {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly code = 'syntax',
    readonly params?: ProblemParams,
  ) {}
}

// A small hand-written Pratt parser rather than jsep: jsep's operators are global mutable state shared
// with any other user in the process, its nodes carry no positions (problems need columns), and `.`,
// `@option.range` and `table.2020.col` would each need a plugin.

function fail(
  message: string,
  start: number,
  code = 'syntax',
  params?: ProblemParams,
): { ok: false; issues: Problem[] } {
  const problem: Problem = { path: [], code, message, severity: 'error', column: start + 1 };
  return { ok: false, issues: [params === undefined ? problem : { ...problem, params }] };
}

/**
 * Parses expression text into a syntax tree; problems carry the 1-based `column` and an empty path
 * (the checker prefixes the path of the field the expression is in).
 *
 * @example
 * const parsed = parseExpression("has_appendix_i == 'yes' && pa_count > 0");
 * if (parsed.ok) parsed.value.type; // 'logical'
 */
export function parseExpression(
  src: string,
): { ok: true; value: Expression } | { ok: false; issues: Problem[] } {
  if (typeof src !== 'string') return fail('an expression must be text', 0, 'syntax', { kind: 'not_text' });
  if (src.length > definitionLimits.maxExpressionLength) {
    return fail(
      `an expression may be at most ${definitionLimits.maxExpressionLength} characters`,
      0,
      'too_long',
      { max: definitionLimits.maxExpressionLength },
    );
  }
  const lexed = tokenize(src);
  if (!lexed.ok) return fail(lexed.error.message, lexed.error.start, 'syntax', lexed.error.params);
  try {
    return { ok: true, value: new Parser(lexed.tokens).parseAll() };
  } catch (error) {
    if (error instanceof ParseError) return fail(error.message, error.start, error.code, error.params);
    throw error;
  }
}

// Throwing ParseError internally keeps the recursive descent readable; parseExpression turns it into a value.
class Parser {
  private index = 0;
  private depth = 0;

  private readonly eof: Token;

  constructor(private readonly tokens: Token[]) {
    const end = tokens[tokens.length - 1]?.end ?? 0;
    this.eof = { kind: 'eof', start: end, end };
  }

  parseAll(): Expression {
    if (this.peek().kind === 'eof')
      throw new ParseError('the expression is empty', 0, 'syntax', { kind: 'empty' });
    const expression = this.parseBinary(1);
    const rest = this.peek();
    if (rest.kind !== 'eof') throw unexpected(rest);
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.eof;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.value === value;
  }

  private expectOp(value: string, what: string): Token {
    const token = this.peek();
    if (token.kind !== 'op' || token.value !== value) {
      const kind =
        token.kind === 'eof'
          ? 'ends_early'
          : value === ')' && what.includes('comma')
            ? 'expected_comma'
            : 'expected_close';
      throw new ParseError(`expected ${what} but found ${describe(token)}`, token.start, 'syntax', {
        kind,
        found: sourceOf(token),
      });
    }
    return this.next();
  }

  private enter(start: number): void {
    this.depth++;
    if (this.depth > definitionLimits.maxExpressionNesting) {
      throw new ParseError(
        `the expression is nested more than ${definitionLimits.maxExpressionNesting} levels deep`,
        start,
        'too_deep',
        { kind: 'expression', max: definitionLimits.maxExpressionNesting },
      );
    }
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op') return left;
      const prec = operatorPrecedence[token.value];
      if (prec === undefined || prec < minPrecedence) return left;
      this.next();
      const right = this.parseBinary(prec + 1);
      left =
        token.value === '&&' || token.value === '||'
          ? {
              type: 'logical',
              operator: token.value as LogicalOperator,
              left,
              right,
              start: left.start,
              end: right.end,
            }
          : {
              type: 'binary',
              operator: token.value as BinaryOperator,
              left,
              right,
              start: left.start,
              end: right.end,
            };
    }
  }

  private parseUnary(): Expression {
    const token = this.peek();
    if (token.kind === 'op' && (token.value === '!' || token.value === '-')) {
      this.next();
      this.enter(token.start);
      const argument = this.parseUnary();
      this.depth--;
      return { type: 'unary', operator: token.value, argument, start: token.start, end: argument.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expression {
    const token = this.next();
    const { start, end } = token;
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: token.value, start, end };
      case 'string':
        return { type: 'literal', value: token.value, start, end };
      case 'self':
        return { type: 'self', start, end };
      case 'at':
        return this.parseAt(token);
      case 'name':
        return this.parseName(token);
      case 'op':
        if (token.value === '(') {
          this.enter(start);
          const inner = this.parseBinary(1);
          this.depth--;
          const close = this.expectOp(')', 'a closing parenthesis');
          return { ...inner, start, end: close.end };
        }
        throw unexpected(token);
      case 'eof':
        throw new ParseError('the expression ends too early', start, 'syntax', { kind: 'ends_early' });
    }
  }

  private parseAt(token: Extract<Token, { kind: 'at' }>): Expression {
    const { start, end } = token;
    if (token.name === 'party' || token.name === 'value') {
      if (token.path.length > 0)
        throw new ParseError(`@${token.name} has no parts`, start, 'syntax', {
          kind: 'at_parts',
          name: token.name,
        });
      return { type: 'context', name: token.name, start, end };
    }
    if (token.name === 'option') {
      const [attribute, ...rest] = token.path;
      if (attribute === undefined || rest.length > 0) {
        throw new ParseError('write @option.<attribute>, e.g. @option.range', start, 'syntax', {
          kind: 'option_attribute',
        });
      }
      return { type: 'option', attribute, start, end };
    }
    throw new ParseError(
      `unknown @${token.name}: use @party, @value or @option.<attribute>`,
      start,
      'unknown_name',
      { name: token.name },
    );
  }

  private parseName(token: Extract<Token, { kind: 'name' }>): Expression {
    const { start, end, path } = token;
    const [first] = path;
    if (path.length === 1 && (first === 'true' || first === 'false')) {
      return { type: 'literal', value: first === 'true', start, end };
    }
    if (path.length === 1 && first === 'null') return { type: 'literal', value: null, start, end };
    if (!this.isOp('(')) return { type: 'reference', path, start, end };
    if (path.length !== 1 || first === undefined || !functionSet.has(first)) {
      throw new ParseError(`unknown function "${path.join('.')}"`, start, 'unknown_function', {
        name: path.join('.'),
      });
    }
    this.next();
    this.enter(start);
    const args: Expression[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        args.push(this.parseBinary(1));
        if (!this.isOp(',')) break;
        this.next();
      }
    }
    this.depth--;
    const close = this.expectOp(')', 'a comma or a closing parenthesis');
    return { type: 'call', name: first as FunctionName, arguments: args, start, end: close.end };
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end';
    case 'op':
      return `"${token.value}"`;
    case 'number':
      return `the number ${token.value}`;
    case 'string':
      return `the text '${token.value}'`;
    case 'name':
      return `"${token.path.join('.')}"`;
    case 'at':
      return `"@${token.name}"`;
    case 'self':
      return '"."';
  }
}

function unexpected(token: Token): ParseError {
  return new ParseError(`unexpected ${describe(token)}`, token.start, 'syntax', {
    kind: 'unexpected',
    found: sourceOf(token),
  });
}

/** The token as written, for messages in other languages than `describe`'s English. */
function sourceOf(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return '';
    case 'op':
      return token.value;
    case 'number':
      return String(token.value);
    case 'string':
      return `'${token.value}'`;
    case 'name':
      return token.path.join('.');
    case 'at':
      return `@${token.name}`;
    case 'self':
      return '.';
  }
}
