-- Idempotency-Key on POST /missions: one row per (org, key) for 24 hours.
-- A request first claims the key (state 'processing', with a random token and a lease);
-- the mission's own transaction then turns the row into 'done' with the exact response,
-- but only while the token still matches, so a request runs at most once per key.
CREATE TABLE idempotency_keys (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  key TEXT NOT NULL,
  -- Hex SHA-256 of the canonical request (method, path, body with sorted keys).
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  -- The claim of the request now running; a claim whose lease ran out may be taken over.
  token TEXT NOT NULL,
  locked_until INTEGER NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  mission_id TEXT,
  created_at TEXT NOT NULL,
  -- Unix milliseconds after which the key is forgotten.
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys(expires_at);
