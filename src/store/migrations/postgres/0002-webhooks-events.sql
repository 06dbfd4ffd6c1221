-- The PostgreSQL twin of sqlite/0002-webhooks-events.sql: callbacks (webhook deliveries),
-- per-org signing secrets, and the per-mission event log. As there, the event log and the
-- delivery record are written by triggers on `missions`, in the statement that changes it.

CREATE TABLE mission_events (
  mission_id text NOT NULL,
  seq integer NOT NULL,
  status text NOT NULL,
  stage text NOT NULL,
  failure_reason text,
  at timestamptz NOT NULL,
  PRIMARY KEY (mission_id, seq)
);

CREATE FUNCTION docket_mission_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.stage IS DISTINCT FROM NEW.stage THEN
    -- Updates of one mission serialise on its row lock, so MAX(seq) + 1 cannot collide.
    INSERT INTO mission_events (mission_id, seq, status, stage, failure_reason, at)
    VALUES (NEW.id,
            COALESCE((SELECT MAX(seq) FROM mission_events WHERE mission_id = NEW.id), 0) + 1,
            NEW.status, NEW.stage, NEW.failure_reason, NEW.updated_at);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER mission_events_on_insert AFTER INSERT ON missions
  FOR EACH ROW EXECUTE FUNCTION docket_mission_event();
CREATE TRIGGER mission_events_on_change AFTER UPDATE OF status, stage ON missions
  FOR EACH ROW EXECUTE FUNCTION docket_mission_event();

CREATE TABLE deliveries (
  id text PRIMARY KEY,
  mission_id text NOT NULL UNIQUE,
  org_id text NOT NULL,
  event text NOT NULL,
  url text NOT NULL,
  state text NOT NULL,
  cycle integer NOT NULL DEFAULT 1,
  attempts integer NOT NULL DEFAULT 0,
  last_status integer,
  last_error text,
  next_attempt_at bigint,
  cycle_started_at bigint NOT NULL,
  delivered_at timestamptz,
  given_up_at timestamptz,
  locked_by text,
  locked_until bigint,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);

CREATE FUNCTION docket_mission_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
  IF NEW.status IN ('completed', 'failed') AND OLD.status NOT IN ('completed', 'failed') AND NEW.callback_url IS NOT NULL THEN
    INSERT INTO deliveries (id, mission_id, org_id, event, url, state, next_attempt_at, cycle_started_at, created_at, updated_at)
    VALUES ('msg_' || replace(gen_random_uuid()::text, '-', ''), NEW.id, NEW.org_id, 'mission.' || NEW.status, NEW.callback_url,
            'pending', now_ms, now_ms, NEW.updated_at, NEW.updated_at)
    ON CONFLICT (mission_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deliveries_on_mission_end AFTER UPDATE OF status ON missions
  FOR EACH ROW EXECUTE FUNCTION docket_mission_delivery();

CREATE TABLE delivery_attempts (
  seq bigserial PRIMARY KEY,
  delivery_id text NOT NULL,
  mission_id text NOT NULL,
  cycle integer NOT NULL,
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  status integer,
  error text,
  outcome text NOT NULL
);
CREATE INDEX delivery_attempts_mission ON delivery_attempts(mission_id, seq);

CREATE TABLE webhook_secrets (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  expires_at timestamptz
);
CREATE UNIQUE INDEX webhook_secrets_current ON webhook_secrets(org_id) WHERE retired_at IS NULL;
