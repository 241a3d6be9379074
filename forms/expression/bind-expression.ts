import type { Option } from '../definition/schema.ts';
import type { Level, PlanNode, ValueKind, ValueType } from '../plan/plan-node.ts';
import type { Path, Problem, ProblemParams } from '../result.ts';
import type { Expression, FunctionName } from './ast.ts';
import * as c from './closures.ts';
import * as fns from './functions.ts';
import { compileSafeRegex } from './safe-regex.ts';
import { type Compiled, isEmptyValue } from './values.ts';

/** Where an expression is bound: which ids it sees and what `.`, `@value` and `@option` mean there. */
export interface BindScope {
  /** The level whose ids (and whose ancestors' ids) bare names resolve to. */
  level: Level;
  /** Frames between the frame the expression runs in and the frame of `level` (1 for a filter). */
  frameOffset: number;
  owner: PlanNode;
  /** Type of `.`, or null where `.` means nothing (outside a constraint). */
  self: ValueType | null;
  /** Whether the expression decides a value or relevance (and so takes part in evaluation order). */
  valueAffecting: boolean;
  /** JSON path of the field holding the expression, for problems. */
  path: Path;
  problems: Problem[];
  /** The type a calculated node produces (bound on demand). */
  typeOf(node: PlanNode): ValueType;
  /** Frames from the running frame up to the nearest loop iteration or table row, and its options. */
  optionScope: { up: number; options: readonly Option[] } | null;
}

export interface Bound {
  fn: Compiled;
  type: ValueType;
  /** The node a bare reference names, for rules such as `selected(q, 'v')` checking v against q's options. */
  node?: PlanNode;
}

const kinds: readonly ValueKind[] = [
  'number',
  'text',
  'date',
  'boolean',
  'list',
  'rows',
  'file',
  'any',
  'null',
];
// Types are compared by kind, never by identity, so one object per kind serves every expression.
const singleTypes = new Map(kinds.map((kind) => [kind, Object.freeze({ kind })]));
const t = (kind: ValueKind, many = false): ValueType =>
  many ? { kind, many } : (singleTypes.get(kind) ?? { kind });
const ANY = t('any');

const describeType = (type: ValueType): string => {
  if (type.many) return `the values of every row (${type.kind})`;
  const names: Record<ValueKind, string> = {
    number: 'a number',
    text: 'a text',
    date: 'a date',
    boolean: 'true/false',
    list: 'a list',
    rows: 'rows',
    file: 'a file',
    any: 'any value',
    null: 'null',
  };
  return names[type.kind];
};

/** The kind of a type for a problem's params; `[]` marks the values of every row. */
const typeParam = (type: ValueType): string => (type.many ? `${type.kind}[]` : type.kind);

/** Where a value of the wrong kind was found: a place and the operator or function it belongs to. */
type Where = [
  place: 'after' | 'left' | 'right' | 'in' | 'question' | 'value' | 'condition' | 'decimals' | 'list',
  at: string,
];

const describeWhere = ([place, at]: Where): string => {
  switch (place) {
    case 'after':
      return `after ${at}`;
    case 'left':
    case 'right':
      return `on the ${place} of ${at}`;
    case 'in':
      return `in ${at}()`;
    default:
      return `as the ${place} of ${at}()`;
  }
};

/** Static type of an item's value as read by expressions. */
export function typeOfItem(node: PlanNode, typeOfCalculated: (node: PlanNode) => ValueType): ValueType {
  const item = node.node;
  if (item === null) return ANY;
  switch (item.type) {
    case 'text':
    case 'textarea':
      return t('text');
    case 'integer':
    case 'decimal':
      return t('number');
    case 'date':
      return t('date');
    case 'boolean':
      return t('boolean');
    case 'choice':
      return t(item.multiple ? 'list' : 'text');
    case 'ranking':
      return t('list');
    case 'file':
      return t('file');
    case 'calculated':
      return typeOfCalculated(node);
    case 'table':
    case 'repeat':
    case 'loop':
      return t('rows');
    case 'group':
    case 'note':
      return t('null');
  }
}

