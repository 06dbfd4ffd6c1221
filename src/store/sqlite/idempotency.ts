// Idempotency keys in SQLite: claim, finish inside the mission's transaction, release, purge.
// Every step is one statement or one immediate transaction, so two processes on the same file
// (server and CLI, or two servers) serialise on the key.
import type Database from 'better-sqlite3';
import { Conflict } from '../../errors.js';
import type { IdempotencyBegin, IdempotencyClaim, IdempotentCompletion, MissionRecord } from '../index.js';

type Row = {
  request_hash: string;
  state: 'processing' | 'done';
  locked_until: number;
  response_status: number | null;
  response_body: string | null;
  expires_at: number;
};

export class SqliteIdempotency {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      get: p('SELECT * FROM idempotency_keys WHERE org_id = ? AND key = ?'),
      claim: p(`INSERT INTO idempotency_keys (org_id, key, request_hash, state, token, locked_until, created_at, expires_at)
                VALUES (@orgId, @key, @requestHash, 'processing', @token, @lockedUntil, @createdAt, @expiresAt)
                ON CONFLICT (org_id, key) DO UPDATE SET request_hash = excluded.request_hash, state = 'processing',
                  token = excluded.token, locked_until = excluded.locked_until, response_status = NULL,
                  response_body = NULL, mission_id = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at`),
      takeOver: p('UPDATE idempotency_keys SET token = ?, locked_until = ? WHERE org_id = ? AND key = ?'),
      finish: p(`UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ?, mission_id = ?
                 WHERE org_id = ? AND key = ? AND token = ? AND state = 'processing'`),
      release: p(`DELETE FROM idempotency_keys WHERE org_id = ? AND key = ? AND token = ? AND state = 'processing'`),
      purge: p('DELETE FROM idempotency_keys WHERE expires_at <= ?'),
    };
  }

  begin(c: IdempotencyClaim): IdempotencyBegin {
    return this.db.transaction((): IdempotencyBegin => {
      const now = Date.now();
      const row = this.q.get.get(c.orgId, c.key) as Row | undefined;
      if (!row || row.expires_at <= now) {
        this.q.claim.run({
          orgId: c.orgId, key: c.key, requestHash: c.requestHash, token: c.token,
          lockedUntil: now + c.leaseMs, createdAt: new Date(now).toISOString(), expiresAt: now + c.ttlMs,
        });
        return { outcome: 'claimed' };
      }
      if (row.request_hash !== c.requestHash) return { outcome: 'mismatch' };
      if (row.state === 'done') return { outcome: 'replay', status: row.response_status!, body: row.response_body! };
      if (row.locked_until > now) return { outcome: 'in-progress' };
      // The holder's lease ran out (it died mid-request, having created nothing): take over.
      this.q.takeOver.run(c.token, now + c.leaseMs, c.orgId, c.key);
      return { outcome: 'claimed' };
    }).immediate();
  }

  /** Runs inside createMission's transaction: throwing rolls the mission back. */
  finish(c: IdempotentCompletion, m: MissionRecord): void {
    const { status, body } = c.render(m);
    if (this.q.finish.run(status, body, m.id, c.orgId, c.key, c.token).changes !== 1) {
      throw new Conflict('Another request with this Idempotency-Key took over while this one was running; send the request again with the same key to get its result.');
    }
  }

  release(orgId: string, key: string, token: string): void {
    this.q.release.run(orgId, key, token);
  }

  purge(nowMs: number): number {
    return this.q.purge.run(nowMs).changes;
  }
}
