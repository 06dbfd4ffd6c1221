// Scale-out figures, as ratios measured in one run (the machine is noisy; absolute numbers are not the point):
//   1. end-to-end missions per second with one and with two `docket worker` processes (PostgreSQL);
//   2. GET /missions/{id} requests per second on PostgreSQL (+ Redis) versus SQLite.
// Needs DOCKET_TEST_DATABASE_URL (and DOCKET_TEST_REDIS_URL for the Redis row); loopback only.
//   node --import tsx bench/scale.ts [--missions 40] [--seconds 8] [--connections 16]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { corpusPath } from '../test/support/corpus.js';
import { createTestDatabase, dropTestDatabase, testRedisUrl } from '../test/support/postgres.js';
import { docketJson, sleep, startApiNode, startWorker, type DocketProcess } from '../test/scale/processes.js';
import { API_BASE } from '../src/missions/view.js';

const { values: args } = parseArgs({
  options: { missions: { type: 'string', default: '40' }, seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '16' } },
});
const MISSIONS = Number(args.missions);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
if (!process.env.DOCKET_TEST_DATABASE_URL) {
  console.error('bench/scale.ts needs DOCKET_TEST_DATABASE_URL (and DOCKET_TEST_REDIS_URL); see .ci/run');
  process.exit(1);
}

const DOC = { base64: readFileSync(corpusPath('docx/commonpaper-one-way-nda.docx')).toString('base64'), filename: 'one-way-nda.docx' };
const cleanups: (() => Promise<unknown>)[] = [];

/** A prepared store: migrated, initialised, limits raised out of the way; returns its env and key. */
async function prepare(kind: 'postgres' | 'postgres+redis' | 'sqlite'): Promise<{ env: NodeJS.ProcessEnv; key: string; db?: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKET_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };
  let dbUrl: string | undefined;
  if (kind !== 'sqlite') {
    const db = await createTestDatabase();
    cleanups.push(() => dropTestDatabase(db.name));
    env.DATABASE_URL = dbUrl = db.url;
    if (kind === 'postgres+redis') env.REDIS_URL = testRedisUrl(db.name) ?? '';
  }
  await docketJson(['migrate'], env);
  const key = (await docketJson(['init'], env)).key as string;
  await docketJson(['orgs', 'update', 'default', '--read-limit', '100000000', '--write-limit', '100000000'], env);
  return { env, key, db: dbUrl };
}

async function api(url: string, key: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(`${url}${API_BASE}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Missions per second, first submission to last completion, with `workerCount` worker processes. */
async function missionsPerSecond(workerCount: number): Promise<number> {
  const { env, key, db } = await prepare('postgres');
  const node = await startApiNode('bench-api', env);
  const workers: DocketProcess[] = [];
  for (let i = 0; i < workerCount; i++) workers.push(await startWorker(`bench-worker-${i}`, env, 1));
  const sql = new pg.Pool({ connectionString: db, max: 1 });
  try {
    const teams = await api(node.url, key, '/teams');
    const teamId = teams.teams.find((t: any) => t.missionTypes.includes('analysis')).id;
    const t0 = performance.now();
    for (let i = 0; i < MISSIONS; i++) await api(node.url, key, '/missions', { teamId, missionType: 'analysis', document: DOC });
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM missions WHERE status IN ('completed', 'failed')`);
      if (rows[0].n >= MISSIONS) break;
      await sleep(50);
    }
    return MISSIONS / ((performance.now() - t0) / 1000);
  } finally {
    await sql.end();
    await Promise.all([node.proc.stop(), ...workers.map((w) => w.stop())]);
  }
}

/** GET /missions/{id} requests per second with CONNECTIONS keep-alive connections for SECONDS. */
async function getRps(kind: 'postgres' | 'postgres+redis' | 'sqlite'): Promise<number> {
  const { env, key } = await prepare(kind);
  const node = await startApiNode(`bench-get-${kind}`, env);
  try {
    const teams = await api(node.url, key, '/teams');
    const teamId = teams.teams.find((t: any) => t.missionTypes.includes('analysis')).id;
    const { mission } = await api(node.url, key, '/missions', { teamId, missionType: 'analysis', document: DOC });
    const target = new URL(`${node.url}${API_BASE}/missions/${mission.id}`);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const once = () =>
      new Promise<void>((resolve, reject) => {
        const req = request(target, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
    const run = async (ms: number) => {
      let n = 0;
      const until = performance.now() + ms;
      await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          await once();
          n++;
        }
      }));
      return n;
    };
    await run(1000); // warm-up: connections, JIT, caches
    const t0 = performance.now();
    const n = await run(SECONDS * 1000);
    agent.destroy();
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await node.proc.stop();
  }
}

try {
  const one = await missionsPerSecond(1);
  const two = await missionsPerSecond(2);
  const sqlite = await getRps('sqlite');
  const postgres = await getRps('postgres');
  const redis = process.env.DOCKET_TEST_REDIS_URL ? await getRps('postgres+redis') : NaN;
  const f = (x: number) => x.toFixed(1);
  console.log(`missions/s, ${MISSIONS} small DOCX missions end to end (PostgreSQL, 1 API node, workers at --concurrency 1):`);
  console.log(`  1 worker process   ${f(one)}`);
  console.log(`  2 worker processes ${f(two)}   ratio 2/1 = ${(two / one).toFixed(2)}`);
  console.log(`GET /missions/{id} requests/s (${CONNECTIONS} keep-alive connections, ${SECONDS} s, 1 API node):`);
  console.log(`  SQLite + memory limits       ${f(sqlite)}`);
  console.log(`  PostgreSQL + memory limits   ${f(postgres)}   ratio PostgreSQL/SQLite = ${(postgres / sqlite).toFixed(2)}`);
  if (!Number.isNaN(redis)) console.log(`  PostgreSQL + Redis limits    ${f(redis)}   ratio (PostgreSQL+Redis)/SQLite = ${(redis / sqlite).toFixed(2)}`);
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
}
