// The embedded job queue: a `jobs` table in the same SQLite file as the missions, so a mission
// and its job commit in one transaction. Claims are leases: a worker that dies (SIGKILL,
// power cut) stops renewing its lease and the job becomes claimable again when it runs out.
import type Database from 'better-sqlite3';
import type { Job, Queue } from '../store/index.js';

export class EmbeddedQueue implements Queue {
  private readonly listeners = new Set<() => void>();
  private readonly claimStmt;

  constructor(private readonly db: Database.Database) {
    this.claimStmt = db.prepare(
      `UPDATE jobs SET state = 'active', attempts = attempts + 1, locked_by = @worker, locked_until = @until
       WHERE id = (SELECT id FROM jobs
                   WHERE (state = 'queued' AND run_after <= @now) OR (state = 'active' AND locked_until < @now)
                   ORDER BY run_after, created_at LIMIT 1)
       RETURNING id, mission_id, org_id, attempts`,
    );
  }

  /** Wake waiting workers (the store calls this after a mission commits). */
  notify(): void {
    for (const l of this.listeners) l();
  }

  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async claim(workerId: string, leaseMs: number): Promise<Job | null> {
    const now = Date.now();
    const r = this.claimStmt.get({ worker: workerId, until: now + leaseMs, now }) as
      | { id: string; mission_id: string; org_id: string; attempts: number }
      | undefined;
    return r ? { id: r.id, missionId: r.mission_id, orgId: r.org_id, attempts: r.attempts } : null;
  }

  async heartbeat(jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
    const r = this.db
      .prepare(`UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ? AND state = 'active'`)
      .run(Date.now() + leaseMs, jobId, workerId);
    return r.changes === 1;
  }

  async complete(jobId: string): Promise<void> {
    this.db.prepare(`UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, finished_at = ? WHERE id = ?`).run(new Date().toISOString(), jobId);
  }

  async release(jobId: string, delayMs = 0, error?: string): Promise<void> {
    this.db
      .prepare(`UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL, run_after = ?, last_error = COALESCE(?, last_error) WHERE id = ?`)
      .run(Date.now() + delayMs, error ?? null, jobId);
    if (delayMs === 0) this.notify();
  }

  async fail(jobId: string, error: string): Promise<void> {
    this.db
      .prepare(`UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL, last_error = ?, finished_at = ? WHERE id = ?`)
      .run(error, new Date().toISOString(), jobId);
  }
}
