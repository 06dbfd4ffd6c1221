// The SQLite queries for callbacks: deliveries (a lease-claimed queue in the same file as the
// missions), their attempt log, per-org signing secrets, and the per-mission event log.
// Deliveries and events are created by the triggers of migration 0002, in the statement that
// ends or changes a mission; this module only reads, claims and records.
import type Database from 'better-sqlite3';
import type {
  CallbackRecord, CallbackStore, DeliveryAttemptRecord, DeliveryAttemptResult, MissionEvent, WebhookSecret,
} from '../index.js';

type Row = Record<string, any>;

/** Joined into the mission select so a mission carries its callback state. */
export const CALLBACK_JOIN = 'LEFT JOIN deliveries w ON w.mission_id = m.id';
export const CALLBACK_COLUMNS = `w.id AS cb_id, w.event AS cb_event, w.url AS cb_url, w.state AS cb_state, w.cycle AS cb_cycle,
  w.attempts AS cb_attempts, w.last_status AS cb_last_status, w.last_error AS cb_last_error, w.next_attempt_at AS cb_next_attempt_at,
  w.cycle_started_at AS cb_cycle_started_at, w.delivered_at AS cb_delivered_at, w.given_up_at AS cb_given_up_at`;

/** The callback columns of a joined mission row (prefix cb_), or of a deliveries row (no prefix). */
export function toCallback(r: Row, prefix = 'cb_'): CallbackRecord | null {
  const c = (k: string) => r[prefix + k];
  if (c('id') == null) return null;
  return {
    id: c('id'),
    missionId: prefix ? r.id : r.mission_id,
    orgId: r.org_id,
    event: c('event'),
    url: c('url'),
    state: c('state'),
    cycle: c('cycle'),
    attempts: c('attempts'),
    lastStatus: c('last_status'),
    lastError: c('last_error'),
    nextAttemptAt: c('next_attempt_at'),
    cycleStartedAt: c('cycle_started_at'),
    deliveredAt: c('delivered_at'),
    givenUpAt: c('given_up_at'),
  };
}

const toSecret = (r: Row): WebhookSecret => ({
  id: r.id,
  orgId: r.org_id,
  secret: r.secret,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  expiresAt: r.expires_at,
});

const STATE_OF = { delivered: 'delivered', retry: 'failing', given_up: 'given_up' } as const;

