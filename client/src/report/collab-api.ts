import { ApiError } from '../api/api-error.ts';
import { request } from '../api/client.ts';
import type { SaveResult, UploadedFile } from '../api/types.ts';

/** A part of a report handed to a contributor (GET /api/reports/:id/handovers). */
export interface HandOver {
  id: number;
  contributor: { id: number; name: string; email: string };
  sectionId: string;
  loopId: string | null;
  iterations: string[] | null;
  note: string | null;
  handedBy: { name: string; email: string } | null;
  at: string;
  doneAt: string | null;
}

export interface Contributor {
  id: number;
  name: string;
  email: string;
  /** In the contributor list: invited and not accepted yet (a part can be handed to them already). */
  invited?: boolean;
}

/** Who last changed an answer, when, and how (GET /api/reports/:id/contributions). */
export interface Contribution {
  user: Contributor | null;
  at: string;
  source: string;
  revision: number;
}

/** An answer offered from another submitted report of the Party (GET /api/reports/:id/prefill). */
export interface PrefillProposal {
  id: string;
  value: unknown;
  kind: 'previous-cycle' | 'other-instrument';
  concept: string | null;
  source: {
    reportId: number;
    instrument: string;
    cycle: { id: number; title: string };
    questionnaire: { key: string; version: number };
    itemId: string;
    submittedAt: string;
  };
}

export interface NewHandOver {
  contributorId: number;
  sectionId: string;
  loopId?: string;
  iterations?: string[];
  note?: string;
}

/** An invitation of a colleague (POST /api/invitations): the account is created and a link e-mailed. */
export interface Invitation {
  email: string;
  name?: string;
  language: 'en' | 'fr' | 'es';
  roles: string[];
}

export const collabApi = {
  handOvers: (reportId: number) =>
    request<{ handovers: HandOver[] }>('GET', `/api/reports/${reportId}/handovers`),
  contributors: (reportId: number) =>
    request<{ contributors: Contributor[] }>('GET', `/api/reports/${reportId}/contributors`),
  invite: (invitation: Invitation) => request<{ status: 'invited' }>('POST', '/api/invitations', invitation),
  handOver: (reportId: number, body: NewHandOver) =>
    request<{ id: number }>('POST', `/api/reports/${reportId}/handovers`, body),
  markDone: (reportId: number, id: number, done: boolean) =>
    request<{ doneAt: string | null }>('POST', `/api/reports/${reportId}/handovers/${id}/done`, { done }),
  revoke: (reportId: number, id: number) =>
    request<void>('DELETE', `/api/reports/${reportId}/handovers/${id}`),
  contributions: (reportId: number) =>
    request<{ answers: Record<string, Contribution> }>('GET', `/api/reports/${reportId}/contributions`),
  prefill: (reportId: number) =>
    request<{ suggestions: PrefillProposal[] }>('GET', `/api/reports/${reportId}/prefill`),
  applyPrefill: (reportId: number, baseRevision: number, accept: { id: string; sourceReportId: number }[]) =>
    request<SaveResult & { applied: string[] }>('POST', `/api/reports/${reportId}/prefill/apply`, {
      baseRevision,
      accept,
    }),
  fileUrl: (reportId: number, fileId: string) =>
    `/api/reports/${reportId}/files/${encodeURIComponent(fileId)}`,

  /**
   * Uploads one file for the file question `itemKey` (its template key), reporting progress (0–1) as the
   * bytes go: XMLHttpRequest, since fetch reports no upload progress.
   */
  async upload(
    reportId: number,
    itemKey: string,
    file: File,
    onProgress: (fraction: number) => void,
  ): Promise<UploadedFile> {
    const { csrfToken } = await request<{ csrfToken: string }>('GET', '/api/auth/me');
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/reports/${reportId}/files?item=${encodeURIComponent(itemKey)}`);
      xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', status: 0 }));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
        else
          reject(
            new ApiError(xhr.status, {
              title: xhr.statusText,
              status: xhr.status,
              ...(body !== null && typeof body === 'object' ? body : {}),
            }),
          );
      };
      const form = new FormData();
      form.append('file', file);
      xhr.send(form);
    });
  },
};
