// Callbacks: deliveries (lease-claimed with SKIP LOCKED), their attempt log, per-org signing
// secrets and the per-mission event log. Deliveries and events are created by 0002's triggers.
import type { CallbackRecord, DeliveryAttemptRecord, DeliveryAttemptResult, MissionEvent, WebhookSecret } from '../../index.js';
import { iso, type Db, type Row } from '../db.js';

/** Joined into the mission select so a mission carries its callback state. */
export const CALLBACK_JOIN = 'LEFT JOIN deliveries w ON w.mission_id = m.id';
export const CALLBACK_COLUMNS = `w.id AS cb_id, w.event AS cb_event, w.url AS cb_url, w.state AS cb_state, w.cycle AS cb_cycle,
  w.attempts AS cb_attempts, w.last_status AS cb_last_status, w.last_error AS cb_last_error, w.next_attempt_at AS cb_next_attempt_at,
  w.cycle_started_at AS cb_cycle_started_at, w.delivered_at AS cb_delivered_at, w.given_up_at AS cb_given_up_at`;

const num = (v: unknown): number | null => (v == null ? null : Number(v));

/** The callback columns of a joined mission row (prefix cb_), or of a deliveries row (no prefix). */
export function toCallback(r: Row, prefix = 'cb_'): CallbackRecord | null {
  const c = (k: string) => r[prefix + k];
  if (c('id') == null) return null;
  return {
    id: c('id'), missionId: prefix ? r.id : r.mission_id, orgId: r.org_id, event: c('event'), url: c('url'), state: c('state'),
    cycle: c('cycle'), attempts: c('attempts'), lastStatus: c('last_status'), lastError: c('last_error'),
    nextAttemptAt: num(c('next_attempt_at')), cycleStartedAt: Number(c('cycle_started_at')),
    deliveredAt: iso(c('delivered_at')), givenUpAt: iso(c('given_up_at')),
  };
}

const toSecret = (r: Row): WebhookSecret => ({
  id: r.id, orgId: r.org_id, secret: r.secret, createdAt: iso(r.created_at)!, retiredAt: iso(r.retired_at), expiresAt: iso(r.expires_at),
});

const STATE_OF = { delivered: 'delivered', retry: 'failing', given_up: 'given_up' } as const;

