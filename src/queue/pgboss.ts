// The scale-out job queue: pg-boss v10 in PostgreSQL. A mission's job is sent with the
// transaction's own client (pg-boss's `db` option), so the mission row, its document and its
// job commit together. Workers of any process fetch with pg-boss (FOR UPDATE SKIP LOCKED).
//
// Leases: pg-boss expires an active job `expire_in` after `started_on` (its maintenance moves it
// back to `retry`). A claim sets `expire_in` to the lease and every heartbeat pushes it out, so
// a SIGKILLed worker's job is fetched again one lease after its last heartbeat. pg-boss's
// `retry_count` grows on every fetch of a started job: it is the claim's fencing token, so a
// worker that lost its claim cannot heartbeat, release, complete or fail the new owner's job.
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Job, Queue } from '../store/index.js';
import type { Db } from '../store/postgres/db.js';

export const BOSS_SCHEMA = 'pgboss';
export const MISSION_QUEUE = 'docket-missions';
/** Wake-up channel: NOTIFYed in the transaction that enqueues a job (delivered on commit). */
export const WAKE_CHANNEL = 'docket_jobs';
/** Retries are Docket's decision (MissionWorker's maxAttempts), never pg-boss's: a job is never dropped by it. */
const RETRY_LIMIT = 1_000_000;

interface MissionJobData {
  missionId: string;
  orgId: string;
}

/** Installs or upgrades pg-boss's schema and creates Docket's queue (called under the migration lock). */
export async function installQueue(db: PgBoss.Db): Promise<void> {
  const boss = new PgBoss({ db, schema: BOSS_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(MISSION_QUEUE, { name: MISSION_QUEUE, policy: 'standard', retryLimit: RETRY_LIMIT });
  await boss.stop({ graceful: false, close: false, wait: true });
}

/** The run-time pg-boss instance on Docket's own pool (the schema is installed by migrations). */
export async function startBoss(pool: pg.Pool, onError: (e: Error) => void): Promise<PgBoss> {
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: BOSS_SCHEMA, migrate: false, schedule: false, supervise: true });
  boss.on('error', onError);
  await boss.start();
  return boss;
}

/** Enqueues a mission's job through `tx` (the mission's transaction). */
export async function sendMissionJob(boss: PgBoss, tx: Db, job: { id: string; missionId: string; orgId: string }, leaseMs: number): Promise<void> {
  const data: MissionJobData = { missionId: job.missionId, orgId: job.orgId };
  const id = await boss.send(MISSION_QUEUE, data, {
    id: job.id,
    db: { executeSql: (text, values) => tx.query(text, values) },
    expireInSeconds: Math.max(1, Math.ceil(leaseMs / 1000)),
    retryLimit: RETRY_LIMIT,
  });
  if (!id) throw new Error(`pg-boss did not take job ${job.id}: is its queue installed? Run \`docket migrate\`.`);
  await tx.query('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, '']);
}

// The few statements pg-boss v10 has no call for: a lease extension and fenced outcomes.
const SQL = {
  extendLease: `UPDATE ${BOSS_SCHEMA}.job SET expire_in = (now() - started_on) + $3 * interval '1 millisecond'
    WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $4`,
  release: `UPDATE ${BOSS_SCHEMA}.job SET state = 'retry', start_after = now() + $3 * interval '1 millisecond',
      output = COALESCE($5::jsonb, output)
    WHERE name = $1 AND id = $2 AND state = 'active' AND ($4::int IS NULL OR retry_count = $4)`,
  complete: `UPDATE ${BOSS_SCHEMA}.job SET state = 'completed', completed_on = now()
    WHERE name = $1 AND id = $2 AND state = 'active' AND ($3::int IS NULL OR retry_count = $3)`,
  fail: `UPDATE ${BOSS_SCHEMA}.job SET state = 'failed', completed_on = now(), output = $4::jsonb
    WHERE name = $1 AND id = $2 AND state < 'completed' AND ($3::int IS NULL OR retry_count = $3)`,
};

const errorOutput = (error: string | undefined) => (error === undefined ? null : JSON.stringify({ message: error }));

export class PgBossQueue implements Queue {
  /** job id -> pg-boss retry_count when this process claimed it (the fencing token). */
  private readonly claims = new Map<string, number>();
  private lastExpireCheck = 0;
  private readonly wake: WakeListener;

  constructor(private readonly boss: PgBoss, private readonly pool: pg.Pool, databaseUrl: string) {
    this.wake = new WakeListener(databaseUrl);
  }

  async claim(_workerId: string, leaseMs: number): Promise<Job | null> {
    let job = await this.fetchOne();
    if (!job && Date.now() - this.lastExpireCheck > Math.max(250, leaseMs / 4)) {
      // pg-boss's maintenance returns expired jobs on its own timer; idle workers also ask, so
      // an orphan is found about one lease after its worker died rather than minutes later.
      this.lastExpireCheck = Date.now();
      await this.boss.expire();
      job = await this.fetchOne();
    }
    if (!job) return null;
    this.claims.set(job.id, job.retryCount);
    await this.pool.query(SQL.extendLease, [MISSION_QUEUE, job.id, leaseMs, job.retryCount]);
    return { id: job.id, missionId: job.data.missionId, orgId: job.data.orgId, attempts: job.retryCount + 1 };
  }

  private async fetchOne(): Promise<PgBoss.JobWithMetadata<MissionJobData> | null> {
    const [job] = await this.boss.fetch<MissionJobData>(MISSION_QUEUE, { batchSize: 1, includeMetadata: true });
    return job ?? null;
  }

  async heartbeat(jobId: string, _workerId: string, leaseMs: number): Promise<boolean> {
    const fence = this.claims.get(jobId);
    if (fence === undefined) return false;
    const r = await this.pool.query(SQL.extendLease, [MISSION_QUEUE, jobId, leaseMs, fence]);
    return r.rowCount === 1;
  }

  async complete(jobId: string): Promise<void> {
    await this.pool.query(SQL.complete, [MISSION_QUEUE, jobId, this.claims.get(jobId) ?? null]);
    this.claims.delete(jobId);
  }

  async release(jobId: string, delayMs = 0, error?: string): Promise<void> {
    await this.pool.query(SQL.release, [MISSION_QUEUE, jobId, delayMs, this.claims.get(jobId) ?? null, errorOutput(error)]);
    this.claims.delete(jobId);
  }

  async fail(jobId: string, error: string): Promise<void> {
    await this.pool.query(SQL.fail, [MISSION_QUEUE, jobId, this.claims.get(jobId) ?? null, errorOutput(error)]);
    this.claims.delete(jobId);
  }

  onEnqueue(listener: () => void): () => void {
    return this.wake.add(listener);
  }

  async close(): Promise<void> {
    await this.wake.close();
    await this.boss.stop({ graceful: false, close: false, wait: true });
  }
}

/** LISTENs on the wake channel on its own connection, reconnecting while anyone listens. */
class WakeListener {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly databaseUrl: string) {}

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.retry) this.connect();
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    this.retry = null;
    if (this.closed || this.listeners.size === 0) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'docket-wake', connectionTimeoutMillis: 5000 });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      // Wake everyone once: a job may have arrived while nobody listened.
      for (const l of this.listeners) l();
      if (!this.closed) this.retry = setTimeout(() => this.connect(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => {
      for (const l of this.listeners) l();
    });
    client.connect().then(() => client.query(`LISTEN ${WAKE_CHANNEL}`)).catch(lost);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
