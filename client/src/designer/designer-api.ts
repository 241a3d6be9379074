import type { DefinitionChange, Problem } from '../../../forms/index.ts';
import { ApiError } from '../api/api-error.ts';
import { request } from '../api/client.ts';

export interface QuestionnaireSummary {
  key: string;
  instrument: string;
  latestVersion: number | null;
  hasDraft: boolean;
}

export interface VersionSummary {
  version: number;
  contentHash: string;
  publishedAt: string;
  publishedBy: string | null;
}

export interface QuestionnaireDetail {
  key: string;
  instrument: string;
  versions: VersionSummary[];
  draft: { updatedAt: string } | null;
}

/** A row or cell of an XLSForm workbook the import could not map, or mapped with a remark. */
export interface MappingNote {
  sheet: string;
  row: number;
  column?: string;
  reason: string;
  severity: 'error' | 'warning' | 'info';
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const enc = encodeURIComponent;

/** Sends a workbook as the raw body of a write (the CSRF token read from the session first). */
async function sendWorkbook<T>(method: string, path: string, file: Blob): Promise<T> {
  const me = await request<{ csrfToken?: string }>('GET', '/api/auth/me');
  const response = await fetch(path, {
    method,
    headers: { 'content-type': xlsxType, accept: 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
    credentials: 'same-origin',
    body: file,
  }).catch((error: unknown) => {
    throw new ApiError(0, { title: 'Network error', status: 0, detail: String(error) });
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok)
    throw new ApiError(response.status, { title: response.statusText, status: response.status, ...body });
  return body as T;
}

/** The questionnaire designer's calls to the API. */
export const designerApi = {
  list: () => request<{ questionnaires: QuestionnaireSummary[] }>('GET', '/api/questionnaires'),
  instruments: () => request<{ instruments: { code: string; name: unknown }[] }>('GET', '/api/instruments'),
  create: (definition: unknown) =>
    request<{ key: string; warnings: Problem[] }>('POST', '/api/questionnaires', definition),
  detail: (key: string) => request<QuestionnaireDetail>('GET', `/api/questionnaires/${enc(key)}`),
  draft: (key: string) =>
    request<{ key: string; updatedAt: string; definition: unknown }>(
      'GET',
      `/api/questionnaires/${enc(key)}/draft`,
    ),
  saveDraft: (key: string, definition: unknown) =>
    request<{ key: string; warnings: Problem[] }>('PUT', `/api/questionnaires/${enc(key)}/draft`, definition),
  draftFrom: (key: string, fromVersion: number) =>
    request<{ key: string }>('POST', `/api/questionnaires/${enc(key)}/draft`, { fromVersion }),
  publish: (key: string) =>
    request<{ key: string; version: number }>('POST', `/api/questionnaires/${enc(key)}/publish`),
  version: (key: string, version: number) =>
    request<{ definition: unknown }>('GET', `/api/questionnaires/${enc(key)}/versions/${version}`),
  diff: (key: string, from: number, to: number | 'draft') =>
    request<{ changes: DefinitionChange[] }>(
      'GET',
      `/api/questionnaires/${enc(key)}/diff?from=${from}&to=${to}`,
    ),
  importXlsForm: (instrument: string, file: Blob) =>
    sendWorkbook<{ key: string; report: MappingNote[] }>(
      'POST',
      `/api/questionnaires/import/xlsform?instrument=${enc(instrument)}`,
      file,
    ),
  convertXlsForm: (instrument: string, key: string, file: Blob) =>
    sendWorkbook<{ definition: unknown; valid: boolean; report: MappingNote[] }>(
      'POST',
      `/api/xlsform/convert?instrument=${enc(instrument)}&key=${enc(key)}`,
      file,
    ),
  importTranslations: (key: string, file: Blob) =>
    sendWorkbook<{ key: string; updated: number }>(
      'PUT',
      `/api/questionnaires/${enc(key)}/draft/translations`,
      file,
    ),
  links: {
    draftXlsForm: (key: string) => `/api/questionnaires/${enc(key)}/draft/xlsform`,
    versionXlsForm: (key: string, version: number) =>
      `/api/questionnaires/${enc(key)}/versions/${version}/xlsform`,
    translations: (key: string) => `/api/questionnaires/${enc(key)}/draft/translations`,
  },
};
