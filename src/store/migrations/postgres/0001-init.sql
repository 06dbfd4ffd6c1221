-- The PostgreSQL twin of sqlite/0001-init.sql. Ids stay text (the store looks orgs, teams and
-- packages up "by id or name", so a uuid column would reject a name); times are timestamptz;
-- lists and bodies are jsonb. The job queue is not here: it is pg-boss, in its own schema.
CREATE TABLE orgs (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  dedupe_external_ref boolean NOT NULL DEFAULT false,
  read_limit integer NOT NULL DEFAULT 120,
  write_limit integer NOT NULL DEFAULT 30,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scopes jsonb NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX api_keys_org ON api_keys(org_id);

CREATE TABLE position_packages (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  slug text NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  agreement_types jsonb NOT NULL,
  representing text,
  version text NOT NULL,
  positions_count integer NOT NULL,
  built_in boolean NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (org_id, slug)
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  mission_types jsonb NOT NULL,
  default_package_id text REFERENCES position_packages(id),
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, name)
);

CREATE TABLE missions (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  org_id text NOT NULL REFERENCES orgs(id),
  team_id text NOT NULL REFERENCES teams(id),
  position_package_id text,
  name text NOT NULL,
  mission_type text NOT NULL,
  status text NOT NULL,
  stage text NOT NULL,
  external_ref text,
  dedupe_key text,
  context jsonb,
  callback_url text,
  document_id text NOT NULL,
  job_id text NOT NULL,
  failure_reason text,
  results jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  started_at timestamptz,
  completed_at timestamptz
);
CREATE UNIQUE INDEX missions_dedupe ON missions(org_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX missions_org_seq ON missions(org_id, seq DESC);
CREATE INDEX missions_org_ref ON missions(org_id, external_ref);

CREATE TABLE documents (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs(id),
  mission_id text,
  kind text NOT NULL,
  filename text NOT NULL,
  mime_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX documents_mission ON documents(mission_id);

-- Document bytes (the blob port's PostgreSQL adapter), apart from the metadata rows so that
-- listing documents never drags megabytes along. Written in the mission's own transaction.
CREATE TABLE document_blobs (
  id text PRIMARY KEY,
  bytes bytea NOT NULL
);
-- DOCX and PDF are compressed already: store them out of line without a second compression.
ALTER TABLE document_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL;