export class SqliteCallbacks implements CallbackStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      claim: p(`UPDATE deliveries SET locked_by = @worker, locked_until = @until
                WHERE id = (SELECT id FROM deliveries
                            WHERE state IN ('pending', 'failing') AND next_attempt_at <= @now
                              AND (locked_until IS NULL OR locked_until < @now)
                            ORDER BY next_attempt_at LIMIT 1)
                RETURNING *`),
      settle: p(`UPDATE deliveries SET state = @state, attempts = @attempt, last_status = @status, last_error = @error,
                   next_attempt_at = @nextAttemptAt, delivered_at = @deliveredAt, given_up_at = @givenUpAt,
                   locked_by = NULL, locked_until = NULL, updated_at = @at
                 WHERE id = @id AND locked_by = @worker AND cycle = @cycle`),
      logAttempt: p(`INSERT INTO delivery_attempts (delivery_id, mission_id, cycle, attempt, started_at, duration_ms, status, error, outcome)
                     SELECT id, mission_id, @cycle, @attempt, @startedAt, @durationMs, @status, @error, @outcome FROM deliveries WHERE id = @id`),
      byMission: p('SELECT * FROM deliveries WHERE mission_id = ?'),
      attempts: p('SELECT * FROM delivery_attempts WHERE mission_id = ? ORDER BY seq'),
      restart: p(`UPDATE deliveries SET state = 'pending', cycle = cycle + 1, attempts = 0, last_status = NULL, last_error = NULL,
                    next_attempt_at = @now, cycle_started_at = @now, delivered_at = NULL, given_up_at = NULL,
                    locked_by = NULL, locked_until = NULL, updated_at = @at
                  WHERE mission_id = @missionId`),
      create: p(`INSERT INTO deliveries (id, mission_id, org_id, event, url, state, next_attempt_at, cycle_started_at, created_at, updated_at)
                 SELECT 'msg_' || lower(hex(randomblob(16))), id, org_id, 'mission.' || status, callback_url, 'pending', @now, @now, @at, @at
                 FROM missions WHERE id = @missionId AND status IN ('completed', 'failed') AND callback_url IS NOT NULL
                 ON CONFLICT (mission_id) DO NOTHING`),
      events: p('SELECT seq, status, stage, failure_reason, at FROM mission_events WHERE mission_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      secrets: p(`SELECT * FROM webhook_secrets WHERE org_id = ? AND (retired_at IS NULL OR expires_at > ?)
                  ORDER BY retired_at IS NOT NULL, created_at DESC`),
      currentSecret: p('SELECT * FROM webhook_secrets WHERE org_id = ? AND retired_at IS NULL'),
      insertSecret: p(`INSERT INTO webhook_secrets (id, org_id, secret, created_at, retired_at, expires_at)
                       VALUES (@id, @orgId, @secret, @createdAt, NULL, NULL) ON CONFLICT DO NOTHING`),
      retireSecret: p('UPDATE webhook_secrets SET retired_at = ?, expires_at = ? WHERE org_id = ? AND retired_at IS NULL'),
    };
  }

  async claimDelivery(workerId: string, leaseMs: number, nowMs: number): Promise<CallbackRecord | null> {
    const r = this.q.claim.get({ worker: workerId, until: nowMs + leaseMs, now: nowMs }) as Row | undefined;
    return r ? toCallback(r, '') : null;
  }

  async recordDeliveryAttempt(deliveryId: string, workerId: string, a: DeliveryAttemptResult): Promise<boolean> {
    const at = new Date().toISOString();
    return this.db.transaction(() => {
      this.q.logAttempt.run({ id: deliveryId, ...a });
      const r = this.q.settle.run({
        id: deliveryId,
        worker: workerId,
        cycle: a.cycle,
        state: STATE_OF[a.outcome],
        attempt: a.attempt,
        status: a.status,
        error: a.error,
        nextAttemptAt: a.outcome === 'retry' ? a.nextAttemptAt : null,
        deliveredAt: a.outcome === 'delivered' ? at : null,
        givenUpAt: a.outcome === 'given_up' ? at : null,
        at,
      });
      return r.changes === 1;
    }).immediate();
  }

  async getDelivery(missionId: string): Promise<CallbackRecord | null> {
    const r = this.q.byMission.get(missionId) as Row | undefined;
    return r ? toCallback(r, '') : null;
  }

  async listDeliveryAttempts(missionId: string): Promise<DeliveryAttemptRecord[]> {
    return (this.q.attempts.all(missionId) as Row[]).map((r) => ({
      deliveryId: r.delivery_id,
      missionId: r.mission_id,
      cycle: r.cycle,
      attempt: r.attempt,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      status: r.status,
      error: r.error,
      outcome: r.outcome,
    }));
  }

  async redeliver(missionId: string, nowMs: number): Promise<CallbackRecord | null> {
    const at = new Date(nowMs).toISOString();
    // A mission that has not ended (or has no callbackUrl) has no delivery to create or restart.
    const changed = this.db.transaction(() => {
      const args = { missionId, now: nowMs, at };
      return this.q.create.run(args).changes === 1 || this.q.restart.run(args).changes === 1;
    }).immediate();
    return changed ? this.getDelivery(missionId) : null;
  }

  async listMissionEvents(missionId: string, afterSeq: number, limit: number): Promise<MissionEvent[]> {
    return (this.q.events.all(missionId, afterSeq, limit) as Row[]).map((r) => ({
      seq: r.seq,
      status: r.status,
      stage: r.stage,
      failureReason: r.failure_reason,
      at: r.at,
    }));
  }

  async listWebhookSecrets(orgId: string, now: string): Promise<WebhookSecret[]> {
    return (this.q.secrets.all(orgId, now) as Row[]).map(toSecret);
  }

  async ensureWebhookSecret(candidate: WebhookSecret): Promise<WebhookSecret> {
    this.q.insertSecret.run(candidate);
    return toSecret(this.q.currentSecret.get(candidate.orgId) as Row);
  }

  async rotateWebhookSecret(next: WebhookSecret, overlapUntil: string): Promise<void> {
    this.db.transaction(() => {
      this.q.retireSecret.run(next.createdAt, overlapUntil, next.orgId);
      this.q.insertSecret.run(next);
    }).immediate();
  }
}
