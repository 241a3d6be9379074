import { describe, expect, it } from 'vitest';
import { checkDefinition, formatProblem, type Problem } from '../../../forms/index.ts';
import { definitionWith, num } from '../helpers.ts';

const problemOf = (items: unknown[]): Problem => {
  const result = checkDefinition(definitionWith(items));
  const problem = result.ok ? result.warnings[0] : result.issues[0];
  if (problem === undefined) expect.fail('expected a problem');
  return problem;
};

describe('formatProblem', () => {
  it('says an unknown id in English, French and Spanish, naming the id', () => {
    const problem = problemOf([num('a', { relevant: 'pa_cuont > 0' })]);
    expect(problem).toMatchObject({ code: 'unknown_id', params: { kind: 'id', id: 'pa_cuont' } });
    expect(formatProblem(problem, 'en')).toBe('Unknown id "pa_cuont".');
    expect(formatProblem(problem, 'fr')).toBe('Identifiant inconnu : « pa_cuont ».');
    expect(formatProblem(problem, 'es')).toBe('Identificador desconocido: «pa_cuont».');
  });

  it('fills bounds and names of fields in', () => {
    const problem = problemOf([num('n', { min: 5, max: 1 })]);
    expect(formatProblem(problem, 'fr')).toBe('min (5) est supérieur à max (1).');
    expect(formatProblem(problem, 'es')).toBe('min (5) es mayor que max (1).');
  });

  it('says kinds of value and places in an expression in the language', () => {
    const problem = problemOf([
      num('a'),
      { id: 's', type: 'text', label: 's' },
      num('b', { relevant: 'a + s > 1' }),
    ]);
    expect(problem).toMatchObject({ code: 'type_mismatch', params: { kind: 'expected', found: 'text' } });
    expect(formatProblem(problem, 'en')).toBe('Expected a number on the right of +, found a text.');
    expect(formatProblem(problem, 'fr')).toBe(
      'Valeur attendue à droite de + : un nombre ; valeur trouvée : un texte.',
    );
    expect(formatProblem(problem, 'es')).toBe(
      'Se esperaba un número a la derecha de +, pero se encontró un texto.',
    );
  });

  it("says which of the schema's patterns a value misses", () => {
    const problem = problemOf([{ id: 'Bad-Id', type: 'text', label: 'x' }]);
    expect(problem).toMatchObject({ code: 'invalid_format', params: { kind: 'identifier' } });
    expect(formatProblem(problem, 'fr')).toBe(
      'Un identifiant commence par une lettre minuscule, suivie de lettres minuscules, de chiffres ou de _.',
    );
  });

  it('keeps the English message of a code it does not know', () => {
    const problem: Problem = { path: [], code: 'not_a_code', message: 'something else', severity: 'error' };
    expect(formatProblem(problem, 'fr')).toBe('something else');
  });

  it('keeps the English message of a kind it does not know, unless the code has a sentence for any kind', () => {
    const base = { path: [], severity: 'error' as const, message: 'as written' };
    expect(formatProblem({ ...base, code: 'duplicate', params: { kind: 'galaxy' } }, 'es')).toBe(
      'as written',
    );
    expect(formatProblem({ ...base, code: 'syntax', params: { kind: 'galaxy' } }, 'es')).toBe(
      'La expresión no está bien escrita.',
    );
  });

  it('says a language it does not ship in English', () => {
    const problem = problemOf([num('a', { relevant: 'nobody' })]);
    expect(formatProblem(problem, 'ru')).toBe('Unknown id "nobody".');
  });
});
