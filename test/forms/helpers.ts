import { expect } from 'vitest';
import {
  checkDefinition,
  compileDefinition,
  type Definition,
  type EvaluationContext,
  evaluateReport,
  type Item,
  type Plan,
  type Problem,
} from '../../forms/index.ts';

/** A minimal valid definition around the given items (one section `main`), with optional code lists. */
export function definitionWith(
  items: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    format: 'ors-questionnaire@1',
    key: 'test',
    instrument: 'CMS',
    title: 'Test',
    defaultLanguage: 'en',
    languages: ['en'],
    codeLists: {
      yes_no: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
      birds: [
        { value: 'crane', label: 'Crane', attributes: { group: 'cranes', range: ['FRA', 'DEU'], weight: 6 } },
        { value: 'eagle', label: 'Eagle', attributes: { group: 'raptors', range: ['DEU'], weight: 3 } },
        {
          value: 'warbler',
          label: 'Warbler',
          attributes: { group: 'passerines', range: ['FRA'], weight: 0.01 },
        },
      ],
    },
    sections: [{ id: 'main', title: 'Main', items }],
    ...extra,
  };
}

/** Checks the definition (failing the test with its problems if any) and returns it. */
export function checked(input: unknown): Definition {
  const result = checkDefinition(input);
  if (!result.ok) expect.fail(JSON.stringify(result.issues, null, 2));
  return result.value;
}

export function planOf(items: unknown[], extra?: Record<string, unknown>): Plan {
  return compileDefinition(checked(definitionWith(items, extra)));
}

/** The problems of a definition around the given items (errors only). */
export function errorsOf(items: unknown[], extra?: Record<string, unknown>): Problem[] {
  const result = checkDefinition(definitionWith(items, extra));
  return result.ok ? [] : result.issues.filter((i) => i.severity === 'error');
}

export const num = (id: string, more: Record<string, unknown> = {}): Item =>
  ({ id, type: 'decimal', label: id, ...more }) as Item;
export const text = (id: string, more: Record<string, unknown> = {}): Item =>
  ({ id, type: 'text', label: id, ...more }) as Item;

/**
 * Evaluates one expression as a calculated item next to the given items and answers.
 * Items default to: decimals a, b; text s, t; boolean f; multiple choice m; date d.
 */
export function evaluate(
  expression: string,
  answers: Record<string, unknown> = {},
  ctx: EvaluationContext = { party: 'FRA', today: '2025-06-01' },
  items: unknown[] = defaultItems,
): unknown {
  const plan = planOf([...items, { id: 'result', type: 'calculated', label: 'r', expression }]);
  return evaluateReport(plan, answers, ctx).calculated.result;
}

export const defaultItems: unknown[] = [
  num('a'),
  num('b'),
  text('s'),
  text('t'),
  { id: 'f', type: 'boolean', label: 'f' },
  { id: 'm', type: 'choice', multiple: true, options: 'yes_no', label: 'm' },
  { id: 'c', type: 'choice', options: 'yes_no', label: 'c' },
  { id: 'd', type: 'date', label: 'd' },
  {
    id: 'rep',
    type: 'repeat',
    label: 'rep',
    items: [num('x'), text('name')],
  },
  {
    id: 'tab',
    type: 'table',
    label: 'tab',
    rows: [
      { id: 'r1', label: 'R1' },
      { id: 'r2', label: 'R2' },
    ],
    columns: [num('n'), text('note')],
  },
];
