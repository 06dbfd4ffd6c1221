// The SDK against the real server: every endpoint, typed errors, pagination, downloads, waiting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import {
  Docket, AuthenticationError, PermissionError, NotFoundError, BadRequestError, UnprocessableError, ConflictError, MissionFailedError, DocketError,
  type Mission,
} from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { corpusPath } from '../support/corpus.js';
import { NDA_DOCX, CUAD_PDF } from '../support/fixtures.js';

let s: TestServer;
let d: Docket;
let teamId: string;
const nda = () => ({ data: readFileSync(corpusPath(NDA_DOCX)), filename: 'nda.docx' });

before(async () => {
  s = await startTestServer();
  d = new Docket({ baseUrl: s.url, apiKey: s.key });
  teamId = (await d.teams.list())[0].id;
});
after(() => s.close());

test('teams and position packages are listed', async () => {
  const teams = await d.teams.list();
  assert.ok(teams.length >= 1);
  assert.ok(teams.every((t) => typeof t.id === 'string' && Array.isArray(t.missionTypes)));
  const pkgs = await d.positionPackages.list();
  assert.ok(pkgs.some((p) => p.slug === 'mutual-nda'));
});

test('the base URL may include the API base, and the key may come from DOCKET_API_KEY', async () => {
  const saved = process.env.DOCKET_API_KEY;
  process.env.DOCKET_API_KEY = s.key;
  try {
    assert.ok((await new Docket({ baseUrl: s.base + '/' }).teams.list()).length >= 1);
  } finally {
    if (saved === undefined) delete process.env.DOCKET_API_KEY;
    else process.env.DOCKET_API_KEY = saved;
  }
  delete process.env.DOCKET_API_KEY;
  assert.throws(() => new Docket({ baseUrl: s.url }), DocketError);
  if (saved !== undefined) process.env.DOCKET_API_KEY = saved;
});

test('create, get, wait (progress reported), download: a redline DOCX comes back as bytes, filename and type', async () => {
  const created = await d.missions.create({ teamId, missionType: 'redline', document: nda(), context: { counterparty: 'Acme Corp' } });
  assert.equal(created.mission.status, 'pending');
  assert.equal(created.replayed, false);
  assert.match(created.mission.name, /Acme Corp/);
  const seen: string[] = [];
  const done = await d.waitForMission(created.mission.id, { intervalMs: 100, onProgress: (m, { elapsedMs }) => { assert.ok(elapsedMs >= 0); seen.push(`${m.status}/${m.stage}`); } });
  assert.equal(done.mission.status, 'completed', done.mission.failureReason ?? '');
  assert.equal(seen.at(-1), 'completed/done');
  assert.ok(seen.every((x, i) => i === 0 || x !== seen[i - 1]), `each change reported once: ${seen.join(' ')}`);
  assert.ok(done.results);
  assert.equal(typeof done.results.findingsCount, 'number');
  for (const ref of done.results.documents) {
    const file = await d.missions.downloadDocument(created.mission.id, ref);
    assert.equal(file.filename, ref.filename);
    assert.equal(file.mimeType, ref.mimeType);
    assert.equal(file.bytes.byteLength, ref.size);
    if (ref.filename.endsWith('.docx')) assert.deepEqual([...file.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  }
  const got = await d.missions.get(created.mission.id);
  assert.equal(got.mission.id, created.mission.id);
});

test('a PDF given as base64 is accepted too', async () => {
  const c = await d.missions.create({ teamId, missionType: 'analysis', document: { base64: readFileSync(corpusPath(CUAD_PDF)).toString('base64'), filename: 'c.pdf' } });
  assert.equal(c.mission.document.mimeType, 'application/pdf');
});

test('list pages and listAll iterates every page, newest first', async () => {
  const ref = `page-${Date.now()}`;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await d.missions.create({ teamId, missionType: 'redline', document: nda(), externalRef: ref })).mission.id);
  const first = await d.missions.list({ externalRef: ref, limit: 2 });
  assert.equal(first.missions.length, 2);
  assert.ok(first.nextCursor);
  const all: Mission[] = [];
  for await (const m of d.missions.listAll({ externalRef: ref, pageSize: 1 })) all.push(m);
  assert.deepEqual(all.map((m) => m.id), ids.reverse());
});

test('createMissionOnce returns the existing mission for a known externalRef', async () => {
  const ref = `once-${Date.now()}`;
  const a = await d.createMissionOnce(ref, { teamId, missionType: 'redline', document: nda() });
  const b = await d.createMissionOnce(ref, { teamId, missionType: 'redline', document: nda() });
  assert.equal(a.created, true);
  assert.equal(b.created, false);
  assert.equal(b.mission.id, a.mission.id);
  assert.equal((await d.missions.list({ externalRef: ref })).missions.length, 1);
});

test('createMissionOnce in an org that de-duplicates: racing calls end with one mission', async () => {
  const org = await s.newOrg(`dedupe-${Date.now()}`, { dedupeExternalRef: true });
  const c = new Docket({ baseUrl: s.url, apiKey: org.key });
  const ref = 'ticket-42';
  const rs = await Promise.all([0, 1, 2].map(() => c.createMissionOnce(ref, { teamId: org.teamId, missionType: 'redline', document: nda() })));
  assert.equal(rs.filter((r) => r.created).length, 1);
  assert.equal(new Set(rs.map((r) => r.mission.id)).size, 1);
  // And a plain second create is the server's 409, typed.
  await assert.rejects(c.missions.create({ teamId: org.teamId, missionType: 'redline', document: nda(), externalRef: ref }), ConflictError);
});