/**
 * Resolves the names of an expression, checks its types and compiles it into a closure. Problems are
 * pushed to `scope.problems`; a part that cannot be bound compiles to a function returning null.
 *
 * @example
 * const bound = bindExpression(parsed, scope); // bound.fn(frame, null) evaluates it
 */
export function bindExpression(expression: Expression, scope: BindScope): Bound {
  return new Binder(scope).bind(expression);
}

class Binder {
  constructor(private readonly scope: BindScope) {}

  private problem(node: Expression, code: string, message: string, params?: ProblemParams): void {
    this.scope.problems.push({
      path: this.scope.path,
      code,
      message,
      severity: 'error',
      column: node.start + 1,
      ...(params && { params }),
    });
  }

  bind(e: Expression): Bound {
    switch (e.type) {
      case 'literal': {
        const value = e.value;
        const kind: ValueKind =
          value === null
            ? 'null'
            : typeof value === 'number'
              ? 'number'
              : typeof value === 'string'
                ? 'text'
                : 'boolean';
        return { fn: c.constant(value), type: t(kind) };
      }
      case 'self': {
        if (this.scope.self === null) {
          this.problem(
            e,
            'self_outside_constraint',
            '"." (the answer itself) is only meaningful in a constraint',
          );
          return { fn: c.nullFn, type: ANY };
        }
        return { fn: c.selfFn, type: this.scope.self };
      }
      case 'context': {
        if (e.name === 'party') return { fn: c.partyFn, type: t('text') };
        const optionScope = this.scope.optionScope;
        if (optionScope === null) {
          this.problem(
            e,
            'value_outside_loop',
            '@value is only meaningful in a loop, a table row or a filter',
          );
          return { fn: c.nullFn, type: ANY };
        }
        return { fn: c.optionValue(optionScope.up), type: t('text') };
      }
      case 'option':
        return this.bindOption(e);
      case 'reference':
        return this.bindReference(e);
      case 'unary': {
        const argument = this.bind(e.argument);
        if (e.operator === '!') {
          this.expectKinds(e.argument, argument.type, ['boolean'], ['after', '!']);
          return { fn: c.not(argument.fn), type: t('boolean') };
        }
        this.expectKinds(e.argument, argument.type, ['number'], ['after', '-']);
        return { fn: c.negate(argument.fn), type: t('number') };
      }
      case 'logical': {
        const left = this.bind(e.left);
        const right = this.bind(e.right);
        this.expectKinds(e.left, left.type, ['boolean'], ['left', e.operator]);
        this.expectKinds(e.right, right.type, ['boolean'], ['right', e.operator]);
        return {
          fn: e.operator === '&&' ? c.and(left.fn, right.fn) : c.or(left.fn, right.fn),
          type: t('boolean'),
        };
      }
      case 'binary':
        return this.bindBinary(e);
      case 'call':
        return this.bindCall(e);
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  private bindBinary(e: Extract<Expression, { type: 'binary' }>): Bound {
    const left = this.bind(e.left);
    const right = this.bind(e.right);
    const op = e.operator;
    switch (op) {
      case '==':
      case '!=': {
        this.scalar(e.left, left.type);
        this.scalar(e.right, right.type);
        if (!comparable(left.type, right.type)) {
          this.problem(
            e,
            'type_mismatch',
            `${describeType(left.type)} is compared with ${describeType(right.type)}${left.type.kind === 'list' || right.type.kind === 'list' ? ": use selected(q, 'value') for a multiple choice" : ''}`,
            {
              kind: left.type.kind === 'list' || right.type.kind === 'list' ? 'compare_list' : 'compare',
              left: typeParam(left.type),
              right: typeParam(right.type),
            },
          );
        }
        return { fn: c.equals(left.fn, right.fn, op === '!='), type: t('boolean') };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        this.scalar(e.left, left.type);
        this.scalar(e.right, right.type);
        const ordered: ValueKind[] = ['number', 'text', 'date'];
        this.expectKinds(e.left, left.type, ordered, ['left', op]);
        this.expectKinds(e.right, right.type, ordered, ['right', op]);
        if (left.type.kind === 'null' || right.type.kind === 'null') {
          this.problem(e, 'null_comparison', `${op} with null is always false: use == null or empty()`, {
            operator: op,
          });
        } else if (!comparable(left.type, right.type)) {
          this.problem(
            e,
            'type_mismatch',
            `${describeType(left.type)} is compared with ${describeType(right.type)}`,
            { kind: 'compare', left: typeParam(left.type), right: typeParam(right.type) },
          );
        }
        return { fn: c.compare(op, left.fn, right.fn), type: t('boolean') };
      }
      case '+':
      case '-':
      case '*':
      case '/': {
        this.expectKinds(e.left, left.type, ['number'], ['left', op]);
        this.expectKinds(e.right, right.type, ['number'], ['right', op]);
        return { fn: c.arithmetic(op, left.fn, right.fn), type: t('number') };
      }
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  private bindOption(e: Extract<Expression, { type: 'option' }>): Bound {
    const optionScope = this.scope.optionScope;
    if (optionScope === null) {
      this.problem(e, 'option_outside_loop', '@option is only meaningful in a loop, a table row or a filter');
      return { fn: c.nullFn, type: ANY };
    }
    const attribute = e.attribute;
    const kinds = new Set<ValueKind>();
    for (const option of optionScope.options) {
      const attributes = option.attributes;
      if (attributes === undefined || !Object.hasOwn(attributes, attribute)) continue;
      kinds.add(kindOfJson(attributes[attribute]));
    }
    if (kinds.size === 0) {
      this.problem(e, 'unknown_attribute', `no option has the attribute "${attribute}"`, { attribute });
      return { fn: c.nullFn, type: ANY };
    }
    const [only] = kinds;
    const type = kinds.size === 1 && only !== undefined ? t(only) : ANY;
    return { fn: c.optionAttribute(optionScope.up, attribute), type };
  }

  private bindReference(e: Extract<Expression, { type: 'reference' }>): Bound {
    const [first, ...rest] = e.path;
    let level: Level | null = this.scope.level;
    let up = this.scope.frameOffset;
    let found: PlanNode | undefined;
    let other = false;
    while (level !== null && first !== undefined) {
      found = level.byId.get(first);
      if (found === undefined && first.endsWith('_other')) {
        const choice = level.byId.get(first.slice(0, -'_other'.length));
        if (choice?.hasOther) {
          found = choice;
          other = true;
        }
      }
      if (found !== undefined) break;
      level = level.parent;
      up++;
    }
    if (found === undefined || level === null || first === undefined) {
      this.problem(e, 'unknown_id', `unknown id "${first}"`, { kind: 'id', id: String(first) });
      return { fn: c.nullFn, type: ANY };
    }
    if (!found.holdsValue) {
      this.problem(e, 'no_value', `"${first}" is a ${found.type} and holds no value`, {
        kind: 'expression',
        id: first,
        type: found.type,
      });
      return { fn: c.nullFn, type: ANY };
    }
    this.recordRead(found, level);
    const id = other ? `${first}_other` : first;
    const slot = other ? found.otherSlot : found.index;
    const read = c.readSlot(up, slot);
    if (rest.length === 0) {
      return { fn: read, type: other ? t('text') : typeOfItem(found, this.scope.typeOf), node: found };
    }
    if (other) {
      this.problem(e, 'no_parts', `"${id}" has no parts`, { kind: 'id', id });
      return { fn: c.nullFn, type: ANY };
    }
    return this.bindPath(e, found, read, rest);
  }

  /** `table.col`, `table.row.col`, `repeat.field`, `loop.item`, `loop.option.item` (and deeper in loops). */
  private bindPath(e: Expression, container: PlanNode, read: Compiled, rest: string[]): Bound {
    const childLevel = container.childLevel;
    const [a, b, ...more] = rest;
    if (childLevel === null || a === undefined) {
      this.problem(e, 'no_parts', `"${container.id}" is a ${container.type} and has no parts`, {
        kind: 'type',
        id: container.id,
        type: container.type,
      });
      return { fn: c.nullFn, type: ANY };
    }
    const childType = (node: PlanNode) => typeOfItem(node, this.scope.typeOf);
    if (b === undefined) {
      const child = childLevel.byId.get(a);
      if (child === undefined || !child.holdsValue) {
        this.problem(e, 'unknown_id', `"${container.id}" has no item "${a}"`, {
          kind: 'child',
          id: a,
          container: container.id,
        });
        return { fn: c.nullFn, type: ANY };
      }
      const type = childType(child);
      const slot = child.index;
      if (type.kind === 'rows') {
        this.problem(
          e,
          'no_parts',
          `"${container.id}.${a}" names rows inside rows: name one ${container.type === 'repeat' ? 'item' : 'option'}`,
          { kind: container.type === 'repeat' ? 'nested_item' : 'nested_option', id: `${container.id}.${a}` },
        );
        return { fn: c.nullFn, type: ANY };
      }
      return { fn: c.readMany(read, slot), type: t(type.kind, true) };
    }
    if (container.type === 'repeat') {
      this.problem(e, 'no_parts', `write ${container.id}.<item> for the values of every row of a repeat`, {
        kind: 'repeat',
        id: container.id,
      });
      return { fn: c.nullFn, type: ANY };
    }
    if (container.optionByValue !== null && !container.optionByValue.has(a)) {
      this.problem(
        e,
        'unknown_row',
        `"${container.id}" has no ${container.type === 'table' ? 'row' : 'option'} "${a}"`,
        { kind: container.type === 'table' ? 'row' : 'option', id: container.id, row: a },
      );
    }
    const child = childLevel.byId.get(b);
    if (child === undefined || !child.holdsValue) {
      this.problem(e, 'unknown_id', `"${container.id}" has no item "${b}"`, {
        kind: 'child',
        id: b,
        container: container.id,
      });
      return { fn: c.nullFn, type: ANY };
    }
    const cell = c.readCell(read, a, child.index);
    if (more.length === 0) return { fn: cell, type: childType(child), node: child };
    if (child.type !== 'loop' && child.type !== 'table') {
      this.problem(e, 'no_parts', `"${b}" is a ${child.type} and has no parts`, {
        kind: 'type',
        id: b,
        type: child.type,
      });
      return { fn: c.nullFn, type: ANY };
    }
    return this.bindPath(e, child, cell, more);
  }

  private recordRead(node: PlanNode, level: Level): void {
    const owner = this.scope.owner;
    const root = node.rootNode;
    owner.readIds ??= new Set();
    owner.readIds.add(root.id);
    if (this.scope.valueAffecting) {
      const dependent = owner.ancestorIn(level);
      if (dependent !== null) {
        dependent.valueDeps ??= new Set();
        dependent.valueDeps.add(node);
      }
      return;
    }
    const ownerRoot = owner.rootNode;
    if (root !== ownerRoot) {
      ownerRoot.checkReads ??= new Set();
      ownerRoot.checkReads.add(root);
    }
  }

  private bindCall(e: Extract<Expression, { type: 'call' }>): Bound {
    const name: FunctionName = e.name;
    const args = e.arguments;
    const arity = (min: number, max: number): boolean => this.arity(e, min, max);
    const bound = args.map((arg) => this.bind(arg));
    const fnAt = (i: number): Compiled => bound[i]?.fn ?? c.nullFn;
    const typeAt = (i: number): ValueType => bound[i]?.type ?? ANY;
    const argAt = (i: number): Expression => args[i] ?? e;
    switch (name) {
      case 'selected': {
        if (arity(2, 2)) {
          this.expectKinds(argAt(0), typeAt(0), ['list', 'text'], ['question', 'selected']);
          this.expectKinds(argAt(1), typeAt(1), ['text'], ['value', 'selected']);
          const options = bound[0]?.node?.optionByValue;
          const literal = args[1]?.type === 'literal' ? args[1].value : undefined;
          if (options && typeof literal === 'string' && !options.has(literal)) {
            this.problem(argAt(1), 'unknown_option', `"${bound[0]?.node?.id}" has no option "${literal}"`, {
              id: String(bound[0]?.node?.id),
              value: literal,
            });
          }
        }
        return { fn: c.apply2(fns.selected, fnAt(0), fnAt(1)), type: t('boolean') };
      }
      case 'count': {
        if (arity(1, 1))
          this.expectKinds(argAt(0), typeAt(0), ['list', 'rows', 'text', 'file'], ['in', 'count'], 'any');
        return { fn: c.apply1(fns.count, fnAt(0)), type: t('number') };
      }
      case 'sum': {
        if (arity(1, Infinity)) {
          for (let i = 0; i < args.length; i++)
            this.expectKinds(argAt(i), typeAt(i), ['number'], ['in', 'sum'], 'same');
        }
        return {
          fn: c.applyAll(
            fns.sum,
            bound.map((b) => b.fn),
          ),
          type: t('number'),
        };
      }
      case 'empty': {
        arity(1, 1);
        return { fn: c.apply1(isEmptyValue, fnAt(0)), type: t('boolean') };
      }
      case 'len': {
        if (arity(1, 1)) this.expectKinds(argAt(0), typeAt(0), ['text', 'list', 'date'], ['in', 'len']);
        return { fn: c.apply1(fns.len, fnAt(0)), type: t('number') };
      }
      case 'if': {
        let type: ValueType = ANY;
        if (arity(3, 3)) {
          this.expectKinds(argAt(0), typeAt(0), ['boolean'], ['condition', 'if']);
          this.scalar(argAt(1), typeAt(1));
          this.scalar(argAt(2), typeAt(2));
          const joined = join(typeAt(1), typeAt(2));
          if (joined === null) {
            this.problem(
              e,
              'type_mismatch',
              `if() gives ${describeType(typeAt(1))} or ${describeType(typeAt(2))}: both must be of one type`,
              { kind: 'if', left: typeParam(typeAt(1)), right: typeParam(typeAt(2)) },
            );
          } else {
            type = joined;
          }
        }
        return { fn: c.conditional(fnAt(0), fnAt(1), fnAt(2)), type };
      }
      case 'min':
      case 'max': {
        let type: ValueType = ANY;
        if (arity(1, Infinity)) {
          const kinds = new Set<ValueKind>();
          for (let i = 0; i < args.length; i++) {
            const argType = typeAt(i);
            this.expectKinds(argAt(i), argType, ['number', 'date', 'text'], ['in', name], 'same');
            if (argType.kind === 'number' || argType.kind === 'date') kinds.add(argType.kind);
            else if (argType.kind === 'text') kinds.add('date');
          }
          if (kinds.size > 1)
            this.problem(e, 'type_mismatch', `${name}() mixes numbers with texts or dates`, {
              kind: 'mixed',
              function: name,
            });
          const [only] = kinds;
          if (kinds.size === 1 && only !== undefined) type = t(only);
        }
        const parts = bound.map((b) => b.fn);
        return {
          fn: (f, s) =>
            fns.extreme(
              parts.map((p) => p(f, s)),
              name,
            ),
          type,
        };
      }
      case 'round': {
        if (arity(1, 2)) {
          this.expectKinds(argAt(0), typeAt(0), ['number'], ['in', 'round']);
          if (args.length === 2) this.expectKinds(argAt(1), typeAt(1), ['number'], ['decimals', 'round']);
        }
        return {
          fn: c.apply2(fns.round, fnAt(0), args.length === 2 ? fnAt(1) : c.constant(0)),
          type: t('number'),
        };
      }
      case 'today': {
        arity(0, 0);
        return { fn: c.todayFn, type: t('date') };
      }
      case 'matches': {
        let regex: RegExp | null = null;
        if (arity(2, 2)) {
          this.expectKinds(argAt(0), typeAt(0), ['text', 'date', 'number'], ['in', 'matches']);
          const pattern = args[1];
          if (pattern?.type !== 'literal' || typeof pattern.value !== 'string') {
            this.problem(
              argAt(1),
              'pattern',
              'the pattern of matches() must be written as a text in quotes',
              {
                kind: 'literal',
              },
            );
          } else {
            const compiled = compileSafeRegex(pattern.value);
            if (compiled.ok) regex = compiled.value;
            else this.problem(pattern, 'pattern', compiled.message, compiled.params);
          }
        }
        const pattern = regex;
        return { fn: c.apply1((v) => fns.matches(v, pattern), fnAt(0)), type: t('boolean') };
      }
      case 'contains': {
        if (arity(2, 2)) {
          this.expectKinds(argAt(0), typeAt(0), ['list', 'text'], ['list', 'contains'], 'any');
          this.scalar(argAt(1), typeAt(1));
        }
        return { fn: c.apply2(fns.contains, fnAt(0), fnAt(1)), type: t('boolean') };
      }
      default: {
        const never: never = name;
        return never;
      }
    }
  }

  private arity(e: Extract<Expression, { type: 'call' }>, min: number, max: number): boolean {
    const n = e.arguments.length;
    if (n >= min && n <= max) return true;
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
    const kind = min === max ? 'exactly' : max === Infinity ? 'at_least' : 'between';
    this.problem(e, 'arity', `${e.name}() takes ${expected} argument${min === 1 && max === 1 ? '' : 's'}`, {
      kind,
      function: e.name,
      min,
      max: max === Infinity ? min : max,
    });
    return false;
  }

  /**
   * Reports a value of the wrong kind; `any` and `null` always pass. `many` says whether the values of
   * every row are welcome: `'any'` whatever their kind (count, contains), `'same'` when of the kinds listed.
   */
  private expectKinds(
    node: Expression,
    type: ValueType,
    kinds: readonly ValueKind[],
    where: Where,
    many: 'any' | 'same' | false = false,
  ): void {
    if (type.many) {
      if (many === false) this.scalar(node, type);
      if (many !== 'same') return;
    }
    if (type.kind === 'any' || type.kind === 'null') return;
    if (kinds.includes(type.kind)) return;
    if (type.kind === 'date' && kinds.includes('text')) return;
    if (type.kind === 'text' && kinds.includes('date')) return;
    const expected = kinds.map((k) => describeType(t(k))).join(' or ');
    const [place, at] = where;
    this.problem(
      node,
      'type_mismatch',
      `expected ${expected} ${describeWhere(where)}, found ${describeType(type)}`,
      {
        kind: 'expected',
        expected: kinds.join(', '),
        found: typeParam(type),
        place,
        at,
      },
    );
  }

  /** Refuses the values of many rows or a whole table where one value is needed. */
  private scalar(node: Expression, type: ValueType): void {
    if (type.many) {
      this.problem(
        node,
        'many_values',
        'this names the values of every row: use it inside sum(), count(), min(), max() or contains()',
        { kind: 'expression' },
      );
    } else if (type.kind === 'rows') {
      this.problem(node, 'rows_value', 'this names rows: use count() or empty(), or name one cell');
    }
  }
}

function comparable(a: ValueType, b: ValueType): boolean {
  if (a.kind === 'any' || b.kind === 'any' || a.kind === 'null' || b.kind === 'null') return true;
  if (a.kind === b.kind) return true;
  const textual = (k: ValueKind) => k === 'text' || k === 'date';
  return textual(a.kind) && textual(b.kind);
}

function join(a: ValueType, b: ValueType): ValueType | null {
  if (a.kind === 'null' || a.kind === 'any') return b.kind === 'null' ? a : b.kind === 'any' ? b : b;
  if (b.kind === 'null' || b.kind === 'any') return a;
  if (a.kind === b.kind) return a;
  if (comparable(a, b)) return t('text');
  return null;
}

function kindOfJson(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  return 'any';
}
