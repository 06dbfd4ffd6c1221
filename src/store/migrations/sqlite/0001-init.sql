CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  dedupe_external_ref INTEGER NOT NULL DEFAULT 0,
  read_limit INTEGER NOT NULL DEFAULT 120,
  write_limit INTEGER NOT NULL DEFAULT 30,
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX api_keys_org ON api_keys(org_id);

CREATE TABLE position_packages (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  agreement_types TEXT NOT NULL,
  representing TEXT,
  version TEXT NOT NULL,
  positions_count INTEGER NOT NULL,
  built_in INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, slug)
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  mission_types TEXT NOT NULL,
  default_package_id TEXT REFERENCES position_packages(id),
  created_at TEXT NOT NULL,
  UNIQUE (org_id, name)
);

CREATE TABLE missions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  team_id TEXT NOT NULL REFERENCES teams(id),
  position_package_id TEXT,
  name TEXT NOT NULL,
  mission_type TEXT NOT NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  external_ref TEXT,
  dedupe_key TEXT,
  context TEXT,
  callback_url TEXT,
  document_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  failure_reason TEXT,
  results TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  started_at TEXT,
  completed_at TEXT
);
CREATE UNIQUE INDEX missions_dedupe ON missions(org_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX missions_org_seq ON missions(org_id, seq DESC);
CREATE INDEX missions_org_ref ON missions(org_id, external_ref);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  mission_id TEXT,
  kind TEXT NOT NULL,
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX documents_mission ON documents(mission_id);

-- The embedded job queue: jobs live in the same database, so a mission and its job commit together.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  mission_id TEXT NOT NULL,
  org_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  run_after INTEGER NOT NULL,
  locked_by TEXT,
  locked_until INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_runnable ON jobs(state, run_after);
