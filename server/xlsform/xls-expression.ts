// XLSForm (XPath-like) expressions: parsed into a small tree and printed in the ORS expression language.

type Node =
  | { type: 'literal'; value: string | number | boolean }
  | { type: 'ref'; name: string }
  | { type: 'self' }
  | { type: 'unary'; operator: '-'; argument: Node }
  | { type: 'binary'; operator: string; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

type Token =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'ref'; name: string }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'eof' };

class XlsExpressionError extends Error {}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '$' && src[i + 1] === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw new XlsExpressionError(`a \${…} reference is not closed`);
      tokens.push({ kind: 'ref', name: src.slice(i + 2, end).trim() });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|^[0-9]+\.?/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      tokens.push({ kind: 'num', value: Number(text) });
      i += text.length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new XlsExpressionError('a text is not closed by a quote');
      tokens.push({ kind: 'str', value: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_:.-]*/.exec(src.slice(i));
      let text = m?.[0] ?? c;
      // `a-b` inside a name is XPath, but `x-1` after a name is subtraction only with spaces: keep XPath's rule.
      text = text.replace(/[.:-]+$/, '');
      tokens.push({ kind: 'name', value: text });
      i += text.length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['!=', '<=', '>='].includes(two)) {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('=<>+-*(),.'.includes(c)) {
      if (c === '.' && src[i + 1] === '.')
        throw new XlsExpressionError('relative paths (..) are not supported');
      tokens.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    if (c === '/') throw new XlsExpressionError(`XPath paths (/data/…) are not supported: use \${name}`);
    throw new XlsExpressionError(`unexpected character "${c}"`);
  }
  tokens.push({ kind: 'eof' });
  return tokens;
}

const levels: string[][] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];

