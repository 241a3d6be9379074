import { ApiError, type Problem } from './api-error.ts';
import type { Me, QuestionnaireVersion, Report, ReportSummary, SaveBody, SaveResult } from './types.ts';

let csrfToken: string | null = null;

/** Remembers the token that cookie-authenticated writes must echo in `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { title: response.statusText || 'Error', status: response.status };
  const text = await response.text().catch(() => '');
  if (!text) return fallback;
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...fallback, ...parsed };
  } catch {
    return { ...fallback, detail: text.slice(0, 500) };
  }
}

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * Sends a JSON request to the API and returns the parsed body; throws `ApiError` for a problem document
 * or a network failure (status 0).
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    // The session's CSRF token changed (signed in again in another tab): fetch it and try once more.
    if (!(error instanceof ApiError) || error.code !== 'ORS_CSRF' || !writes.has(method)) throw error;
    const me = await send<{ csrfToken: string }>('GET', '/api/auth/me');
    setCsrfToken(me.csrfToken);
    return send<T>(method, path, body);
  }
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (writes.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, { title: 'Network error', status: 0, detail: String(error) });
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response), retryAfterOf(response));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;

export const api = {
  async login(email: string, password: string): Promise<Me> {
    const result = await request<{ user: Omit<Me, 'csrfToken'>; csrfToken: string }>(
      'POST',
      '/api/auth/login',
      {
        email,
        password,
      },
    );
    setCsrfToken(result.csrfToken);
    return { ...result.user, csrfToken: result.csrfToken };
  },
  async logout(): Promise<void> {
    await request<unknown>('POST', '/api/auth/logout');
    setCsrfToken(null);
  },
  async me(): Promise<Me> {
    const me = await request<Me>('GET', '/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  },
  myReports: () => request<{ reports: ReportSummary[] }>('GET', '/api/my/reports'),
  questionnaire: (key: string, version: number) =>
    request<QuestionnaireVersion>('GET', `/api/questionnaires/${enc(key)}/versions/${version}`),
  report: (id: number) => request<Report>('GET', `/api/reports/${id}`),
  saveAnswers: (id: number, body: SaveBody) =>
    request<SaveResult>('PATCH', `/api/reports/${id}/answers`, body),
  submit: (id: number) => request<unknown>('POST', `/api/reports/${id}/submit`),
  requestReopen: (id: number, reason: string) =>
    request<unknown>('POST', `/api/reports/${id}/request-reopen`, { reason }),
  exportUrl: (id: number) => `/api/reports/${id}/export?format=pdf`,
};
