// Numbered migrations for PostgreSQL, then pg-boss's own schema and Docket's queue, all under
// one session-level advisory lock: any number of processes may start (or run `docket migrate`)
// at once; the first applies what is missing, the others wait and find nothing left to do.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { guard } from './db.js';
import { installQueue } from '../../queue/pgboss.js';

const dir = fileURLToPath(new URL('../migrations/postgres/', import.meta.url));
/** Any fixed 64-bit number, Docket's own: "docket-migrate". */
const MIGRATION_LOCK = 0x646f636b65746d;

export interface MigrationReport {
  applied: string[];
  pending: string[];
}

export function migrationFiles(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
}

export async function migratePostgres(pool: pg.Pool): Promise<MigrationReport> {
  return guard(async () => {
    const c = await pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
        const done = new Set((await c.query('SELECT name FROM schema_migrations')).rows.map((r) => r.name as string));
        const applied: string[] = [];
        for (const f of migrationFiles()) {
          if (done.has(f)) continue;
          await c.query('BEGIN');
          try {
            await c.query(readFileSync(dir + f, 'utf8'));
            await c.query('INSERT INTO schema_migrations (name) VALUES ($1)', [f]);
            await c.query('COMMIT');
          } catch (e) {
            await c.query('ROLLBACK').catch(() => {});
            throw new Error(`migration ${f} failed: ${(e as Error).message}`);
          }
          applied.push(f);
        }
        await installQueue({ executeSql: (text, values) => c.query(text, values) });
        return { applied, pending: [] };
      } finally {
        await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      }
    } finally {
      c.release();
    }
  });
}
