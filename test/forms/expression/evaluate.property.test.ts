import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDefinition, evaluateReport } from '../../../forms/index.ts';
import { checked, definitionWith } from '../helpers.ts';

// A small typed expression generator and a direct reference interpreter of the language's rules,
// written independently of the engine's compiled closures.

type Node =
  | { k: 'lit'; v: number | string | boolean | null }
  | { k: 'var'; name: string }
  | { k: 'un'; op: '!' | '-'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; fn: string; args: Node[] };

const numberVars = ['a', 'b'];
const textVars = ['s', 't'];
const boolVars = ['f', 'g'];

const leafNumber: fc.Arbitrary<Node> = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((v): Node => ({ k: 'lit', v })),
  fc.constantFrom(0.5, 2.25).map((v): Node => ({ k: 'lit', v })),
  fc.constantFrom(...numberVars).map((name): Node => ({ k: 'var', name })),
);
const leafText: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom('', 'x', 'ab').map((v): Node => ({ k: 'lit', v })),
  fc.constantFrom(...textVars).map((name): Node => ({ k: 'var', name })),
);
const leafBool: fc.Arbitrary<Node> = fc.oneof(
  fc.boolean().map((v): Node => ({ k: 'lit', v })),
  fc.constantFrom(...boolVars).map((name): Node => ({ k: 'var', name })),
);

const { num, bool, text } = fc.letrec<{ num: Node; bool: Node; text: Node }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafNumber,
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('+', '-', '*', '/'),
      a: tie('num'),
      b: tie('num'),
    }),
    fc.record({ k: fc.constant('un' as const), op: fc.constant('-' as const), a: tie('num') }),
    fc
      .tuple(tie('bool'), tie('num'), tie('num'))
      .map(([c, x, y]): Node => ({ k: 'call', fn: 'if', args: [c, x, y] })),
    fc
      .tuple(tie('num'), fc.integer({ min: 0, max: 2 }))
      .map(([x, n]): Node => ({ k: 'call', fn: 'round', args: [x, { k: 'lit', v: n }] })),
    tie('text').map((x): Node => ({ k: 'call', fn: 'len', args: [x] })),
    fc.constant<Node>({ k: 'call', fn: 'count', args: [{ k: 'var', name: 'm' }] }),
    fc
      .tuple(fc.constantFrom('sum', 'min', 'max'), fc.array(tie('num'), { minLength: 1, maxLength: 3 }))
      .map(([fn, args]): Node => ({ k: 'call', fn, args })),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafBool,
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
      a: tie('num'),
      b: tie('num'),
    }),
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('==', '!=', '<'),
      a: tie('text'),
      b: tie('text'),
    }),
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('&&', '||'),
      a: tie('bool'),
      b: tie('bool'),
    }),
    fc.record({ k: fc.constant('un' as const), op: fc.constant('!' as const), a: tie('bool') }),
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('==', '!='),
      a: tie('num'),
      b: fc.constant<Node>({ k: 'lit', v: null }),
    }),
    fc.constantFrom('yes', 'no').map(
      (v): Node => ({
        k: 'call',
        fn: 'selected',
        args: [
          { k: 'var', name: 'm' },
          { k: 'lit', v },
        ],
      }),
    ),
    fc.constantFrom('yes', 'no').map(
      (v): Node => ({
        k: 'call',
        fn: 'contains',
        args: [
          { k: 'var', name: 'm' },
          { k: 'lit', v },
        ],
      }),
    ),
    fc.oneof(tie('num'), tie('text')).map((x): Node => ({ k: 'call', fn: 'empty', args: [x] })),
    tie('text').map((x): Node => ({ k: 'call', fn: 'matches', args: [x, { k: 'lit', v: '^a' }] })),
  ),
  text: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafText,
    fc
      .tuple(tie('bool'), tie('text'), tie('text'))
      .map(([c, x, y]): Node => ({ k: 'call', fn: 'if', args: [c, x, y] })),
  ),
}));

function print(n: Node): string {
  switch (n.k) {
    case 'lit':
      return n.v === null ? 'null' : typeof n.v === 'string' ? `'${n.v}'` : String(n.v);
    case 'var':
      return n.name;
    case 'un':
      return `${n.op}(${print(n.a)})`;
    case 'bin':
      return `(${print(n.a)} ${n.op} ${print(n.b)})`;
    case 'call':
      return `${n.fn}(${n.args.map(print).join(', ')})`;
  }
}

