// The retry policy of the error guide, against scripted servers on loopback (and, for a lost
// response, a proxy in front of the real server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { inspect } from 'node:util';
import { Docket, ServerError, BadRequestError, NotFoundError, UnprocessableError, ConnectionError, RateLimitError, ConflictError } from '../../src/client/index.js';
import { scripted, json } from './scripted.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { NDA_DOCX } from '../support/fixtures.js';
import { corpusPath } from '../support/corpus.js';
import { readFileSync } from 'node:fs';

const KEY = 'dk_live_' + 'S3cr3tK3yThatMustNeverLeak0123456789abcdefghijk';
const TEAMS = { teams: [{ id: '6d6f0b4e-7a0e-4c2e-9a43-5f4d3c2b1a00', name: 'T', missionTypes: ['redline'], defaultPositionPackageId: null }] };
const client = (url: string, o: Partial<ConstructorParameters<typeof Docket>[0]> = {}) =>
  new Docket({ baseUrl: url, apiKey: KEY, retryBaseDelayMs: 20, maxRetryDelayMs: 200, ...o });

test('500 then success: retried, and the call succeeds', async () => {
  const srv = await scripted((h, res, _req, n) => (n === 1 ? json(res, 500, { error: 'boom' }) : json(res, 200, TEAMS)));
  try {
    const teams = await client(srv.url).teams.list();
    assert.equal(teams[0].name, 'T');
    assert.equal(srv.hits.length, 2);
  } finally {
    await srv.close();
  }
});

test('502, 503 and 504 are retried with growing, jittered delays; after maxRetries the ServerError carries status and sentence', async () => {
  const srv = await scripted((h, res, _req, n) => json(res, [502, 503, 504, 500][(n - 1) % 4], { error: `down ${n}` }));
  try {
    const lines: string[] = [];
    const err = await client(srv.url, { maxRetries: 3, retryBaseDelayMs: 40, maxRetryDelayMs: 10_000, logger: (l) => lines.push(l) }).teams.list().catch((e) => e);
    assert.ok(err instanceof ServerError);
    assert.equal(err.status, 500);
    assert.equal(err.error, 'down 4');
    assert.equal(srv.hits.length, 4); // the first attempt and three retries
    const gaps = srv.hits.slice(1).map((h, i) => h.at - srv.hits[i].at);
    // Equal jitter: step n waits between 40*2^n/2 and 40*2^n ms (plus scheduling).
    gaps.forEach((g, i) => assert.ok(g >= (40 * 2 ** i) / 2 - 5, `gap ${i} was ${g} ms`));
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => !l.includes(KEY)));
  } finally {
    await srv.close();
  }
});

test('every other 4xx is never retried', async () => {
  for (const [status, cls] of [[400, BadRequestError], [404, NotFoundError], [409, ConflictError], [422, UnprocessableError]] as const) {
    const srv = await scripted((h, res) => json(res, status, { error: `nope ${status}` }));
    try {
      const err = await client(srv.url).teams.list().catch((e) => e);
      assert.ok(err instanceof cls, `${status} -> ${err}`);
      assert.equal(err.status, status);
      assert.equal(err.error, `nope ${status}`);
      assert.equal(srv.hits.length, 1, `${status} was retried`);
    } finally {
      await srv.close();
    }
  }
});

test('429 waits Retry-After, then doubles the wait while it keeps happening (1 s, then 2 s)', async () => {
  const srv = await scripted((h, res, _req, n) => (n <= 2 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, TEAMS)));
  try {
    await client(srv.url).teams.list();
    assert.equal(srv.hits.length, 3);
    const g1 = srv.hits[1].at - srv.hits[0].at;
    const g2 = srv.hits[2].at - srv.hits[1].at;
    assert.ok(g1 >= 990 && g1 < 1600, `first wait ${g1} ms`);
    assert.ok(g2 >= 1990 && g2 < 2700, `second wait ${g2} ms`);
  } finally {
    await srv.close();
  }
});

