// 429 from the real server (limits lowered on a test org) and Retry-After honoured by the SDK.
// The server's windows are fixed minutes, so the one wait here is at most the rest of a minute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Docket, RateLimitError } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { corpusPath } from '../support/corpus.js';
import { NDA_DOCX } from '../support/fixtures.js';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(() => s.close());

test('reads and writes over the limit: RateLimitError with retryAfter; a retrying client waits Retry-After and then succeeds', { timeout: 120_000 }, async () => {
  // Not in the last 3 s of a window: the limit must still be used up when the retrying calls start.
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 57_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 50));

  const org = await s.newOrg(`limited-${Date.now()}`, { readLimit: 2, writeLimit: 1 });
  const once = new Docket({ baseUrl: s.url, apiKey: org.key, maxRetries: 0 });
  await once.teams.list();
  await once.teams.list();
  const err = await once.teams.list().catch((e) => e);
  assert.ok(err instanceof RateLimitError, String(err));
  assert.equal(err.status, 429);
  assert.ok(err.retryAfter! >= 1 && err.retryAfter! <= 60, `retryAfter ${err.retryAfter}`);
  assert.equal(err.limit, 2);
  assert.equal(err.remaining, 0);
  assert.match(err.error, /Rate limit exceeded/);

  const doc = { data: readFileSync(corpusPath(NDA_DOCX)), filename: 'nda.docx' };
  await once.missions.create({ teamId: org.teamId, missionType: 'redline', document: doc });
  const writeErr = await once.missions.create({ teamId: org.teamId, missionType: 'redline', document: doc }).catch((e) => e);
  assert.ok(writeErr instanceof RateLimitError);

  const lines: string[] = [];
  const retrying = new Docket({ baseUrl: s.url, apiKey: org.key, logger: (l) => lines.push(l) });
  const t0 = Date.now();
  const [teams, created] = await Promise.all([
    retrying.teams.list(),
    retrying.missions.create({ teamId: org.teamId, missionType: 'redline', document: doc }),
  ]);
  const waited = Date.now() - t0;
  assert.ok(teams.length >= 1);
  assert.equal(created.replayed, false);
  const waits = lines.map((l) => /HTTP 429; retry 1 of 3 in (\d+) ms/.exec(l)?.[1]).filter(Boolean).map(Number);
  assert.equal(waits.length, 2, lines.join('\n'));
  // Each waited the Retry-After it was given (whole seconds), and the calls went through after it.
  for (const w of waits) assert.ok(w % 1000 === 0 && w >= 1000 && w <= 60_000, `wait ${w}`);
  assert.ok(waited >= Math.min(...waits) - 50, `waited ${waited} ms for Retry-After ${waits}`);
  const page = await retrying.missions.list();
  assert.equal(page.missions.length, 2);
});
