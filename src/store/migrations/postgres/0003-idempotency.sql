-- The PostgreSQL twin of sqlite/0003-idempotency.sql: Idempotency-Key on POST /missions,
-- one row per (org, key) for 24 hours. Times in Unix milliseconds as there.
CREATE TABLE idempotency_keys (
  org_id text NOT NULL REFERENCES orgs(id),
  key text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('processing', 'done')),
  token text NOT NULL,
  locked_until bigint NOT NULL,
  response_status integer,
  response_body text,
  mission_id text,
  created_at timestamptz NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (org_id, key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys(expires_at);
