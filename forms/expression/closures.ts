import { type Compiled, type Frame, Rows, valuesEqual } from './values.ts';

// Factories of the closures an expression compiles to. Keeping them outside the binder means a closure
// holds only its operands, not the syntax tree or the binder, so a compiled plan stays small.

export function frameUp(frame: Frame, up: number): Frame | null {
  let f: Frame | null = frame;
  for (let i = 0; i < up && f !== null; i++) f = f.parent;
  return f;
}

export const nullFn: Compiled = () => null;
export const selfFn: Compiled = (_f, self) => self;
export const partyFn: Compiled = (f) => f.ctx.party;
export const todayFn: Compiled = (f) => f.ctx.today;

export function constant(value: unknown): Compiled {
  return () => value;
}

export function readSlot(up: number, slot: number): Compiled {
  if (up === 0) return (f) => f.values[slot] ?? null;
  if (up === 1) return (f) => f.parent?.values[slot] ?? null;
  return (f) => frameUp(f, up)?.values[slot] ?? null;
}

/** The values of one item in every row of the rows `rows` gives. */
export function readMany(rows: Compiled, slot: number): Compiled {
  return (f, s) => {
    const value = rows(f, s);
    if (!(value instanceof Rows)) return [];
    const out: unknown[] = [];
    for (const frame of value.frames) out.push(frame.values[slot] ?? null);
    return out;
  };
}

/** The value of one item in the row `segment` of the rows `rows` gives. */
export function readCell(rows: Compiled, segment: string, slot: number): Compiled {
  return (f, s) => {
    const value = rows(f, s);
    return value instanceof Rows ? (value.get(segment)?.values[slot] ?? null) : null;
  };
}

export function optionValue(up: number): Compiled {
  return (f) => frameUp(f, up)?.option?.value ?? null;
}

export function optionAttribute(up: number, attribute: string): Compiled {
  return (f) => {
    const attributes = frameUp(f, up)?.option?.attributes;
    if (attributes === undefined || !Object.hasOwn(attributes, attribute)) return null;
    return attributes[attribute] ?? null;
  };
}

export function not(a: Compiled): Compiled {
  return (f, s) => a(f, s) !== true;
}

export function negate(a: Compiled): Compiled {
  return (f, s) => {
    const v = a(f, s);
    return typeof v === 'number' ? -v : null;
  };
}

export function and(l: Compiled, r: Compiled): Compiled {
  return (f, s) => l(f, s) === true && r(f, s) === true;
}

export function or(l: Compiled, r: Compiled): Compiled {
  return (f, s) => l(f, s) === true || r(f, s) === true;
}

/** `==` (or `!=` when negated): null equals only null. */
export function equals(l: Compiled, r: Compiled, negated: boolean): Compiled {
  return (f, s) => {
    const a = l(f, s);
    const b = r(f, s);
    const eq = a === null || b === null ? a === b : valuesEqual(a, b);
    return negated ? !eq : eq;
  };
}

/** `<`, `<=`, `>`, `>=` between two numbers or two texts (dates); false otherwise, null included. */
export function compare(op: '<' | '<=' | '>' | '>=', l: Compiled, r: Compiled): Compiled {
  return (f, s) => {
    const a = l(f, s);
    const b = r(f, s);
    const ordered =
      (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
    if (!ordered) return false;
    const x = a as number;
    const y = b as number;
    switch (op) {
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
    }
  };
}

/** Arithmetic on two numbers; null when either is not a number, on division by zero or overflow. */
export function arithmetic(op: '+' | '-' | '*' | '/', l: Compiled, r: Compiled): Compiled {
  return (f, s) => {
    const a = l(f, s);
    if (typeof a !== 'number') return null;
    const b = r(f, s);
    if (typeof b !== 'number') return null;
    let v: number;
    switch (op) {
      case '+':
        v = a + b;
        break;
      case '-':
        v = a - b;
        break;
      case '*':
        v = a * b;
        break;
      case '/':
        if (b === 0) return null;
        v = a / b;
        break;
    }
    return Number.isFinite(v) ? v : null;
  };
}

export function conditional(c: Compiled, a: Compiled, b: Compiled): Compiled {
  return (f, s) => (c(f, s) === true ? a(f, s) : b(f, s));
}

export function apply1(fn: (x: unknown) => unknown, x: Compiled): Compiled {
  return (f, s) => fn(x(f, s));
}

export function apply2(fn: (x: unknown, y: unknown) => unknown, x: Compiled, y: Compiled): Compiled {
  return (f, s) => fn(x(f, s), y(f, s));
}

export function applyAll(fn: (args: unknown[]) => unknown, parts: readonly Compiled[]): Compiled {
  return (f, s) => {
    const args = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) args[i] = (parts[i] as Compiled)(f, s);
    return fn(args);
  };
}
