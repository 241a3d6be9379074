import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Localized text as stored: `{ "en": "…", "fr": "…" }`. */
export type LocalizedJson = Record<string, string>;
type Json = ColumnType<unknown, unknown, unknown>;
type JsonOf<T> = ColumnType<T, T, T>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns come back as `YYYY-MM-DD` strings (see server/db/types.ts). */
type DateOnly = ColumnType<string, string, string>;

export type ReportStatus = 'not_started' | 'in_progress' | 'submitted';
export type RoleName = 'admin' | 'analyst' | 'secretariat' | 'focal_point' | 'contributor';
export type AnswerSource = 'edit' | 'prefill' | 'carry-over' | 'import' | 'system';
export interface StoredProgress {
  answered: number;
  required: number;
  percent: number;
}

export interface InstrumentsTable {
  code: string;
  name: JsonOf<LocalizedJson>;
  parent_code: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface PartiesTable {
  code: string;
  name: JsonOf<LocalizedJson>;
  region: string | null;
  attributes: ColumnType<
    Record<string, unknown>,
    Record<string, unknown> | undefined,
    Record<string, unknown>
  >;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  instrument_code: string;
  party_code: string;
  since: DateOnly | null;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: Generated<string>;
  password_hash: string | null;
  language: Generated<string>;
  created_at: CreatedAt;
  password_changed_at: Timestamp | null;
  disabled_at: Timestamp | null;
}

export interface RoleAssignmentsTable {
  id: Generated<number>;
  user_id: number;
  role: RoleName;
  instrument_code: string | null;
  party_code: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  user_agent: string | null;
  address: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type UserTokenKind = 'password-reset' | 'invitation';

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  kind: UserTokenKind;
  token_hash: string;
  created_at: CreatedAt;
  created_by: number | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface QuestionnairesTable {
  key: string;
  instrument_code: string;
  created_at: CreatedAt;
  created_by: number | null;
}

export interface QuestionnaireVersionsTable {
  id: Generated<number>;
  questionnaire_key: string;
  version: number | null;
  definition: Json;
  content_hash: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  updated_by: number | null;
  published_at: Timestamp | null;
  published_by: number | null;
}

export interface ConceptsTable {
  id: string;
  label: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  description: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface ConceptItemsTable {
  concept_id: string;
  questionnaire_version_id: number;
  item_id: string;
}

export interface CyclesTable {
  id: Generated<number>;
  instrument_code: string;
  questionnaire_version_id: number;
  title: string;
  opens_at: DateOnly;
  closes_at: DateOnly;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
  created_by: number | null;
}

export interface ReportsTable {
  id: Generated<number>;
  cycle_id: number;
  party_code: string;
  questionnaire_version_id: number;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  revision: Generated<number>;
  progress: ColumnType<StoredProgress, StoredProgress | undefined, StoredProgress>;
  issue_count: Generated<number>;
  created_at: CreatedAt;
  last_changed_at: Timestamp | null;
  last_changed_by: number | null;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
  reopen_requested_at: Timestamp | null;
  published_at: Timestamp | null;
}

export interface AnswersTable {
  report_id: number;
  item_id: string;
  value: Json;
  revision: number;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export interface AnswerHistoryTable {
  id: Generated<string>;
  report_id: number;
  revision: number;
  item_id: string;
  old_value: Json | null;
  new_value: Json | null;
  source: ColumnType<AnswerSource, AnswerSource | undefined, never>;
  user_id: number | null;
  created_at: CreatedAt;
}

export interface ReportSavesTable {
  report_id: number;
  save_id: string;
  revision: number;
  created_at: CreatedAt;
}

export interface ReportEventsTable {
  id: Generated<string>;
  report_id: number;
  kind: string;
  from_status: ReportStatus | null;
  to_status: ReportStatus | null;
  revision: number | null;
  user_id: number | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface ReportSnapshotsTable {
  id: Generated<number>;
  report_id: number;
  revision: number;
  questionnaire_version_id: number;
  answers: Json;
  calculated: Json;
  submitted_by: number | null;
  on_behalf: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  subject: string;
  body: string;
  dedupe_key: string | null;
  created_at: CreatedAt;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export interface ReportFilesTable {
  id: Generated<string>;
  report_id: number;
  item_key: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface HandoversTable {
  id: Generated<number>;
  report_id: number;
  user_id: number;
  section_id: string;
  loop_id: string | null;
  iterations: string[] | null;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  done_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

/** A report's progress at the end of a day (UTC) it changed; a trigger on `reports` writes it. */
export interface ReportProgressDaysTable {
  report_id: number;
  day: DateOnly;
  percent: number;
  answered: number;
  required: number;
}

/** Every table of ORS, as the migrations in migrations/ create them. */
export interface Database {
  instruments: InstrumentsTable;
  parties: PartiesTable;
  memberships: MembershipsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  user_tokens: UserTokensTable;
  questionnaires: QuestionnairesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  concepts: ConceptsTable;
  concept_items: ConceptItemsTable;
  cycles: CyclesTable;
  reports: ReportsTable;
  answers: AnswersTable;
  answer_history: AnswerHistoryTable;
  report_saves: ReportSavesTable;
  report_events: ReportEventsTable;
  report_snapshots: ReportSnapshotsTable;
  outbox: OutboxTable;
  report_files: ReportFilesTable;
  handovers: HandoversTable;
  report_progress_days: ReportProgressDaysTable;
}

export type Instrument = Selectable<InstrumentsTable>;
export type Party = Selectable<PartiesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RoleAssignment = Selectable<RoleAssignmentsTable>;
export type QuestionnaireVersion = Selectable<QuestionnaireVersionsTable>;
export type Cycle = Selectable<CyclesTable>;
export type Report = Selectable<ReportsTable>;
export type ReportUpdate = Updateable<ReportsTable>;
