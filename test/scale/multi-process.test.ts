// Two `serve --no-workers` and two `worker` processes on one PostgreSQL database and one Redis:
// 200 missions through both API nodes with several keys complete exactly once, also when a
// worker is SIGKILLed mid-mission; an externalRef race across the nodes gives one 202 and one
// 409; one key hammered through both nodes gets exactly 30 writes in its window.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { corpusPath } from '../support/corpus.js';
import { createTestDatabase, dropTestDatabase, testRedisUrl } from '../support/postgres.js';
import { API_BASE } from '../../src/missions/view.js';
import { awayFromWindowEdge, docketJson, sleep, startApiNode, startWorker, servicesMissing, type DocketProcess } from './processes.js';

const skip = servicesMissing();
const DOCS = [
  { file: 'docx/commonpaper-one-way-nda.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { file: 'docx/commonpaper-ai-addendum.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { file: 'cuad-dev/pdf/cuad-039.pdf', mimeType: 'application/pdf' },
];
const MISSIONS = 200;
const KEYS = 8; // 25 writes each: under the 30-a-minute limit of every key

describe('scale-out: two API nodes, two workers, one PostgreSQL and one Redis', { skip, timeout: 15 * 60_000 }, () => {
  let db: { name: string; url: string };
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let sql: pg.Pool;
  const nodes: { proc: DocketProcess; url: string }[] = [];
  const workers: DocketProcess[] = [];
  let adminKey: string;
  let teamId: string;
  const payloads = DOCS.map((d) => ({ base64: readFileSync(corpusPath(d.file)).toString('base64'), filename: d.file.split('/').pop()!, mimeType: d.mimeType }));

  const post = (node: number, key: string, body: unknown) =>
    fetch(`${nodes[node].url}${API_BASE}/missions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const mission = (i: number, extra: Record<string, unknown> = {}) => ({ teamId, missionType: 'analysis', document: payloads[i % payloads.length], ...extra });
  const newKey = async (name: string) => (await docketJson(['keys', 'create', '--name', name], env)).key as string;

  before(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'docket-scale-'));
    env = {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(db.name),
      DOCKET_DATA_DIR: dataDir,
      DOCKET_JOB_LEASE_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    assert.equal((await docketJson(['migrate'], env)).store, 'postgres');
    adminKey = (await docketJson(['init'], env)).key;
    await docketJson(['orgs', 'update', 'default', '--dedupe-external-ref', 'on'], env);
    nodes.push(await startApiNode('api-1', env), await startApiNode('api-2', env));
    const teams = await (await fetch(`${nodes[0].url}${API_BASE}/teams`, { headers: { authorization: `Bearer ${adminKey}` } })).json();
    teamId = (teams as any).teams.find((t: any) => t.missionTypes.includes('analysis')).id;
  });

  after(async () => {
    await Promise.all([...nodes.map((n) => n.proc.stop()), ...workers.map((w) => w.stop())]);
    await sql?.end();
    if (db) await dropTestDatabase(db.name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('an externalRef race across the two API nodes yields exactly one 202 and one 409', async () => {
    const body = mission(0, { externalRef: 'race-across-nodes' });
    const [a, b] = await Promise.all([post(0, adminKey, body), post(1, adminKey, body)]);
    assert.deepEqual([a.status, b.status].sort(), [202, 409]);
    const conflict = (await (a.status === 409 ? a : b).json()) as any;
    assert.match(conflict.error, /externalRef "race-across-nodes" already exists/);
  });

  it('one key hammered through both API nodes at once gets exactly 30 writes in its window', async () => {
    const key = await newKey('hammer');
    await awayFromWindowEdge();
    const res = await Promise.all(Array.from({ length: 40 }, (_, i) => post(i % 2, key, mission(i))));
    const statuses = res.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 202).length, 30, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 10);
    const limited = res.find((r) => r.status === 429)!;
    assert.equal(limited.headers.get('x-ratelimit-limit'), '30');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  it(`${MISSIONS} missions across both nodes complete exactly once, also after a worker is SIGKILLed mid-mission`, async () => {
    workers.push(await startWorker('worker-a', { ...env, LOG_LEVEL: 'info' }, 2), await startWorker('worker-b', { ...env, LOG_LEVEL: 'info' }, 2));
    const keys = await Promise.all(Array.from({ length: KEYS }, (_, i) => newKey(`load-${i}`)));
    await awayFromWindowEdge(20_000);

    // Submit through both nodes, a few at a time, round-robin over the keys.
    const accepted: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < MISSIONS) {
          const i = next++;
          const r = await post(i % 2, keys[i % KEYS], mission(i, { externalRef: `load-${i}` }));
          const body = (await r.json()) as any;
          assert.equal(r.status, 202, JSON.stringify(body));
          accepted.push(body.mission.id);
        }
      }),
    );
    assert.equal(new Set(accepted).size, MISSIONS);

    // Kill worker A while it is reviewing: both workers busy, some missions done already.
    const count = async (status: string) => Number((await sql.query('SELECT count(*) FROM missions WHERE status = $1', [status])).rows[0].count);
    const until = Date.now() + 120_000;
    while (!((await count('completed')) >= 10 && (await count('active')) >= 3)) {
      assert.ok(Date.now() < until, 'workers never got busy');
      await sleep(100);
    }
    const killed = workers[0];
    killed.child.kill('SIGKILL');
    await killed.exited;
    workers.push(await startWorker('worker-c', { ...env, LOG_LEVEL: 'info' }, 2));

    const total = Number((await sql.query('SELECT count(*) FROM missions')).rows[0].count);
    const deadline = Date.now() + 12 * 60_000;
    while ((await count('completed')) + (await count('failed')) < total) {
      assert.ok(Date.now() < deadline, `only ${await count('completed')} of ${total} missions completed`);
      await sleep(500);
    }
    assert.equal(await count('failed'), 0, 'no mission failed');

    // Exactly once: every mission's end was recorded by exactly one worker, once.
    const ended = workers.flatMap((w) => w.logs('mission ended').map((l) => l.mission as string));
    const all = (await sql.query('SELECT id FROM missions')).rows.map((r) => r.id as string);
    const times = new Map<string, number>();
    for (const id of ended) times.set(id, (times.get(id) ?? 0) + 1);
    assert.deepEqual([...times.values()].filter((n) => n !== 1), [], 'no mission processed to the end twice');
    assert.deepEqual(all.filter((id) => !times.has(id)), [], 'no mission lost');
    assert.equal(ended.length, total);
    for (const id of accepted) assert.ok(times.get(id) === 1);

    // pg-boss agrees: one completed job per mission, and the dead worker's jobs were fetched again.
    const jobs = (await sql.query(`SELECT state, count(*)::int AS n, max(retry_count)::int AS refetched FROM pgboss.job WHERE name = 'docket-missions' GROUP BY state`)).rows;
    assert.deepEqual(jobs.map((j) => [j.state, j.n]), [['completed', total]]);
    assert.ok(jobs[0].refetched >= 1, 'a job of the killed worker was picked up again');
    assert.ok(workers[0].logs('mission ended').length < total, 'the killed worker did not do everything');
  });
});