test('typed errors carry the status and the server\'s sentence, and never the key', async () => {
  const bad = 'dk_live_' + 'x'.repeat(43);
  const readOnly = await s.newKey(['missions:read']);
  const cases: [() => Promise<unknown>, Function, number][] = [
    [() => new Docket({ baseUrl: s.url, apiKey: bad }).teams.list(), AuthenticationError, 401],
    [() => new Docket({ baseUrl: s.url, apiKey: readOnly }).missions.create({ teamId, missionType: 'redline', document: nda() }), PermissionError, 403],
    [() => d.missions.get('3b241101-e2bb-4255-8caf-4136c566a962'), NotFoundError, 404],
    [() => d.missions.get('not-a-uuid'), BadRequestError, 400],
    [() => d.missions.create({ teamId, missionType: 'redline', document: { data: readFileSync(corpusPath('docx/broken-not-a-docx.docx')), filename: 'x.docx' } }), UnprocessableError, 422],
  ];
  for (const [call, cls, status] of cases) {
    const err = await call().catch((e: Error & { status: number; error: string }) => e) as Error & { status: number; error: string };
    assert.ok(err instanceof cls, `${status}: ${err}`);
    assert.equal(err.status, status);
    assert.equal(typeof err.error, 'string');
    assert.equal(err.message, err.error);
    assert.ok(err.error.length > 10);
    for (const k of [s.key, bad]) {
      for (const text of [err.message, String(err.stack), inspect(err, { depth: 5 }), JSON.stringify(err)]) assert.ok(!text.includes(k), `key leaked in ${status}`);
    }
  }
});

test('waitForMission: an aborted signal stops it; throwOnFailure turns a failed mission into MissionFailedError', async () => {
  const c = await d.missions.create({ teamId, missionType: 'redline', document: nda() });
  const ctl = new AbortController();
  ctl.abort(new Error('gave up'));
  await assert.rejects(d.waitForMission(c.mission.id, { signal: ctl.signal }), /gave up/);
  // A truncated DOCX passes the sniff but fails in the review.
  let failed;
  try {
    failed = await d.missions.create({ teamId, missionType: 'redline', document: { data: readFileSync(corpusPath('docx/broken-truncated.docx')), filename: 't.docx' } });
  } catch (e) {
    assert.ok(e instanceof UnprocessableError); // refused at the door: nothing to wait for
    return;
  }
  const err = await d.waitForMission(failed.mission.id, { intervalMs: 100, throwOnFailure: true }).catch((e) => e);
  assert.ok(err instanceof MissionFailedError, String(err));
  assert.ok(err.mission.failureReason);
});

test('waitForMission follows the event stream when the server has one (no polling needed)', async () => {
  const urls: string[] = [];
  const traced = new Docket({ baseUrl: s.url, apiKey: s.key, fetch: (u, i) => { urls.push(`${i?.method ?? 'GET'} ${String(u)}`); return fetch(u, i); } });
  const c = await traced.missions.create({ teamId, missionType: 'redline', document: nda() });
  const seen: string[] = [];
  // An interval far longer than the review: only the stream can finish this in time.
  const done = await traced.waitForMission(c.mission.id, { intervalMs: 600_000, onProgress: (m) => seen.push(`${m.status}/${m.stage}`) });
  assert.equal(done.mission.status, 'completed');
  assert.ok(urls.some((u) => u.endsWith(`/missions/${c.mission.id}/events`)), urls.join('\n'));
  assert.equal(seen.at(-1), 'completed/done');
  assert.ok(seen.length >= 2, seen.join(' '));
});

test('waitForMission polls when the server has no event stream (404 on /events)', async () => {
  const { scripted, json } = await import('./scripted.js');
  const id = '3b241101-e2bb-4255-8caf-4136c566a962';
  const base = { id, name: 'n', missionType: 'redline', teamId: id, positionPackageId: null, externalRef: null, document: { filename: 'a', mimeType: 'x', size: 1 }, context: null, callbackUrl: null, failureReason: null, createdAt: '', updatedAt: '', startedAt: null, completedAt: null };
  const srv = await scripted((h, res, _req, n) => {
    if (h.url.endsWith('/events')) return json(res, 404, { error: 'There is no GET endpoint' });
    const polls = srv.hits.filter((x) => !x.url.endsWith('/events')).length;
    const [status, stage] = polls < 2 ? ['pending', 'incoming'] : polls < 4 ? ['active', 'reviewing'] : ['completed', 'done'];
    json(res, 200, { mission: { ...base, status, stage }, results: status === 'completed' ? { findingsCount: 0 } : null });
  });
  try {
    const seen: string[] = [];
    const r = await new Docket({ baseUrl: srv.url, apiKey: 'dk_live_x' }).waitForMission(id, { intervalMs: 20, onProgress: (m) => seen.push(`${m.status}/${m.stage}`) });
    assert.equal(r.mission.status, 'completed');
    assert.deepEqual(seen, ['pending/incoming', 'active/reviewing', 'completed/done']);
    assert.equal(srv.hits.filter((h) => h.url.endsWith('/events')).length, 1);
  } finally {
    await srv.close();
  }
});
