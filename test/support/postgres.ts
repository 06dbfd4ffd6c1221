// Test databases for the PostgreSQL + Redis configuration: a fresh database per test server on
// DOCKET_TEST_DATABASE_URL's server, and a per-server Redis key prefix on DOCKET_TEST_REDIS_URL.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

const created = new Set<string>();

function adminUrl(): string {
  const url = process.env.DOCKET_TEST_DATABASE_URL;
  if (!url) throw new Error('DOCKET_TEST_DATABASE_URL is not set');
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl(), application_name: 'docket-test-admin' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Creates database `name` (or finds it) and returns its URL. */
export async function createTestDatabase(name = `docket_t_${randomBytes(6).toString('hex')}`): Promise<{ name: string; url: string }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad test database name ${name}`);
  await admin(async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    for (let i = 0; ; i++) {
      try {
        await c.query(`CREATE DATABASE ${name}`);
        return;
      } catch (e) {
        // Concurrent CREATE DATABASEs can trip over template1 being copied; try again shortly.
        if (i >= 10 || !/being accessed by other users|already exists/.test((e as Error).message)) throw e;
        if (/already exists/.test((e as Error).message)) return;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
  });
  created.add(name);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropTestDatabase(name: string): Promise<void> {
  created.delete(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
}

/** The same name for the same data directory, so a "restarted" test server finds its database again. */
export function databaseNameFor(dataDir: string): string {
  return `docket_t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
}

/** REDIS_URL for one test server: the test Redis with a key prefix of its own (ioredis reads keyPrefix from the URL). */
export function testRedisUrl(prefix: string): string | undefined {
  const raw = process.env.DOCKET_TEST_REDIS_URL;
  if (!raw) return undefined;
  const url = new URL(raw);
  url.searchParams.set('keyPrefix', `${prefix}:`);
  return url.toString();
}

// Databases a test left behind (e.g. a restarted server's) go when the test process ends.
process.once('beforeExit', () => {
  void Promise.all([...created].map(dropTestDatabase));
});
