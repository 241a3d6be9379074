import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkDefinition,
  formatProblem,
  type Problem,
  parseExpression,
  problemCatalogues,
  problemCodes,
} from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { defaultItems, definitionWith, num, text } from '../helpers.ts';

const languages = ['en', 'fr', 'es'] as const;
const known: Record<string, readonly string[]> = problemCodes;

/** The checker's sources: where definition problems are made (answer issues live in evaluate/ and answers/). */
const checkerDirectories = ['definition', 'expression', 'plan'].map((d) => join('forms', d));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The code literals of the checker's sources: `code: 'x'`, `code = 'x'`, a code before its message
 * (`error(path, 'x', 'message …')`) and a code after a position (`new ParseError(message, start, 'x')`).
 */
function codesInSources(): Map<string, string> {
  const patterns = [
    /\bcode:\s*'([a-z][a-z_]*)'/g,
    /\bcode = '([a-z][a-z_]*)'/g,
    /'([a-z][a-z_]*)',\s*(?:'[^'\n]* [^'\n]*'|`[^`\n]* [^`\n]*`|"[^"\n]* [^"\n]*")/g,
    /(?:new ParseError|fail)\([^;]*?,\s*(?:start|0),\s*'([a-z][a-z_]*)'/g,
  ];
  const found = new Map<string, string>();
  for (const directory of checkerDirectories) {
    for (const file of sourceFiles(directory)) {
      // Comments show examples of paths (`['sections', 1, 'items', 2]`) that are no codes.
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const pattern of patterns) {
        for (const match of source.matchAll(pattern)) if (match[1]) found.set(match[1], file);
      }
    }
  }
  return found;
}

const choice = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  type: 'choice',
  label: id,
  options: 'yes_no',
  ...more,
});
const option = (value: string) => ({ value, label: value });
const row = (id: string) => ({ id, label: id });
const calc = (id: string, expression: string) => ({ id, type: 'calculated', label: id, expression });

/** Definitions made to be wrong in every way the checker knows, each problem once or more. */
function badDefinitions(): unknown[] {
  const expressions = [
    '',
    'a +',
    '(a',
    'max(a b)',
    'a = b',
    "'open",
    "'\\q'",
    '2a',
    '@',
    '@party.x',
    '@option',
    '@nobody',
    'nofn(a)',
    'a'.repeat(5000),
    `${'('.repeat(200)}a${')'.repeat(200)}`,
    'a == s',
    "m == 'yes'",
    'a > null',
    'a + s',
    '!a',
    'if(f, a, s)',
    'max(a, s)',
    'round(a, s)',
    'sum(s)',
    'len(a)',
    "selected(c, 'maybe')",
    'selected(a)',
    'count()',
    'max()',
    'matches(s, t)',
    "matches(s, '(a+)+')",
    "matches(s, '(a')",
    "matches(s, '\\\\1')",
    "matches(s, '[')",
    '.',
    '@value',
    '@option.range',
    'nobody',
    'rep.nobody',
    'tab.r9.n',
    'tab.r1.nobody',
    'tab.n',
    'a.b',
    'rep',
    'rep.x.y',
    'rep.x',
    'tab.r1',
    'tab.r1.n.z',
    'nt',
  ];
  const items = [...defaultItems, { id: 'nt', type: 'note', text: 'n' }];
  const definitions: unknown[] = expressions.map((e) => definitionWith([...items, calc('result', e)]));
  definitions.push(
    null,
    { format: 'other' },
    definitionWith([{ id: 'Bad-Id', type: 'slider', label: 'x' }]),
    definitionWith([{ id: 'x', type: 'text', label: 'x', minLength: -1, maxLength: 99999999 }]),
    definitionWith([{ id: 'x', type: 'text', label: 'x', pattern: '(a+)+' }]),
    definitionWith([{ id: 'x', type: 'text', label: 'x', pattern: 'a'.repeat(2000) }]),
    definitionWith([{ id: 'x', type: 'text', label: 'x', pattern: '(' }]),
    ...[
      [text('a', { relevant: 'a + 1', extra: 1 }), text('a')],
      [num('n', { min: 5, max: 1, default: "'x'" })],
      [{ id: 'i', type: 'integer', label: 'i', min: 0.5, max: 1.5 }],
      [{ id: 'dt', type: 'date', label: 'dt', min: '2020-02-31' }],
      [choice('c1', { minSelected: 1, appearance: 'checkbox' })],
      [choice('c2', { multiple: true, minSelected: 5, options: [option('a'), option('a')] })],
      [{ id: 'rk', type: 'ranking', label: 'rk', options: 'yes_no', maxRanked: 9 }],
      [choice('c3', { options: 'nowhere' })],
      [choice('c1'), { id: 'l1', type: 'loop', label: 'l1', over: 'c1', items: [text('a')] }],
      [text('a'), { id: 'l1', type: 'loop', label: 'l1', over: 'a', items: [text('a')] }],
      [{ id: 't', type: 'table', label: 't', rows: [row('r'), row('r')], columns: [num('x')] }],
      [{ id: 'nt', type: 'note', text: { en: 'n', de: 'n' }, required: true }],
      [calc('q', 'q2'), calc('q2', 'q')],
      [num('d1', { default: 'd2' }), num('d2', { default: 'd1' })],
      [{ id: 'rp', type: 'repeat', label: 'rp', items: [text('x')], minItems: 3, maxItems: 1 }],
      [{ id: 'fl', type: 'file', label: 'fl', default: "'x'" }],
      [num('rr', { renamedFrom: ['a'] }), num('a')],
      [text('cn', { constraint: 'a' }), num('a')],
      [text('cn', { relevant: 'a' }), num('a')],
      [text('cn', { relevant: '@option.nothing' })],
      [text('cn', { relevant: 'tab' }), ...defaultItems.slice(-1)],
      [nested(12)],
      Array.from({ length: 3000 }, (_, i) => text(`t${i}`)),
    ].map((items) => definitionWith(items)),
    definitionWith([text('a')], { languages: ['en', 'en', 'fr'] }),
    definitionWith([text('a')], { defaultLanguage: 'de' }),
    definitionWith([text('a')], { codeLists: { spare: [option('x')] }, extra: true }),
    definitionWith([], {
      sections: [
        { id: 's', title: 'S', items: [text('z')] },
        { id: 's', title: 'S', items: [text('w')] },
      ],
    }),
    definitionWith([
      {
        id: 'l',
        type: 'loop',
        label: 'l',
        over: 'birds',
        items: [text('x', { relevant: "@option.colour == 'x'" })],
      },
    ]),
    { deep: nestedJson(400) },
    { many: Array.from({ length: 300000 }, () => 1) },
    definitionWith(Array.from({ length: 3000 }, (_, i) => text(`t${i}`))),
    definitionWith([nested(12)]),
    { deep: nestedJson(400) },
    questionnaire,
  );
  for (const file of readdirSync('forms/definitions').filter((f) => f.endsWith('.json'))) {
    definitions.push(JSON.parse(readFileSync(join('forms/definitions', file), 'utf8')));
  }
  return definitions;
}

