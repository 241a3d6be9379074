import { type Expression, operatorPrecedence, parseExpression } from '../../forms/index.ts';

// ORS expressions printed back as XLSForm expressions, for the workbook export.

/** What the printer needs to know about the ids an expression reads. */
export interface OrsNames {
  /** Whether `id` is a multiple choice: `count(id)` is then `count-selected(${id})`. */
  isMultipleChoice(id: string): boolean;
}

class Untranslatable extends Error {}

const xlsOperator: Record<string, string> = { '||': 'or', '&&': 'and', '==': '=', '/': 'div' };
const functionName: Record<string, string> = { len: 'string-length', matches: 'regex' };

function xlsString(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new Untranslatable('a text holding both quote marks');
}

function print(node: Expression, names: OrsNames): { text: string; precedence: number } {
  const atom = (text: string) => ({ text, precedence: 9 });
  switch (node.type) {
    case 'literal':
      if (node.value === null) throw new Untranslatable('null');
      if (typeof node.value === 'string') return atom(xlsString(node.value));
      if (typeof node.value === 'boolean') return atom(`${node.value}()`);
      return atom(String(node.value));
    case 'reference':
      // A table cell has no XLSForm name; a repeat field is named by its own (workbook-wide) name.
      if (node.path.length > 2) throw new Untranslatable('a table cell');
      return atom(`\${${node.path.at(-1)}}`);
    case 'self':
      return atom('.');
    case 'context':
    case 'option':
      throw new Untranslatable(`@${node.type === 'context' ? node.name : 'option'}`);
    case 'unary': {
      const inner = print(node.argument, names);
      if (node.operator === '!') return atom(`not(${inner.text})`);
      return { text: `-${inner.precedence < 7 ? `(${inner.text})` : inner.text}`, precedence: 7 };
    }
    case 'binary':
    case 'logical': {
      const p = operatorPrecedence[node.operator] ?? 0;
      const left = print(node.left, names);
      const right = print(node.right, names);
      const l = left.precedence < p ? `(${left.text})` : left.text;
      const r = right.precedence <= p ? `(${right.text})` : right.text;
      return { text: `${l} ${xlsOperator[node.operator] ?? node.operator} ${r}`, precedence: p };
    }
    case 'call': {
      const args = node.arguments.map((a) => print(a, names).text);
      if (node.name === 'empty') return { text: `${args[0]} = ''`, precedence: 3 };
      if (node.name === 'count') {
        const target = node.arguments[0];
        const multiple =
          target?.type === 'reference' &&
          target.path.length === 1 &&
          names.isMultipleChoice(target.path[0] as string);
        return atom(`${multiple ? 'count-selected' : 'count'}(${args.join(', ')})`);
      }
      return atom(`${functionName[node.name] ?? node.name}(${args.join(', ')})`);
    }
  }
}

/**
 * An ORS expression written in XLSForm syntax, or null when XLSForm cannot say it
 * (`@party`, `@option.…`, table cells): the exporter then keeps the ORS text in an `ors::` column.
 *
 * @example
 * toXlsExpression("a == 'yes' && !empty(b)", names); // "${a} = 'yes' and not(${b} = '')"
 */
export function toXlsExpression(ors: string, names: OrsNames): string | null {
  const parsed = parseExpression(ors);
  if (!parsed.ok) return null;
  try {
    return print(parsed.value, names).text;
  } catch (error) {
    if (error instanceof Untranslatable) return null;
    throw error;
  }
}
