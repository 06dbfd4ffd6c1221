// Idempotency keys: claim (one transaction, the row locked), finish inside the mission's
// transaction, release, purge. Two API nodes racing on one key serialise on its row.
import { Conflict } from '../../../errors.js';
import type { IdempotencyBegin, IdempotencyClaim, IdempotentCompletion, MissionRecord } from '../../index.js';
import type { Db } from '../db.js';

/** Must run inside a transaction (`db` is its client): the existing row stays locked until it ends. */
export async function beginIdempotent(db: Db, c: IdempotencyClaim): Promise<IdempotencyBegin> {
  const now = Date.now();
  const fresh = [c.orgId, c.key, c.requestHash, c.token, now + c.leaseMs, new Date(now).toISOString(), now + c.ttlMs];
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (org_id, key, request_hash, state, token, locked_until, created_at, expires_at)
     VALUES ($1, $2, $3, 'processing', $4, $5, $6, $7) ON CONFLICT (org_id, key) DO NOTHING`,
    fresh,
  );
  if (inserted.rowCount === 1) return { outcome: 'claimed' };
  const { rows } = await db.query('SELECT * FROM idempotency_keys WHERE org_id = $1 AND key = $2 FOR UPDATE', [c.orgId, c.key]);
  const row = rows[0];
  if (!row || Number(row.expires_at) <= now) {
    await db.query(
      `UPDATE idempotency_keys SET request_hash = $3, state = 'processing', token = $4, locked_until = $5, response_status = NULL,
         response_body = NULL, mission_id = NULL, created_at = $6, expires_at = $7
       WHERE org_id = $1 AND key = $2`,
      fresh,
    );
    return { outcome: 'claimed' };
  }
  if (row.request_hash !== c.requestHash) return { outcome: 'mismatch' };
  if (row.state === 'done') return { outcome: 'replay', status: row.response_status, body: row.response_body };
  if (Number(row.locked_until) > now) return { outcome: 'in-progress' };
  // The holder's lease ran out (it died mid-request, having created nothing): take over.
  await db.query('UPDATE idempotency_keys SET token = $3, locked_until = $4 WHERE org_id = $1 AND key = $2', [c.orgId, c.key, c.token, now + c.leaseMs]);
  return { outcome: 'claimed' };
}

/** Runs inside createMission's transaction: throwing rolls the mission back. */
export async function finishIdempotent(db: Db, c: IdempotentCompletion, m: MissionRecord): Promise<void> {
  const { status, body } = c.render(m);
  const r = await db.query(
    `UPDATE idempotency_keys SET state = 'done', response_status = $4, response_body = $5, mission_id = $6
     WHERE org_id = $1 AND key = $2 AND token = $3 AND state = 'processing'`,
    [c.orgId, c.key, c.token, status, body, m.id],
  );
  if (r.rowCount !== 1) {
    throw new Conflict('Another request with this Idempotency-Key took over while this one was running; send the request again with the same key to get its result.');
  }
}

export async function releaseIdempotent(db: Db, orgId: string, key: string, token: string): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE org_id = $1 AND key = $2 AND token = $3 AND state = 'processing'`, [orgId, key, token]);
}

export async function purgeIdempotent(db: Db, nowMs: number): Promise<number> {
  return (await db.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [nowMs])).rowCount ?? 0;
}
