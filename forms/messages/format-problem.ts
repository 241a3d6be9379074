import type { Problem, ProblemParams } from '../result.ts';
import { fillTemplate } from './catalogues.ts';
import { type ProblemWords, problemCatalogues } from './problem-catalogues.ts';

/** Parameters that hold kinds of value (`number`, `text[]`…), said in words of the language. */
const valueParams = ['expected', 'found', 'left', 'right'];

/**
 * The sentence of a definition problem in a language (en, fr, es; others get English), its
 * parameters filled in. A code or kind the catalogue does not know keeps the problem's English message.
 *
 * @example
 * formatProblem({ code: 'unknown_id', params: { kind: 'id', id: 'pa_cuont' }, … }, 'fr');
 * // 'Identifiant inconnu : « pa_cuont ».'
 */
export function formatProblem(problem: Problem, language: string): string {
  const catalogue = problemCatalogues[language] ?? problemCatalogues.en;
  if (catalogue === undefined || !Object.hasOwn(catalogue.templates, problem.code)) return problem.message;
  const entry: string | Record<string, string | undefined> =
    catalogue.templates[problem.code as keyof typeof catalogue.templates];
  const template = typeof entry === 'string' ? entry : pick(entry, problem.params?.kind);
  if (template === undefined) return problem.message;
  return fillTemplate(template, problem.params && inWords(problem.params, catalogue.words));
}

function pick(
  entry: Record<string, string | undefined>,
  kind: string | number | undefined,
): string | undefined {
  if (kind !== undefined && Object.hasOwn(entry, kind)) return entry[kind];
  return entry.other;
}

function inWords(params: ProblemParams, words: ProblemWords): ProblemParams {
  const said: ProblemParams = { ...params };
  for (const key of valueParams) {
    const value = params[key];
    if (typeof value === 'string')
      said[key] = value
        .split(', ')
        .map((kind) => valueKind(kind, words))
        .join(words.or);
  }
  const place = params.place;
  if (typeof place === 'string' && Object.hasOwn(words.places, place)) {
    said.place = fillTemplate(words.places[place] ?? place, { at: params.at ?? '' });
  }
  return said;
}

function valueKind(kind: string, words: ProblemWords): string {
  if (kind.endsWith('[]')) {
    const one = kind.slice(0, -2);
    return fillTemplate(words.manyValues, { type: words.valueKinds[one] ?? one });
  }
  return words.valueKinds[kind] ?? kind;
}
