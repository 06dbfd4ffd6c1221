// Rate limits in Redis: exact across processes (two limiters, one Redis), and a Redis outage
// never turns into a 500: requests are served with per-process counters and one loud warning,
// and counting goes back to Redis when it returns.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisLimiter } from '../../src/limits/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testRedisUrl } from '../support/postgres.js';
import { servicesMissing, sleep } from './processes.js';

const skip = servicesMissing();

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A private redis-server this test may kill and restart. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout!.on('data', (d) => String(d).includes('Ready to accept connections') && resolve(child));
  });
}

/** Collects what the process writes to stderr while `fn` runs (the limiter's warnings go there). */
function captureStderr(): { text: () => string; restore: () => void } {
  const original = process.stderr.write.bind(process.stderr);
  let buf = '';
  process.stderr.write = ((chunk: any, ...rest: any[]) => {
    buf += String(chunk);
    return original(chunk, ...rest);
  }) as typeof process.stderr.write;
  return { text: () => buf, restore: () => (process.stderr.write = original) };
}

describe('Redis rate limits', { skip, timeout: 120_000 }, () => {
  it('are exact across processes: two limiters hammering one bucket allow exactly the limit', async () => {
    const url = testRedisUrl(`docket_t_${randomUUID().slice(0, 8)}`)!;
    const a = new RedisLimiter(url);
    const b = new RedisLimiter(url);
    try {
      assert.ok((await a.connected()) && (await b.connected()));
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).hit('key:exact:w', 30, 60_000)));
      assert.equal(results.filter((r) => r.allowed).length, 30);
      assert.deepEqual(results.map((r) => r.remaining).sort((x, y) => x - y).slice(-1), [29]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  describe('when Redis goes away and comes back', () => {
    let port: number;
    let redis: ChildProcess;
    let s: TestServer;
    let probe: Redis;

    before(async () => {
      port = await freePort();
      redis = await startRedis(port);
      s = await startTestServer({ config: { redisUrl: `redis://127.0.0.1:${port}` } });
      probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 200 });
      probe.on('error', () => {});
      await probe.connect();
    });

    after(async () => {
      await s?.close();
      probe?.disconnect();
      redis?.kill('SIGKILL');
    });

    it('keeps serving with per-process counters, warns once, and counts in Redis again once it is back', async () => {
      const org = await s.newOrg(`redis-${randomUUID().slice(0, 8)}`, { readLimit: 5 });
      const get = () => s.api('/teams', { key: org.key });

      let r = await get();
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-ratelimit-remaining'), '4');
      assert.equal((await probe.keys('docket:rl:*')).length, 1, 'counted in Redis');

      const stderr = captureStderr();
      try {
        redis.kill('SIGKILL');
        await new Promise((res) => redis.once('exit', res));
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) {
          r = await get();
          statuses.push(r.status);
          assert.ok(r.headers.get('x-ratelimit-limit'), 'rate-limit headers still sent');
        }
        // Fresh per-process counters: 5 allowed, then 429; never a 500.
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
        assert.equal(stderr.text().match(/Redis is unreachable/g)?.length, 1, `one warning, got: ${stderr.text()}`);

        redis = await startRedis(port);
        const until = Date.now() + 15_000;
        while ((await probe.keys('docket:rl:*').catch(() => [])).length === 0) {
          assert.ok(Date.now() < until, 'the limiter never went back to Redis');
          await get();
          await sleep(200);
        }
        assert.match(stderr.text(), /Redis is reachable again/);
      } finally {
        stderr.restore();
      }
    });
  });

  it('a server whose Redis is down from the start still serves (and says so)', async () => {
    const stderr = captureStderr();
    let s: TestServer | undefined;
    try {
      s = await startTestServer({ config: { redisUrl: `redis://127.0.0.1:${await freePort()}` } });
      const r = await s.api('/teams');
      assert.equal(r.status, 200);
      assert.ok(r.headers.get('x-ratelimit-limit'), 'rate-limit headers still sent');
      assert.match(stderr.text(), /Redis is unreachable/);
    } finally {
      stderr.restore();
      await s?.close();
    }
  });
});
