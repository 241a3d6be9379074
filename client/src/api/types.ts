import type { AnswerIssue, Definition, ReportProgress } from '../../../forms/index.ts';

/** The signed-in person, as `GET /api/auth/me` returns them. */
export interface Me {
  id: number;
  email: string;
  name: string;
  language: string;
  roles: string[];
  csrfToken: string;
}

export type ReportStatus = 'not_started' | 'in_progress' | 'submitted' | 'reopened';

export interface Progress {
  answered: number;
  required: number;
  percent: number;
}

export interface ReportSummary {
  id: number;
  instrument: string;
  party: { code: string; name: string };
  cycle: { id: number; title: string; opensAt: string; closesAt: string };
  questionnaire: { key: string; version: number };
  status: ReportStatus;
  progress: Progress;
  issueCount: number;
  revision: number;
  lastChangedAt: string | null;
}

export interface QuestionnaireVersion {
  key: string;
  version: number;
  instrument: string;
  contentHash: string;
  publishedAt: string;
  definition: Definition;
}

export interface Report {
  id: number;
  party: { code: string; name: string };
  instrument: string;
  cycle: { id: number; title: string; closesAt: string };
  questionnaire: { key: string; version: number };
  status: ReportStatus;
  revision: number;
  answers: Record<string, unknown>;
  calculated: Record<string, unknown>;
  progress: ReportProgress | Progress;
  issues: AnswerIssue[];
  lastChangedAt: string | null;
  submittedAt: string | null;
  reopenRequestedAt: string | null;
}

export interface SaveBody {
  baseRevision: number;
  set?: Record<string, unknown>;
  unset?: string[];
  saveId?: string;
}

export interface SaveResult {
  revision: number;
  issues: AnswerIssue[];
  progress: ReportProgress | Progress;
  calculated: Record<string, unknown>;
}

export interface AnswerConflict {
  id: string;
  value: unknown;
  revision: number;
  updatedBy: string | number | { id?: number; name?: string; email?: string } | null;
  updatedAt: string;
}

export interface UploadedFile {
  file: string;
  name: string;
  size: number;
  type: string;
}
