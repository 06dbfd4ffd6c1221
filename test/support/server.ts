// Boots the real server on port 0 over a real store for integration tests.
// Every test server gets its own store: a fresh SQLite file (and, for PostgreSQL, its own database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createKey } from '../../src/keys/api-key.js';
import { createOrgWithDefaults } from '../../src/orgs/setup.js';
import { ALL_SCOPES, type Scope } from '../../src/store/index.js';
import { API_BASE } from '../../src/missions/view.js';
import { createTestDatabase, databaseNameFor, dropTestDatabase, testRedisUrl } from './postgres.js';

export type BackendName = 'sqlite' | 'postgres';

/**
 * The configuration this run tests. `npm test` runs the integration suite once per configuration
 * (scripts/run-tests.mjs sets DOCKET_TEST_BACKEND): the same tests, embedded SQLite first, then
 * PostgreSQL + Redis when DOCKET_TEST_DATABASE_URL and DOCKET_TEST_REDIS_URL are given.
 */
export function currentBackend(): BackendName {
  return process.env.DOCKET_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

/** Kept for tests that label their suites by configuration. */
export function testBackends(): BackendName[] {
  return [currentBackend()];
}

/** A fetch Response whose JSON body tests read loosely and assert on. */
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestServer extends RunningServer {
  dataDir: string;
  /** A key of the `default` org holding every scope. */
  key: string;
  base: string;
  config: Config;
  /** fetch against the API base with the default key unless `key` is given (null = no header). */
  api(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<JsonResponse>;
  newKey(scopes?: Scope[], opts?: { org?: string; expiresInMs?: number | null }): Promise<string>;
  newOrg(name: string, opts?: { dedupeExternalRef?: boolean; readLimit?: number; writeLimit?: number }): Promise<{ orgId: string; key: string; teamId: string }>;
}

export async function startTestServer(opts: { backend?: BackendName; config?: Partial<Config>; dataDir?: string; specLimits?: boolean } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'docket-test-'));
  const pgTest = (opts.backend ?? currentBackend()) === 'postgres' ? await postgresEnv(dataDir) : null;
  const backendEnv = pgTest?.env ?? {};
  const config = loadConfig({ ...backendEnv } as NodeJS.ProcessEnv, {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    jobLeaseMs: 2000,
    ...opts.config,
  });
  const server = await startServer(config, { logger: false });
  const store = server.backend.store;
  let org = (await store.getOrg('default'))!;
  // Tests make many requests with the default key; rate-limit tests use orgs of their own.
  if (!opts.specLimits) org = await store.updateOrg(org.id, { readLimit: 100_000, writeLimit: 100_000 });
  const key = server.initialKey?.key ?? (await createKey(store, org.id, 'test', [...ALL_SCOPES], null)).key;
  const base = server.url + API_BASE;

  const api: TestServer['api'] = (path, init = {}) => {
    const { key: k, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    const useKey = k === undefined ? key : k;
    if (useKey !== null) headers.set('authorization', `Bearer ${useKey}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(base + path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body }) as Promise<JsonResponse>;
  };

  return {
    ...server,
    dataDir,
    key,
    base,
    config,
    api,
    async newKey(scopes = [...ALL_SCOPES], o = {}) {
      const target = (await store.getOrg(o.org ?? 'default'))!;
      return (await createKey(store, target.id, 'test key', scopes, o.expiresInMs ?? null)).key;
    },
    async newOrg(name, o = {}) {
      const { org: created, teams } = await createOrgWithDefaults(store, name, o);
      const k = await createKey(store, created.id, 'test', [...ALL_SCOPES], null);
      return { orgId: created.id, key: k.key, teamId: teams[0].id };
    },
    async close() {
      await server.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (pgTest && !opts.dataDir) await dropTestDatabase(pgTest.database);
    },
  };
}

/**
 * A fresh database per test server (the same one again for the same dataDir, so a restarted
 * server finds its missions) and a Redis key prefix of its own.
 */
export async function postgresEnv(dataDir: string): Promise<{ env: Record<string, string>; database: string }> {
  const db = await createTestDatabase(databaseNameFor(dataDir));
  const redisUrl = testRedisUrl(db.name);
  return { env: { DATABASE_URL: db.url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, database: db.name };
}

/** Polls a mission until it is completed or failed. */
export async function waitForMission(s: TestServer, id: string, timeoutMs = 60_000, key?: string): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await s.api(`/missions/${id}`, { key });
    const body = await r.json();
    if (body.mission && (body.mission.status === 'completed' || body.mission.status === 'failed')) return body;
    if (Date.now() > until) throw new Error(`mission ${id} still ${body.mission?.status}/${body.mission?.stage} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Rate limits count in fixed one-minute windows: a test that counts requests waits for a fresh
 * window when the current one is about to end, so its counts cannot straddle two windows.
 */
export async function freshRateWindow(needMs = 10_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}