type V = number | string | boolean | null | string[];

function reference(n: Node, env: Record<string, V>): V {
  const truthy = (v: V) => v === true;
  const flatNumbers = (vs: V[]) => vs.flat().filter((v): v is number => typeof v === 'number');
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'var': {
      const v = env[n.name];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
      return v;
    }
    case 'un': {
      const a = reference(n.a, env);
      return n.op === '!' ? !truthy(a) : typeof a === 'number' ? -a : null;
    }
    case 'bin': {
      if (n.op === '&&') return truthy(reference(n.a, env)) && truthy(reference(n.b, env));
      if (n.op === '||') return truthy(reference(n.a, env)) || truthy(reference(n.b, env));
      const a = reference(n.a, env);
      const b = reference(n.b, env);
      if (n.op === '==') return a === b;
      if (n.op === '!=') return a !== b;
      if (['<', '<=', '>', '>='].includes(n.op)) {
        if (a === null || b === null || typeof a !== typeof b) return false;
        const [x, y] = [a as number, b as number];
        return n.op === '<' ? x < y : n.op === '<=' ? x <= y : n.op === '>' ? x > y : x >= y;
      }
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      const r = n.op === '+' ? a + b : n.op === '-' ? a - b : n.op === '*' ? a * b : b === 0 ? null : a / b;
      return r === null || !Number.isFinite(r) ? null : r;
    }
    case 'call': {
      const args = n.args;
      const arg = (i: number) => reference(args[i] as Node, env);
      switch (n.fn) {
        case 'if':
          return truthy(arg(0)) ? arg(1) : arg(2);
        case 'round': {
          const x = arg(0);
          const d = arg(1) as number;
          if (typeof x !== 'number') return null;
          const f = 10 ** d;
          return (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + Number.EPSILON))) / f || 0;
        }
        case 'len': {
          const x = arg(0);
          return x === null ? 0 : (x as string).length;
        }
        case 'count': {
          const x = arg(0);
          return Array.isArray(x) ? x.length : 0;
        }
        case 'sum':
          return flatNumbers(args.map((_, i) => arg(i))).reduce((s, v) => s + v, 0);
        case 'min':
        case 'max': {
          const values = flatNumbers(args.map((_, i) => arg(i)));
          if (values.length === 0) return null;
          return n.fn === 'min' ? Math.min(...values) : Math.max(...values);
        }
        case 'selected':
        case 'contains': {
          const list = arg(0);
          return Array.isArray(list) && list.includes(arg(1) as string);
        }
        case 'empty': {
          const x = arg(0);
          return x === null || x === '';
        }
        case 'matches': {
          const s = arg(0);
          return typeof s === 'string' && /^a/u.test(s);
        }
      }
      throw new Error(`no reference for ${n.fn}`);
    }
  }
}

const envArbitrary = fc.record(
  {
    a: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(0.5)),
    b: fc.integer({ min: -4, max: 4 }),
    s: fc.constantFrom('', 'a', 'ab', 'b'),
    t: fc.constantFrom('x', 'ab'),
    f: fc.boolean(),
    g: fc.boolean(),
    m: fc.subarray(['yes', 'no']),
  },
  { requiredKeys: [] },
);

const items = [
  ...numberVars.map((id) => ({ id, type: 'decimal', label: id })),
  ...textVars.map((id) => ({ id, type: 'text', label: id })),
  ...boolVars.map((id) => ({ id, type: 'boolean', label: id })),
  { id: 'm', type: 'choice', multiple: true, options: 'yes_no', label: 'm' },
];

describe('the compiled evaluator', () => {
  it('agrees with a simple reference interpreter over random expressions', () => {
    fc.assert(
      fc.property(
        fc.oneof(num, bool, text),
        fc.array(envArbitrary, { minLength: 1, maxLength: 4 }),
        (tree, envs) => {
          const source = print(tree);
          const plan = compileDefinition(
            checked(
              definitionWith([...items, { id: 'r', type: 'calculated', label: 'r', expression: source }]),
            ),
          );
          for (const env of envs) {
            const actual = evaluateReport(plan, env, {}).calculated.r;
            // A calculation that gives '' is stored as null, like an empty answer, and -0 as 0.
            const expected = reference(tree, env as Record<string, V>);
            const stored = expected === '' ? null : typeof expected === 'number' ? expected + 0 : expected;
            expect(actual, `${source} with ${JSON.stringify(env)}`).toEqual(stored);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
