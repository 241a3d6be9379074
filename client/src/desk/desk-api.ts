import { request } from '../api/client.ts';

export type DeskStatus = 'not_started' | 'in_progress' | 'submitted';

export interface Cycle {
  id: number;
  instrument: string;
  title: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  questionnaire: { key: string; version: number };
}

export interface CycleListEntry extends Cycle {
  reportCount: number;
  submittedCount: number;
}

export interface CycleReport {
  id: number;
  party: { code: string; name: string };
  status: DeskStatus;
  revision: number;
  progress: { answered: number; required: number; percent: number };
  issueCount: number;
  lastChangedAt: string | null;
  submittedAt: string | null;
  reopenRequestedAt: string | null;
  publishedAt: string | null;
}

export interface TimelineDay {
  day: string;
  notStarted: number;
  inProgress: number;
  submitted: number;
  /** The average progress of the cycle's reports that day, in percent to one decimal. */
  averagePercent: number;
  /** How many reports stood at 100% that day. */
  complete: number;
}

export interface ReopenRequest {
  reportId: number;
  party: { code: string; name: string };
  requestedAt: string;
  reason: string | null;
  requestedBy: { name: string; email: string } | null;
}

export interface NewCycleBody {
  instrument: string;
  questionnaire: string;
  version: number;
  title: string;
  opensAt: string;
  closesAt: string;
  parties: string[];
}

export interface Instrument {
  code: string;
  name: Record<string, string>;
}

export interface Member {
  code: string;
  name: Record<string, string>;
}

export interface QuestionnaireEntry {
  key: string;
  instrument: string;
  latestVersion: number | null;
}

const enc = encodeURIComponent;

/** The API calls of the secretariat's desk. */
export const deskApi = {
  cycles: () => request<{ cycles: CycleListEntry[] }>('GET', '/api/cycles'),
  cycle: (id: number) => request<Cycle>('GET', `/api/cycles/${id}`),
  reports: (id: number) => request<{ reports: CycleReport[] }>('GET', `/api/cycles/${id}/reports`),
  timeline: (id: number) => request<{ days: TimelineDay[] }>('GET', `/api/cycles/${id}/timeline`),
  reopenRequests: (id: number) =>
    request<{ requests: ReopenRequest[] }>('GET', `/api/cycles/${id}/reopen-requests`),
  openCycle: (body: NewCycleBody) => request<{ id: number; reports: number }>('POST', '/api/cycles', body),
  changeCycle: (id: number, change: { closesAt?: string; closed?: boolean }) =>
    request<{ closesAt: string; closedAt: string | null }>('PATCH', `/api/cycles/${id}`, change),
  instruments: () => request<{ instruments: Instrument[] }>('GET', '/api/instruments'),
  members: (instrument: string) =>
    request<{ members: Member[] }>('GET', `/api/instruments/${enc(instrument)}/parties`),
  questionnaires: (instrument: string) =>
    request<{ questionnaires: QuestionnaireEntry[] }>(
      'GET',
      `/api/questionnaires?instrument=${enc(instrument)}`,
    ),
  versions: (key: string) =>
    request<{ versions: { version: number; publishedAt: string }[] }>(
      'GET',
      `/api/questionnaires/${enc(key)}/versions`,
    ),
  reopen: (reportId: number, note: string) =>
    request<unknown>('POST', `/api/reports/${reportId}/reopen`, note ? { note } : {}),
  declineReopen: (reportId: number, note: string) =>
    request<unknown>('POST', `/api/reports/${reportId}/decline-reopen`, { note }),
  submitOnBehalf: (reportId: number, note: string) =>
    request<unknown>('POST', `/api/reports/${reportId}/submit-on-behalf`, note ? { note } : {}),
  publish: (reportId: number, publish: boolean) =>
    request<unknown>('POST', `/api/reports/${reportId}/${publish ? 'publish' : 'withdraw'}`),
  remindAll: (cycleId: number, message: string) =>
    request<{ reminded: string[]; unreachable: string[] }>(
      'POST',
      `/api/cycles/${cycleId}/remind`,
      message ? { message } : {},
    ),
  remind: (reportId: number, message: string) =>
    request<{ recipients: string[] }>('POST', `/api/reports/${reportId}/remind`, message ? { message } : {}),
};