function parse(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const operatorAt = (): string | null => {
    const t = peek();
    if (t.kind === 'op') return t.value;
    if (t.kind === 'name' && ['or', 'and', 'div', 'mod'].includes(t.value)) return t.value;
    return null;
  };
  const expect = (value: string) => {
    const t = peek();
    if (t.kind !== 'op' || t.value !== value) throw new XlsExpressionError(`expected "${value}"`);
    pos++;
  };
  const binary = (level: number): Node => {
    if (level >= levels.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const op = operatorAt();
      if (op === null || !levels[level]?.includes(op)) return left;
      pos++;
      left = { type: 'binary', operator: op, left, right: binary(level + 1) };
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (t.kind === 'op' && t.value === '-') {
      pos++;
      return { type: 'unary', operator: '-', argument: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = peek();
    pos++;
    switch (t.kind) {
      case 'num':
        return { type: 'literal', value: t.value };
      case 'str':
        return { type: 'literal', value: t.value };
      case 'ref':
        return { type: 'ref', name: t.name };
      case 'name': {
        const next = peek();
        if (next.kind !== 'op' || next.value !== '(') {
          throw new XlsExpressionError(`"${t.value}" is not a \${name} reference or a function call`);
        }
        pos++;
        const args: Node[] = [];
        if (!(peek().kind === 'op' && (peek() as { value: string }).value === ')')) {
          for (;;) {
            args.push(binary(0));
            const sep = peek();
            if (sep.kind === 'op' && sep.value === ',') {
              pos++;
              continue;
            }
            break;
          }
        }
        expect(')');
        return { type: 'call', name: t.value, args };
      }
      case 'op':
        if (t.value === '.') return { type: 'self' };
        if (t.value === '(') {
          const inner = binary(0);
          expect(')');
          return inner;
        }
        throw new XlsExpressionError(`unexpected "${t.value}"`);
      case 'eof':
        throw new XlsExpressionError('the expression ends too early');
    }
  };
  const node = binary(0);
  if (peek().kind !== 'eof') throw new XlsExpressionError('unexpected text after the expression');
  return node;
}

/** How a `${name}` of the workbook is written in ORS: `id`, or `repeat.field` from outside its repeat. */
export type ResolveName = (name: string) => string | null;

/** ORS operator precedence, as the ORS parser reads it (higher binds tighter). */
const orsPrecedence: Record<string, number> = {
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

const orsOperator: Record<string, string> = { or: '||', and: '&&', '=': '==', div: '/' };

/** Prints an ORS text literal: single quotes, backslash escapes. */
export function orsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function isEmptyText(node: Node): boolean {
  return node.type === 'literal' && node.value === '';
}

interface Printed {
  text: string;
  precedence: number;
}

function toOrs(node: Node, resolve: ResolveName): Printed {
  const atom = (text: string): Printed => ({ text, precedence: 9 });
  const wrap = (p: Printed, min: number) => (p.precedence < min ? `(${p.text})` : p.text);
  const arg = (n: Node) => toOrs(n, resolve).text;
  switch (node.type) {
    case 'literal':
      return atom(typeof node.value === 'string' ? orsString(node.value) : String(node.value));
    case 'self':
      return atom('.');
    case 'ref': {
      const resolved = resolve(node.name);
      if (resolved === null) throw new XlsExpressionError(`unknown reference \${${node.name}}`);
      return atom(resolved);
    }
    case 'unary':
      return { text: `-${wrap(toOrs(node.argument, resolve), 7)}`, precedence: 7 };
    case 'binary': {
      // XLSForm's idiom for "answered" / "unanswered": ORS writes empty(x).
      if (
        (node.operator === '=' || node.operator === '!=') &&
        (isEmptyText(node.right) || isEmptyText(node.left))
      ) {
        const subject = isEmptyText(node.right) ? node.left : node.right;
        const call = `empty(${arg(subject)})`;
        return node.operator === '=' ? atom(call) : { text: `!${call}`, precedence: 7 };
      }
      if (node.operator === 'mod') throw new XlsExpressionError('the operator mod is not supported');
      const op = orsOperator[node.operator] ?? node.operator;
      const p = orsPrecedence[op] ?? 0;
      const left = wrap(toOrs(node.left, resolve), p);
      const right = wrap(toOrs(node.right, resolve), p + 1);
      return { text: `${left} ${op} ${right}`, precedence: p };
    }
    case 'call':
      return translateCall(node.name, node.args, resolve);
  }
}

const sameName: Record<string, { min: number; max: number; ors: string }> = {
  selected: { min: 2, max: 2, ors: 'selected' },
  'count-selected': { min: 1, max: 1, ors: 'count' },
  count: { min: 1, max: 1, ors: 'count' },
  'string-length': { min: 1, max: 1, ors: 'len' },
  if: { min: 3, max: 3, ors: 'if' },
  today: { min: 0, max: 0, ors: 'today' },
  regex: { min: 2, max: 2, ors: 'matches' },
  sum: { min: 1, max: 1, ors: 'sum' },
  round: { min: 1, max: 2, ors: 'round' },
  min: { min: 1, max: 20, ors: 'min' },
  max: { min: 1, max: 20, ors: 'max' },
  contains: { min: 2, max: 2, ors: 'contains' },
};

function translateCall(name: string, args: Node[], resolve: ResolveName): Printed {
  const printed = () => args.map((a) => toOrs(a, resolve).text);
  if ((name === 'true' || name === 'false') && args.length === 0) return { text: name, precedence: 9 };
  if (name === 'not' && args.length === 1) {
    const inner = toOrs(args[0] as Node, resolve);
    return { text: `!${inner.precedence < 7 ? `(${inner.text})` : inner.text}`, precedence: 7 };
  }
  if (name === 'coalesce' && args.length === 2) {
    const [a, b] = printed();
    return { text: `if(empty(${a}), ${b}, ${a})`, precedence: 9 };
  }
  const known = sameName[name];
  if (!known) throw new XlsExpressionError(`the function ${name}() is not supported`);
  if (args.length < known.min || args.length > known.max) {
    throw new XlsExpressionError(
      `${name}() takes ${known.min === known.max ? known.min : `${known.min} to ${known.max}`} arguments`,
    );
  }
  return { text: `${known.ors}(${printed().join(', ')})`, precedence: 9 };
}

/**
 * Translates an XLSForm expression into the ORS expression language, or says why it cannot.
 *
 * @example
 * translateXlsExpression("${a} = 'yes' and not(selected(${b}, 'x'))", (n) => n);
 * // { ok: true, expression: "a == 'yes' && !selected(b, 'x')" }
 */
export function translateXlsExpression(
  src: string,
  resolve: ResolveName,
): { ok: true; expression: string } | { ok: false; reason: string } {
  try {
    return { ok: true, expression: toOrs(parse(src), resolve).text };
  } catch (error) {
    if (error instanceof XlsExpressionError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The `${name}` references of an expression or a label, in order of appearance. */
export function xlsReferences(text: string): string[] {
  return [...text.matchAll(/\$\{\s*([^}]*?)\s*\}/g)].map((m) => m[1] as string);
}