function nested(depth: number): unknown {
  return depth === 0 ? text('leaf') : { id: `g${depth}`, type: 'group', items: [nested(depth - 1)] };
}

function nestedJson(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function problemsOf(input: unknown): Problem[] {
  const result = checkDefinition(input);
  return result.ok ? result.warnings : result.issues;
}

describe('the catalogue of definition problems', () => {
  it('has a sentence for every code the checker, the parser and the binder write in their sources', () => {
    const inSources = codesInSources();
    expect(inSources.size).toBeGreaterThan(40);
    const missing = [...inSources]
      .filter(([code]) => !Object.hasOwn(known, code))
      .map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it('says every code and kind in English, French and Spanish', () => {
    for (const language of languages) {
      const templates: Record<string, unknown> = problemCatalogues[language]?.templates ?? {};
      for (const [code, kinds] of Object.entries(known)) {
        const entry = templates[code];
        if (kinds.length === 0) expect(typeof entry, `${language} ${code}`).toBe('string');
        else
          for (const kind of kinds)
            expect((entry as Record<string, string>)[kind], `${language} ${code}.${kind}`).toBeTypeOf(
              'string',
            );
      }
    }
  });

  it('knows every code and kind the checker gives for definitions wrong in every known way', () => {
    const seen = new Set<string>();
    const unknown = new Set<string>();
    for (const definition of badDefinitions()) {
      for (const problem of problemsOf(definition)) {
        const kind = problem.params?.kind;
        const key = kind === undefined ? problem.code : `${problem.code}.${kind}`;
        seen.add(problem.code);
        const kinds = known[problem.code];
        const zodOrigin = problem.code === 'too_small' || problem.code === 'too_big';
        if (kinds === undefined || (kind !== undefined && !zodOrigin && !kinds.includes(String(kind))))
          unknown.add(key);
        for (const language of languages) {
          const sentence = formatProblem(problem, language);
          expect(sentence, `${language} ${key}: ${problem.message}`).not.toMatch(/\{\w+\}/);
          if (language !== 'en' && kinds !== undefined) expect(sentence).not.toBe(problem.message);
        }
      }
    }
    expect([...unknown]).toEqual([]);
    // The crafted definitions reach most of the catalogue: a code that no longer comes out is worth a look.
    expect(seen.size).toBeGreaterThanOrEqual(40);
  });

  it('says the syntax problems of the expression field in every language', () => {
    for (const source of ['a +', '(a', "'open", 'a = b', '@option', 'max(a b)']) {
      const parsed = parseExpression(source);
      if (parsed.ok) expect.fail(source);
      for (const problem of parsed.issues) {
        expect(problem.params?.kind, source).toBeDefined();
        expect(formatProblem(problem, 'es')).not.toBe(problem.message);
      }
    }
  });
});
