import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE instruments (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9-]{1,31}$'),
      name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
      parent_code text REFERENCES instruments (code) ON UPDATE CASCADE,
      languages text[] NOT NULL DEFAULT '{en}',
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_code IS DISTINCT FROM code)
    );

    CREATE TABLE parties (
      code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
      name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
      region text,
      attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE memberships (
      instrument_code text NOT NULL REFERENCES instruments (code) ON UPDATE CASCADE,
      party_code char(3) NOT NULL REFERENCES parties (code) ON UPDATE CASCADE,
      since date,
      PRIMARY KEY (instrument_code, party_code)
    );
    CREATE INDEX memberships_party_idx ON memberships (party_code);

    CREATE TABLE users (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      name text NOT NULL DEFAULT '',
      password_hash text,
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'es')),
      created_at timestamptz NOT NULL DEFAULT now(),
      password_changed_at timestamptz,
      disabled_at timestamptz
    );
    CREATE UNIQUE INDEX users_email_key ON users (email);

    CREATE TABLE role_assignments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'analyst', 'secretariat', 'focal_point', 'contributor')),
      instrument_code text REFERENCES instruments (code) ON UPDATE CASCADE ON DELETE CASCADE,
      party_code char(3) REFERENCES parties (code) ON UPDATE CASCADE ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (
        (role IN ('admin', 'analyst') AND instrument_code IS NULL AND party_code IS NULL)
        OR (role = 'secretariat' AND instrument_code IS NOT NULL AND party_code IS NULL)
        OR (role IN ('focal_point', 'contributor') AND instrument_code IS NOT NULL AND party_code IS NOT NULL)
      )
    );
    CREATE UNIQUE INDEX role_assignments_unique ON role_assignments
      (user_id, role, coalesce(instrument_code, ''), coalesce(party_code, ''));

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      user_agent text,
      address text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

    CREATE TABLE questionnaires (
      key text PRIMARY KEY CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
      instrument_code text NOT NULL REFERENCES instruments (code) ON UPDATE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by integer REFERENCES users (id) ON DELETE SET NULL
    );

    -- A draft has neither version nor published_at; publishing sets both, once.
    CREATE TABLE questionnaire_versions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      questionnaire_key text NOT NULL REFERENCES questionnaires (key) ON UPDATE CASCADE,
      version integer CHECK (version >= 1),
      definition jsonb NOT NULL,
      content_hash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      published_at timestamptz,
      published_by integer REFERENCES users (id) ON DELETE SET NULL,
      CHECK ((version IS NULL) = (published_at IS NULL)),
      CHECK ((version IS NULL) = (content_hash IS NULL)),
      UNIQUE (questionnaire_key, version)
    );
    CREATE UNIQUE INDEX questionnaire_versions_one_draft ON questionnaire_versions (questionnaire_key)
      WHERE version IS NULL;

    CREATE FUNCTION forbid_change_of_published_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'questionnaire version % of % is published and cannot change', OLD.version, OLD.questionnaire_key
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER questionnaire_versions_immutable BEFORE UPDATE OR DELETE ON questionnaire_versions
      FOR EACH ROW EXECUTE FUNCTION forbid_change_of_published_version();

    CREATE TABLE concepts (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,199}$'),
      label jsonb NOT NULL DEFAULT '{}',
      description jsonb NOT NULL DEFAULT '{}',
      tags text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX concepts_tags_idx ON concepts USING gin (tags);

    -- Which item of which published version means which concept: drives prefill and comparison.
    CREATE TABLE concept_items (
      concept_id text NOT NULL REFERENCES concepts (id) ON UPDATE CASCADE,
      questionnaire_version_id integer NOT NULL REFERENCES questionnaire_versions (id),
      item_id text NOT NULL,
      PRIMARY KEY (questionnaire_version_id, item_id)
    );
    CREATE INDEX concept_items_concept_idx ON concept_items (concept_id);

    CREATE TABLE cycles (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      instrument_code text NOT NULL REFERENCES instruments (code) ON UPDATE CASCADE,
      questionnaire_version_id integer NOT NULL REFERENCES questionnaire_versions (id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      opens_at date NOT NULL,
      closes_at date NOT NULL,
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      CHECK (closes_at >= opens_at)
    );

    CREATE FUNCTION require_published_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM questionnaire_versions v
                     WHERE v.id = NEW.questionnaire_version_id AND v.published_at IS NOT NULL) THEN
        RAISE EXCEPTION 'questionnaire version % is not published', NEW.questionnaire_version_id
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER cycles_published_version BEFORE INSERT OR UPDATE OF questionnaire_version_id ON cycles
      FOR EACH ROW EXECUTE FUNCTION require_published_version();

    CREATE TABLE reports (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      cycle_id integer NOT NULL REFERENCES cycles (id),
      party_code char(3) NOT NULL REFERENCES parties (code) ON UPDATE CASCADE,
      questionnaire_version_id integer NOT NULL REFERENCES questionnaire_versions (id),
      status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'submitted')),
      revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
      progress jsonb NOT NULL DEFAULT '{"answered": 0, "required": 0, "percent": 0}',
      issue_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_changed_at timestamptz,
      last_changed_by integer REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz,
      submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
      reopen_requested_at timestamptz,
      published_at timestamptz,
      UNIQUE (cycle_id, party_code)
    );
    CREATE TRIGGER reports_published_version BEFORE INSERT OR UPDATE OF questionnaire_version_id ON reports
      FOR EACH ROW EXECUTE FUNCTION require_published_version();
    CREATE INDEX reports_party_idx ON reports (party_code);

    -- One row per answered question: a save rewrites only what changed. revision is the report
    -- revision at which this answer last changed, which is what conflict detection compares.
    CREATE TABLE answers (
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      item_id text NOT NULL,
      value jsonb NOT NULL,
      revision integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      PRIMARY KEY (report_id, item_id)
    );

    CREATE TABLE answer_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      item_id text NOT NULL,
      old_value jsonb,
      new_value jsonb,
      source text NOT NULL DEFAULT 'edit' CHECK (source IN ('edit', 'prefill', 'carry-over', 'import', 'system')),
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX answer_history_report_idx ON answer_history (report_id, id);

    -- Idempotency of autosave: a retried save (same client-generated id) is applied once.
    CREATE TABLE report_saves (
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      save_id uuid NOT NULL,
      revision integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (report_id, save_id)
    );

    CREATE TABLE report_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id integer NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      kind text NOT NULL,
      from_status text,
      to_status text,
      revision integer,
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_events_report_idx ON report_events (report_id, id);

    CREATE TABLE report_snapshots (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id integer NOT NULL REFERENCES reports (id),
      revision integer NOT NULL,
      questionnaire_version_id integer NOT NULL REFERENCES questionnaire_versions (id),
      answers jsonb NOT NULL,
      calculated jsonb NOT NULL DEFAULT '{}',
      submitted_by integer REFERENCES users (id) ON DELETE SET NULL,
      on_behalf boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (report_id, revision)
    );

    CREATE FUNCTION forbid_change_of_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'report snapshots are immutable' USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE TRIGGER report_snapshots_immutable BEFORE UPDATE OR DELETE ON report_snapshots
      FOR EACH ROW EXECUTE FUNCTION forbid_change_of_snapshot();

    CREATE TABLE outbox (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      to_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      sent_at timestamptz,
      last_error text
    );
    CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE outbox, report_snapshots, report_events, report_saves, answer_history, answers, reports, cycles,
      concept_items, concepts, questionnaire_versions, questionnaires, api_tokens, sessions, role_assignments,
      users, memberships, parties, instruments CASCADE;
    DROP FUNCTION forbid_change_of_snapshot, require_published_version, forbid_change_of_published_version;
  `.execute(db);
}
