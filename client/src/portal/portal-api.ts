import { request } from '../api/client.ts';
import type { QuestionnaireVersion } from '../api/types.ts';

export interface PublishedSummary {
  id: number;
  instrument: string;
  party: { code: string; name: string };
  cycle: { id: number; title: string };
  questionnaire: { key: string; version: number };
  languages: string[];
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface PublishedReport extends PublishedSummary {
  revision: number;
  answers: Record<string, unknown>;
  calculated: Record<string, unknown>;
}

const enc = encodeURIComponent;

export const portalApi = {
  reports: (lang: string) =>
    request<{ reports: PublishedSummary[] }>('GET', `/api/public/reports?lang=${enc(lang)}`),
  report: (id: number, lang: string) =>
    request<PublishedReport>('GET', `/api/public/reports/${id}?lang=${enc(lang)}`),
  definition: (key: string, version: number) =>
    request<QuestionnaireVersion>('GET', `/api/questionnaires/${enc(key)}/versions/${version}`),
  pdfUrl: (id: number, lang: string) => `/api/public/reports/${id}/pdf?lang=${enc(lang)}`,
};
