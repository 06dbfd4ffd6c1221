// The PostgreSQL connection: one pg Pool per process, transactions, and the translation of
// "the database is not there" into the domain's Unavailable error (a 500 with a plain sentence).
import pg from 'pg';
import { Unavailable } from '../../errors.js';

/** A pool or a transaction's client: every query function takes one. */
export type Db = Pick<pg.Pool, 'query'> | pg.PoolClient;
export type Row = Record<string, any>;

export function openPool(databaseUrl: string, opts: { max?: number; applicationName?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    // A request waits at most this long for a connection before it is answered with a 500.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'docket',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '53100', '53300']);

/** True when `e` says the database cannot be reached (as opposed to a bad query or a constraint). */
export function isConnectionError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: string }).code ?? '';
  if (DOWN_CODES.has(code) || code.startsWith('08')) return true;
  const msg = (e as Error).message ?? '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/i.test(msg);
}

export const DATABASE_DOWN = 'The database is not reachable right now; nothing was changed. Try again in a moment.';

/** Runs `fn`, turning a lost database into Unavailable. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isConnectionError(e)) throw new Unavailable(DATABASE_DOWN);
    throw e;
  }
}

/** BEGIN … COMMIT on one client; ROLLBACK on any error. */
export async function transaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  return guard(async () => {
    const c = await pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      broken = isConnectionError(e);
      if (!broken) await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      // A client whose connection broke is thrown away rather than handed to the next caller.
      c.release(broken);
    }
  });
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string };
  return err?.code === '23505' && (constraint === undefined || err.constraint === constraint);
}

export const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());