export async function claimDueDelivery(db: Db, workerId: string, leaseMs: number, nowMs: number): Promise<CallbackRecord | null> {
  const { rows } = await db.query(
    `UPDATE deliveries SET locked_by = $1, locked_until = $2
     WHERE id = (SELECT id FROM deliveries
                 WHERE state IN ('pending', 'failing') AND next_attempt_at <= $3 AND (locked_until IS NULL OR locked_until < $3)
                 ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [workerId, nowMs + leaseMs, nowMs],
  );
  return rows[0] ? toCallback(rows[0], '') : null;
}

/** Inside a transaction: logs the attempt, then settles the delivery if `workerId` still holds it. */
export async function recordAttempt(db: Db, deliveryId: string, workerId: string, a: DeliveryAttemptResult): Promise<boolean> {
  const at = new Date().toISOString();
  await db.query(
    `INSERT INTO delivery_attempts (delivery_id, mission_id, cycle, attempt, started_at, duration_ms, status, error, outcome)
     SELECT id, mission_id, $2, $3, $4, $5, $6, $7, $8 FROM deliveries WHERE id = $1`,
    [deliveryId, a.cycle, a.attempt, a.startedAt, a.durationMs, a.status, a.error, a.outcome],
  );
  const r = await db.query(
    `UPDATE deliveries SET state = $4, attempts = $5, last_status = $6, last_error = $7, next_attempt_at = $8,
       delivered_at = $9, given_up_at = $10, locked_by = NULL, locked_until = NULL, updated_at = $11
     WHERE id = $1 AND locked_by = $2 AND cycle = $3`,
    [deliveryId, workerId, a.cycle, STATE_OF[a.outcome], a.attempt, a.status, a.error, a.outcome === 'retry' ? a.nextAttemptAt : null,
      a.outcome === 'delivered' ? at : null, a.outcome === 'given_up' ? at : null, at],
  );
  return r.rowCount === 1;
}

export async function selectDelivery(db: Db, missionId: string): Promise<CallbackRecord | null> {
  const { rows } = await db.query('SELECT * FROM deliveries WHERE mission_id = $1', [missionId]);
  return rows[0] ? toCallback(rows[0], '') : null;
}

export async function selectAttempts(db: Db, missionId: string): Promise<DeliveryAttemptRecord[]> {
  const { rows } = await db.query('SELECT * FROM delivery_attempts WHERE mission_id = $1 ORDER BY seq', [missionId]);
  return rows.map((r) => ({
    deliveryId: r.delivery_id, missionId: r.mission_id, cycle: r.cycle, attempt: r.attempt, startedAt: iso(r.started_at)!,
    durationMs: r.duration_ms, status: r.status, error: r.error, outcome: r.outcome,
  }));
}

/** Inside a transaction: creates the delivery of an ended mission, or starts a new cycle of it. */
export async function createOrRestartDelivery(db: Db, missionId: string, nowMs: number): Promise<boolean> {
  const at = new Date(nowMs).toISOString();
  const created = await db.query(
    `INSERT INTO deliveries (id, mission_id, org_id, event, url, state, next_attempt_at, cycle_started_at, created_at, updated_at)
     SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, org_id, 'mission.' || status, callback_url, 'pending', $2, $2, $3, $3
     FROM missions WHERE id = $1 AND status IN ('completed', 'failed') AND callback_url IS NOT NULL
     ON CONFLICT (mission_id) DO NOTHING`,
    [missionId, nowMs, at],
  );
  if (created.rowCount === 1) return true;
  const restarted = await db.query(
    `UPDATE deliveries SET state = 'pending', cycle = cycle + 1, attempts = 0, last_status = NULL, last_error = NULL,
       next_attempt_at = $2, cycle_started_at = $2, delivered_at = NULL, given_up_at = NULL, locked_by = NULL, locked_until = NULL, updated_at = $3
     WHERE mission_id = $1`,
    [missionId, nowMs, at],
  );
  return restarted.rowCount === 1;
}

export async function selectMissionEvents(db: Db, missionId: string, afterSeq: number, limit: number): Promise<MissionEvent[]> {
  const { rows } = await db.query(
    'SELECT seq, status, stage, failure_reason, at FROM mission_events WHERE mission_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [missionId, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: r.seq, status: r.status, stage: r.stage, failureReason: r.failure_reason, at: iso(r.at)! }));
}

export async function selectWebhookSecrets(db: Db, orgId: string, now: string): Promise<WebhookSecret[]> {
  const { rows } = await db.query(
    `SELECT * FROM webhook_secrets WHERE org_id = $1 AND (retired_at IS NULL OR expires_at > $2)
     ORDER BY retired_at IS NOT NULL, created_at DESC`,
    [orgId, now],
  );
  return rows.map(toSecret);
}

export async function insertSecretIfNone(db: Db, s: WebhookSecret): Promise<void> {
  await db.query(
    'INSERT INTO webhook_secrets (id, org_id, secret, created_at, retired_at, expires_at) VALUES ($1, $2, $3, $4, NULL, NULL) ON CONFLICT DO NOTHING',
    [s.id, s.orgId, s.secret, s.createdAt],
  );
}

export async function selectCurrentSecret(db: Db, orgId: string): Promise<WebhookSecret> {
  const { rows } = await db.query('SELECT * FROM webhook_secrets WHERE org_id = $1 AND retired_at IS NULL', [orgId]);
  return toSecret(rows[0]);
}

export async function retireCurrentSecret(db: Db, orgId: string, at: string, overlapUntil: string): Promise<void> {
  await db.query('UPDATE webhook_secrets SET retired_at = $2, expires_at = $3 WHERE org_id = $1 AND retired_at IS NULL', [orgId, at, overlapUntil]);
}
