-- Callbacks (webhook deliveries), per-org signing secrets, and the per-mission event log.
--
-- Both the event log and the delivery record are written by triggers on `missions`, so they
-- commit in the very statement that changes a mission: no code path can change a status or
-- stage without its event, or end a mission that has a callbackUrl without its delivery.

-- Every status/stage change of a mission, numbered per mission (the SSE event id).
CREATE TABLE mission_events (
  mission_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  failure_reason TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (mission_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER mission_events_on_insert AFTER INSERT ON missions
BEGIN
  INSERT INTO mission_events (mission_id, seq, status, stage, failure_reason, at)
  VALUES (NEW.id, 1, NEW.status, NEW.stage, NEW.failure_reason, NEW.updated_at);
END;

CREATE TRIGGER mission_events_on_change AFTER UPDATE OF status, stage ON missions
WHEN OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
BEGIN
  INSERT INTO mission_events (mission_id, seq, status, stage, failure_reason, at)
  VALUES (NEW.id,
          COALESCE((SELECT MAX(seq) FROM mission_events WHERE mission_id = NEW.id), 0) + 1,
          NEW.status, NEW.stage, NEW.failure_reason, NEW.updated_at);
END;

-- One callback delivery per mission. `id` is the Standard Webhooks `webhook-id`: it stays the
-- same across attempts (and across a redelivery) so receivers can de-duplicate.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  mission_id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL,
  event TEXT NOT NULL,                 -- mission.completed | mission.failed
  url TEXT NOT NULL,
  state TEXT NOT NULL,                 -- pending | delivered | failing | given_up
  cycle INTEGER NOT NULL DEFAULT 1,    -- 1, then +1 per redelivery
  attempts INTEGER NOT NULL DEFAULT 0, -- attempts in the current cycle
  last_status INTEGER,
  last_error TEXT,
  next_attempt_at INTEGER,             -- epoch ms; NULL once delivered or given up
  cycle_started_at INTEGER NOT NULL,   -- epoch ms; the retry window counts from here
  delivered_at TEXT,
  given_up_at TEXT,
  locked_by TEXT,
  locked_until INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);

CREATE TRIGGER deliveries_on_mission_end AFTER UPDATE OF status ON missions
WHEN NEW.status IN ('completed', 'failed') AND OLD.status NOT IN ('completed', 'failed') AND NEW.callback_url IS NOT NULL
BEGIN
  INSERT INTO deliveries (id, mission_id, org_id, event, url, state, next_attempt_at, cycle_started_at, created_at, updated_at)
  VALUES ('msg_' || lower(hex(randomblob(16))), NEW.id, NEW.org_id, 'mission.' || NEW.status, NEW.callback_url, 'pending',
          CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
          CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
          NEW.updated_at, NEW.updated_at)
  ON CONFLICT (mission_id) DO NOTHING;
END;

-- The log of every attempt, for `docket missions deliveries <id>`.
CREATE TABLE delivery_attempts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL,
  mission_id TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  outcome TEXT NOT NULL                -- delivered | retry | given_up
);
CREATE INDEX delivery_attempts_mission ON delivery_attempts(mission_id, seq);

-- Per-org signing secrets. The current one has retired_at NULL; a rotated-out one keeps
-- signing (beside the new one) until expires_at.
CREATE TABLE webhook_secrets (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  secret TEXT NOT NULL,                -- whsec_<base64 of 32 random bytes>
  created_at TEXT NOT NULL,
  retired_at TEXT,
  expires_at TEXT
);
CREATE UNIQUE INDEX webhook_secrets_current ON webhook_secrets(org_id) WHERE retired_at IS NULL;
