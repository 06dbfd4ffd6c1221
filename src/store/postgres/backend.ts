// The scale-out backend: one pool, migrations (advisory-locked), pg-boss, the store and the queue.
import type { Config } from '../../config.js';
import type { Backend } from '../index.js';
import { openPool } from './db.js';
import { migratePostgres } from './migrate.js';
import { PostgresStore } from './index.js';
import { PgBossQueue, startBoss } from '../../queue/pgboss.js';

export async function openPostgresBackend(config: Config & { databaseUrl: string }): Promise<Backend> {
  const pool = openPool(config.databaseUrl, { max: Math.max(10, config.workerConcurrency * 2 + 4) });
  try {
    await migratePostgres(pool);
    const boss = await startBoss(pool, (e) => process.emitWarning(`pg-boss: ${e.message}`));
    const store = new PostgresStore(pool, boss, config.jobLeaseMs);
    const queue = new PgBossQueue(boss, pool, config.databaseUrl);
    store.closers.push(() => queue.close());
    return { store, queue };
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}