test('429 past maxRetries: a RateLimitError with retryAfter and the limit headers', async () => {
  const srv = await scripted((h, res) => json(res, 429, { error: 'Rate limit exceeded' }, { 'retry-after': '7', 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' }));
  try {
    const err = await client(srv.url, { maxRetries: 0 }).teams.list().catch((e) => e);
    assert.ok(err instanceof RateLimitError);
    assert.equal(err.retryAfter, 7);
    assert.equal(err.limit, 2);
    assert.equal(err.remaining, 0);
    assert.equal(err.resetAt, 1700000000);
    assert.equal(srv.hits.length, 1);
  } finally {
    await srv.close();
  }
});

test('a dropped connection and a refused one are retried; in the end a ConnectionError that does not carry the key', async () => {
  const srv = await scripted((h, res, req, n) => { if (n === 1) req.socket.destroy(); else json(res, 200, TEAMS); });
  try {
    assert.equal((await client(srv.url).teams.list()).length, 1);
    assert.equal(srv.hits.length, 2);
  } finally {
    await srv.close();
  }
  // A port nothing listens on any more.
  const gone = await scripted(() => {});
  const url = gone.url;
  await gone.close();
  const lines: string[] = [];
  const err = await client(url, { maxRetries: 2, logger: (l) => lines.push(l) }).teams.list().catch((e) => e);
  assert.ok(err instanceof ConnectionError, String(err));
  assert.match(err.message, /Could not reach the Docket server at http:\/\/127\.0\.0\.1:\d+ \(GET \/teams\)/);
  assert.equal(lines.length, 2);
  for (const text of [err.message, String(err.stack), inspect(err, { depth: 5 }), JSON.stringify(err), ...lines]) assert.ok(!text.includes(KEY));
});

test('a request that gets no answer in timeoutMs is a retried ConnectionError (timedOut)', async () => {
  const srv = await scripted(() => { /* never answers */ });
  try {
    const err = await client(srv.url, { timeoutMs: 100, maxRetries: 1 }).teams.list().catch((e) => e);
    assert.ok(err instanceof ConnectionError);
    assert.equal(err.timedOut, true);
    assert.equal(srv.hits.length, 2);
  } finally {
    await srv.close();
  }
});

test('an aborted signal stops the call and its retries at once', async () => {
  const srv = await scripted((h, res) => json(res, 503, { error: 'busy' }));
  try {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('stop')), 150);
    const t0 = Date.now();
    const err = await client(srv.url, { retryBaseDelayMs: 10_000, maxRetryDelayMs: 10_000 }).teams.list({ signal: ctl.signal }).catch((e) => e);
    assert.equal(err.message, 'stop');
    assert.ok(Date.now() - t0 < 2000);
  } finally {
    await srv.close();
  }
});

test('missions.create sends one Idempotency-Key, the same on every retry', async () => {
  const srv = await scripted((h, res, _req, n) =>
    n < 3 ? json(res, 503, { error: 'busy' }) : json(res, 202, { success: true, mission: { id: 'm' }, jobId: 'j', pollUrl: '/p' }));
  try {
    const c = await client(srv.url).missions.create({ teamId: TEAMS.teams[0].id, missionType: 'redline', document: { data: new Uint8Array([1, 2, 3]), filename: 'a.pdf' } });
    const keys = srv.hits.map((h) => h.headers['idempotency-key']);
    assert.equal(keys.length, 3);
    assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
    assert.ok(keys.every((k) => k === keys[0]));
    assert.equal(c.idempotencyKey, keys[0]);
    assert.ok(srv.hits.every((h) => h.body === srv.hits[0].body));
    assert.equal(JSON.parse(srv.hits[0].body).document.base64, 'AQID');
  } finally {
    await srv.close();
  }
});

// ---- a lost response, on the real server ---------------------------------------------------

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(() => s.close());

/** Forwards everything to the real server, except that the first POST's answer is thrown away and the connection cut. */
async function lossyProxy(target: string) {
  let posts = 0;
  return scripted(async (hit, res, req) => {
    const u = new URL(target);
    const upstream = await new Promise<{ status: number; headers: Record<string, any>; body: Buffer }>((resolve, reject) => {
      const r = httpRequest({ host: u.hostname, port: u.port, path: hit.url, method: hit.method, headers: { ...hit.headers, host: u.host } }, (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c) => chunks.push(c));
        up.on('end', () => resolve({ status: up.statusCode!, headers: up.headers, body: Buffer.concat(chunks) }));
      });
      r.on('error', reject);
      r.end(hit.body);
    });
    if (hit.method === 'POST' && ++posts === 1) {
      req.socket.destroy(); // the server did the work; the client never hears of it
      return;
    }
    res.writeHead(upstream.status, upstream.headers);
    res.end(upstream.body);
  });
}

test('the first attempt\'s response is lost: the retry gets the same mission back, and exactly ONE mission exists', async () => {
  const proxy = await lossyProxy(s.url);
  try {
    const d = new Docket({ baseUrl: proxy.url, apiKey: s.key, retryBaseDelayMs: 20 });
    const teamId = (await d.teams.list())[0].id;
    const ref = `lost-${Date.now()}`;
    const c = await d.missions.create({ teamId, missionType: 'redline', externalRef: ref, document: { data: readFileSync(corpusPath(NDA_DOCX)), filename: 'nda.docx' } });
    assert.equal(c.replayed, true);
    assert.equal(proxy.hits.filter((h) => h.method === 'POST').length, 2);
    const page = await new Docket({ baseUrl: s.url, apiKey: s.key }).missions.list({ externalRef: ref });
    assert.equal(page.missions.length, 1);
    assert.equal(page.missions[0].id, c.mission.id);
  } finally {
    await proxy.close();
  }
});

test('the same loss without an Idempotency-Key makes two missions (why the SDK sends one by default)', async () => {
  const proxy = await lossyProxy(s.url);
  try {
    const d = new Docket({ baseUrl: proxy.url, apiKey: s.key, retryBaseDelayMs: 20 });
    const teamId = (await d.teams.list())[0].id;
    const ref = `lost-nokey-${Date.now()}`;
    await d.missions.create({ teamId, missionType: 'redline', externalRef: ref, document: { data: readFileSync(corpusPath(NDA_DOCX)), filename: 'nda.docx' } }, { idempotencyKey: null });
    const page = await new Docket({ baseUrl: s.url, apiKey: s.key }).missions.list({ externalRef: ref });
    assert.equal(page.missions.length, 2);
  } finally {
    await proxy.close();
  }
});
