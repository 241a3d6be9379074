import type { CellDistribution, Distribution, NumberSummary } from '../../../server/analysis/distribution.ts';
import type { PartyAnswer } from '../../../server/analysis/service.ts';
import { request } from '../api/client.ts';

// The shapes the server answers with, from the server's own types (type-only: no server code is bundled).
export type { CellDistribution, Distribution, NumberSummary, PartyAnswer };

export interface AnalysedCycle {
  id: number;
  title: string;
  instrument: string;
  opensAt: string;
  closesAt: string;
  questionnaire: { key: string; version: number };
  submitted: number;
}

export interface QuestionSummary {
  id: string;
  number: string | null;
  label: string;
  type: string;
  section: string;
  concept: string | null;
}

export interface DistributionResult {
  question: { id: string; label: string; type: string; multiple: boolean; concept: string | null };
  questionId: string;
  reports: number;
  distribution: Distribution;
  parties: PartyAnswer[];
}

export interface TrendResult {
  question: DistributionResult['question'];
  points: {
    cycle: { id: number; title: string; opensAt: string };
    questionId: string;
    match: 'same' | 'carried' | 'concept';
    reports: number;
    distribution: Distribution;
  }[];
}

export interface CompareResult {
  concepts: { id: string; label: string; tags: string[] }[];
  columns: {
    concept: string;
    instrument: string;
    cycle: { id: number; title: string; opensAt: string };
    itemId: string;
    label: string;
    type: string;
    options: { value: string; label: string }[] | null;
  }[];
  rows: { party: { code: string; name: string; region: string | null }; cells: unknown[] }[];
}

export interface Concept {
  id: string;
  label: Record<string, string>;
  tags: string[];
}

/** The Party filters of an analysis: a region and `name:value` attributes. */
export interface Filters {
  region: string;
  attributes: string[];
}

function filterQuery(filters: Filters, lang: string): string {
  const query = new URLSearchParams({ lang });
  if (filters.region) query.set('region', filters.region);
  for (const attribute of filters.attributes) query.append('attribute', attribute);
  return query.toString();
}

const enc = encodeURIComponent;

export const analysisApi = {
  instruments: () =>
    request<{ instruments: { code: string; name: Record<string, string> }[] }>('GET', '/api/instruments'),
  cycles: (instrument: string) =>
    request<{ cycles: AnalysedCycle[] }>('GET', `/api/analysis/cycles?instrument=${enc(instrument)}`),
  questions: (cycle: number, lang: string) =>
    request<{
      questions: QuestionSummary[];
      filters: { regions: string[]; attributes: Record<string, string[]> };
    }>('GET', `/api/analysis/cycles/${cycle}/questions?lang=${enc(lang)}`),
  distribution: (cycle: number, question: string, filters: Filters, lang: string) =>
    request<DistributionResult>(
      'GET',
      `/api/analysis/cycles/${cycle}/distribution?question=${enc(question)}&${filterQuery(filters, lang)}`,
    ),
  trend: (cycle: number, question: string, filters: Filters, lang: string) =>
    request<TrendResult>(
      'GET',
      `/api/analysis/cycles/${cycle}/trend?question=${enc(question)}&${filterQuery(filters, lang)}`,
    ),
  parties: () => request<{ parties: { code: string; region: string | null }[] }>('GET', '/api/parties'),
  concepts: () => request<{ concepts: Concept[] }>('GET', '/api/concepts'),
  compare: (
    selector: { concept: string } | { tag: string },
    instrument: string,
    filters: Filters,
    lang: string,
  ) => {
    const which = 'concept' in selector ? `concept=${enc(selector.concept)}` : `tag=${enc(selector.tag)}`;
    const only = instrument ? `&instrument=${enc(instrument)}` : '';
    return request<CompareResult>('GET', `/api/compare?${which}${only}&${filterQuery(filters, lang)}`);
  },
};
