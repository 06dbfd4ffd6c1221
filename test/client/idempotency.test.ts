// Idempotency-Key on POST /missions, on the real server over a real SQLite file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';
import { createBackend } from '../../src/store/create.js';
import { Conflict } from '../../src/errors.js';

let s: TestServer;
let teamId: string;
const doc = docPayload(NDA_DOCX);

before(async () => {
  s = await startTestServer();
  const teams = (await (await s.api('/teams')).json()) as { teams: { id: string }[] };
  teamId = teams.teams[0].id;
});
after(() => s.close());

const post = (json: unknown, key?: string, apiKey?: string) =>
  s.api('/missions', { method: 'POST', json, key: apiKey, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

async function count(externalRef: string, apiKey?: string): Promise<number> {
  const r = await s.api(`/missions?externalRef=${encodeURIComponent(externalRef)}&limit=100`, { key: apiKey });
  return ((await r.json()) as { missions: unknown[] }).missions.length;
}

test('a repeat with the same key and body replays the first status and body byte for byte and creates nothing', async () => {
  const key = randomUUID();
  const body = { teamId, missionType: 'redline', document: doc, externalRef: `replay-${key}` };
  const first = await post(body, key);
  const firstText = await first.text();
  assert.equal(first.status, 202);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  // The same body with its keys in another order is the same request.
  const reordered = { externalRef: body.externalRef, document: { filename: doc.filename, base64: doc.base64 }, missionType: 'redline', teamId };
  for (const b of [body, reordered]) {
    const again = await post(b, key);
    assert.equal(again.status, 202);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.match(again.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(await again.text(), firstText);
  }
  assert.equal(await count(body.externalRef), 1);
});

test('the same key with another body is 422 with a sentence saying so, and creates nothing', async () => {
  const key = randomUUID();
  const ref = `mismatch-${key}`;
  assert.equal((await post({ teamId, missionType: 'redline', document: doc, externalRef: ref }, key)).status, 202);
  const r = await post({ teamId, missionType: 'analysis', document: doc, externalRef: ref }, key);
  assert.equal(r.status, 422);
  const { error } = (await r.json()) as { error: string };
  assert.match(error, /Idempotency-Key was already used for another request/);
  assert.equal(await count(ref), 1);
});

test('a repeat while the first request is still being processed is 409 — the claim is held in the store, across processes', async () => {
  const key = randomUUID();
  const org = (await s.backend.store.getOrg('default'))!;
  // Another process on the same store holds the key (its request is mid-flight).
  const other = (await createBackend(s.config)).store;
  const body = { teamId, missionType: 'redline', document: doc, externalRef: `busy-${key}` };
  const { requestHash } = await import('../../src/missions/idempotency.js');
  const claimed = await other.beginIdempotentRequest({ orgId: org.id, key, token: 'other-process', requestHash: requestHash('POST', '/missions', body), leaseMs: 60_000, ttlMs: 86_400_000 });
  assert.equal(claimed.outcome, 'claimed');
  const r = await post(body, key);
  assert.equal(r.status, 409);
  assert.match(((await r.json()) as { error: string }).error, /still being processed/);
  assert.equal(await count(body.externalRef), 0);
  await other.close();
});

test('concurrent requests with one key create exactly one mission', async () => {
  const key = randomUUID();
  const body = { teamId, missionType: 'redline', document: doc, externalRef: `race-${key}` };
  const rs = await Promise.all(Array.from({ length: 6 }, () => post(body, key)));
  const statuses = rs.map((r) => r.status);
  assert.ok(statuses.every((st) => st === 202 || st === 409), statuses.join());
  assert.equal(rs.filter((r) => r.status === 202 && r.headers.get('idempotent-replayed') === null).length, 1);
  assert.equal(await count(body.externalRef), 1);
});

test('an error of the first request releases the key: the same key runs again (decision: only a created mission is remembered)', async () => {
  const key = randomUUID();
  const ref = `released-${key}`;
  const bad = { teamId: randomUUID(), missionType: 'redline', document: doc, externalRef: ref };
  const r1 = await post(bad, key);
  assert.equal(r1.status, 422);
  const r2 = await post(bad, key); // not replayed, not a "mismatch": it runs again and fails the same way
  assert.equal(r2.status, 422);
  assert.equal(r2.headers.get('idempotent-replayed'), null);
  assert.match(((await r2.json()) as { error: string }).error, /not a team of your organisation/);
  const fixed = await post({ ...bad, teamId }, key);
  assert.equal(fixed.status, 202);
  assert.equal(await count(ref), 1);
});

test('the key is per org: another org using the same key gets its own mission', async () => {
  const key = randomUUID();
  const other = await s.newOrg(`idem-org-${key}`);
  const ref = `per-org-${key}`;
  const a = await post({ teamId, missionType: 'redline', document: doc, externalRef: ref }, key);
  const b = await post({ teamId: other.teamId, missionType: 'redline', document: doc, externalRef: ref }, key, other.key);
  assert.equal(a.status, 202);
  assert.equal(b.status, 202);
  assert.equal(b.headers.get('idempotent-replayed'), null);
  assert.notEqual(((await a.json()) as any).mission.id, ((await b.json()) as any).mission.id);
});

test('Idempotency-Key must be 1–255 printable ASCII characters (400 with a sentence)', async () => {
  const body = { teamId, missionType: 'redline', document: doc };
  for (const bad of ['', 'x'.repeat(256), 'clé-é']) {
    const r = await post(body, bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(((await r.json()) as { error: string }).error, /Idempotency-Key header must be 1 to 255 printable ASCII characters/);
  }
  assert.equal((await post(body, 'k'.repeat(255))).status, 202);
});

test('without the header, POST /missions is not idempotent: two identical requests make two missions', async () => {
  const ref = `plain-${randomUUID()}`;
  const body = { teamId, missionType: 'redline', document: doc, externalRef: ref };
  assert.equal((await post(body)).status, 202);
  assert.equal((await post(body)).status, 202);
  assert.equal(await count(ref), 2);
});

test('a replay survives a server restart (the key lives in the store)', async () => {
  const dataDir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'docket-idem-'));
  const key = randomUUID();
  let first: string;
  let body: unknown;
  let apiKey: string;
  const a = await startTestServer({ dataDir });
  try {
    const t = ((await (await a.api('/teams')).json()) as { teams: { id: string }[] }).teams[0].id;
    body = { teamId: t, missionType: 'redline', document: doc };
    apiKey = a.key;
    const r = await a.api('/missions', { method: 'POST', json: body, headers: { 'Idempotency-Key': key } });
    assert.equal(r.status, 202);
    first = await r.text();
  } finally {
    await a.close();
  }
  const b = await startTestServer({ dataDir });
  try {
    const r = await b.api('/missions', { method: 'POST', json: body, key: apiKey, headers: { 'Idempotency-Key': key } });
    assert.equal(r.status, 202);
    assert.equal(r.headers.get('idempotent-replayed'), 'true');
    assert.equal(await r.text(), first);
  } finally {
    await b.close();
    (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  }
});

test('store: a key past its 24 hours is forgotten; a claim whose holder died is taken over, and the old holder can no longer finish', async () => {
  const store = s.backend.store;
  const org = (await store.getOrg('default'))!;
  const key = randomUUID();
  const claim = { orgId: org.id, key, requestHash: 'h1', leaseMs: 1, ttlMs: 60_000 };
  assert.equal((await store.beginIdempotentRequest({ ...claim, token: 'dead' })).outcome, 'claimed');
  await new Promise((r) => setTimeout(r, 5));
  assert.equal((await store.beginIdempotentRequest({ ...claim, token: 'alive' })).outcome, 'claimed');
  // The dead holder wakes up and tries to create its mission: refused, nothing created.
  const teams = await store.listTeams(org.id);
  const mission = (token: string) => ({
    id: randomUUID(), orgId: org.id, teamId: teams[0].id, positionPackageId: null, name: 'x', missionType: 'redline' as const,
    externalRef: `takeover-${key}-${token}`, dedupeKey: null, context: null, callbackUrl: null, jobId: randomUUID(),
    document: { id: randomUUID(), filename: 'a.docx', mimeType: 'application/pdf', size: 1, sha256: 'x', bytes: new Uint8Array([1]) },
  });
  const render = () => ({ status: 202, body: '{"ok":true}' });
  await assert.rejects(store.createMission(mission('dead'), { idempotency: { orgId: org.id, key, token: 'dead', render } }), Conflict);
  assert.equal(await count(`takeover-${key}-dead`), 0);
  await store.createMission(mission('alive'), { idempotency: { orgId: org.id, key, token: 'alive', render } });
  const replay = await store.beginIdempotentRequest({ ...claim, token: 'third' });
  assert.deepEqual(replay, { outcome: 'replay', status: 202, body: '{"ok":true}' });

  const short = randomUUID();
  assert.equal((await store.beginIdempotentRequest({ orgId: org.id, key: short, requestHash: 'a', token: 't1', leaseMs: 60_000, ttlMs: 1 })).outcome, 'claimed');
  await new Promise((r) => setTimeout(r, 5));
  assert.equal((await store.beginIdempotentRequest({ orgId: org.id, key: short, requestHash: 'b', token: 't2', leaseMs: 60_000, ttlMs: 60_000 })).outcome, 'claimed');
  assert.ok((await store.purgeIdempotencyKeys(Date.now() + 120_000)) >= 1);
});
