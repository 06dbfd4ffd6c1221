// GET /missions/{id}/events: Server-Sent Events of a mission's status and stage changes, over
// the real server and a real mission on a corpus document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, waitForMission, type TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';

interface Ev {
  id: string;
  data: { missionId: string; seq: number; status: string; stage: string; final: boolean; failureReason: string | null; at: string };
}

/** Reads SSE frames from a response; stops after `max` events (then aborts) or at the end of the stream. */
async function readEvents(res: Response, max = Infinity, abort?: AbortController): Promise<{ events: Ev[]; ended: boolean }> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const events: Ev[] = [];
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { events, ended: true };
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) !== -1) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const id = /^id: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (id !== undefined && data !== undefined) events.push({ id, data: JSON.parse(data) });
      if (events.length >= max) {
        abort?.abort();
        await reader.cancel().catch(() => {});
        return { events, ended: false };
      }
    }
  }
}

async function submit(s: TestServer, key?: string): Promise<string> {
  const teams = (await (await s.api('/teams', { key })).json()) as { teams: { id: string; name: string }[] };
  const teamId = teams.teams.find((t) => t.name === 'NDA Desk')!.id;
  const r = await s.api('/missions', { method: 'POST', key, json: { teamId, missionType: 'analysis', document: docPayload(NDA_DOCX) } });
  assert.equal(r.status, 202);
  return ((await r.json()) as { mission: { id: string } }).mission.id;
}

const pairs = (evs: Ev[]) => evs.map((e) => `${e.data.status}/${e.data.stage}`);

function assertWholeStory(evs: Ev[], id: string): void {
  assert.deepEqual(evs.map((e) => e.id), evs.map((_, i) => String(i + 1)), 'ids count 1, 2, 3... with no gap or repeat');
  assert.deepEqual(evs.map((e) => e.data.seq), evs.map((_, i) => i + 1));
  assert.ok(evs.every((e) => e.data.missionId === id));
  const p = pairs(evs);
  assert.equal(p[0], 'pending/incoming');
  assert.equal(p[1], 'active/parsing');
  assert.ok(p.includes('active/reviewing'), p.join(' → '));
  assert.equal(p.at(-1), 'completed/done');
  assert.deepEqual(evs.map((e) => e.data.final), evs.map((_, i) => i === evs.length - 1));
  assert.equal(new Set(p).size, p.length, 'each change once');
}

test('the stream shows every status and stage change in order and ends after the final one', async () => {
  const s = await startTestServer();
  try {
    // An org of its own with the spec's limits, so the count below is this test's alone.
    const { key } = await s.newOrg('stream-org', { readLimit: 120, writeLimit: 30 });
    const id = await submit(s, key);
    const res = await s.api(`/missions/${id}/events`, { key });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(res.headers.get('x-ratelimit-limit'), '120');
    const remaining = Number(res.headers.get('x-ratelimit-remaining'));
    assert.ok(res.headers.get('x-ratelimit-reset'));
    const { events, ended } = await readEvents(res);
    assert.ok(ended, 'the stream ends after the final event');
    assertWholeStory(events, id);
    // One request against the read limit, however long the stream stayed open.
    const after = await s.api('/teams', { key });
    const sameWindow = after.headers.get('x-ratelimit-reset') === res.headers.get('x-ratelimit-reset');
    assert.equal(Number(after.headers.get('x-ratelimit-remaining')), sameWindow ? remaining - 1 : 119);

    // The stages the GET shows at the end agree with the last event.
    const done = await waitForMission(s, id, 10_000, key);
    assert.equal(`${done.mission.status}/${done.mission.stage}`, pairs(events).at(-1));

    // Replaying from the start gives the same story; after the final event there is nothing more (204: do not reconnect).
    assert.deepEqual((await readEvents(await s.api(`/missions/${id}/events`, { key }))).events, events);
    const fin = await s.api(`/missions/${id}/events`, { key, headers: { 'last-event-id': events.at(-1)!.id } });
    assert.equal(fin.status, 204);
  } finally {
    await s.close();
  }
});

test('reconnecting with Last-Event-ID resumes after a disconnect without loss or repeat', async () => {
  const s = await startTestServer();
  try {
    const id = await submit(s);
    const ac = new AbortController();
    const first = await readEvents(await s.api(`/missions/${id}/events`, { signal: ac.signal }), 2, ac);
    assert.equal(first.events.length, 2);
    assert.equal(first.ended, false);
    const last = first.events.at(-1)!.id;
    const rest = await readEvents(await s.api(`/missions/${id}/events`, { headers: { 'last-event-id': last } }));
    assert.ok(rest.ended);
    assert.equal(rest.events[0].id, String(Number(last) + 1));
    assertWholeStory([...first.events, ...rest.events], id);
  } finally {
    await s.close();
  }
});

test('the stream works when the missions run in another server on the same store', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'docket-events-'));
  const api = await startTestServer({ dataDir, config: { workers: false } });
  const worker = await startTestServer({ dataDir, config: { workers: true } });
  try {
    const id = await submit(api);
    const { events, ended } = await readEvents(await api.api(`/missions/${id}/events`));
    assert.ok(ended);
    assertWholeStory(events, id);
  } finally {
    await api.close();
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the stream asks for the missions:read scope, hides other orgs\' missions and checks Last-Event-ID', async () => {
  const s = await startTestServer({ config: { workers: false } });
  try {
    const id = await submit(s);
    const teamsOnly = await s.newKey(['teams:read']);
    const other = await s.newOrg('other-org');
    const cases: [RequestInit & { key?: string | null }, number, RegExp][] = [
      [{ key: null }, 401, /Missing or invalid API key/],
      [{ key: teamsOnly }, 403, /missions:read/],
      [{ key: other.key }, 404, /No mission/],
      [{ headers: { 'last-event-id': 'abc' } }, 400, /Last-Event-ID/],
    ];
    for (const [init, status, msg] of cases) {
      const r = await s.api(`/missions/${id}/events`, init);
      assert.equal(r.status, status);
      assert.match(((await r.json()) as { error: string }).error, msg);
      assert.ok(r.headers.get('x-ratelimit-remaining'));
    }
    assert.equal((await s.api('/missions/not-a-uuid/events')).status, 400);

    // Without workers the mission waits: the stream stays open with its first event, and closing the server ends it.
    const ac = new AbortController();
    const res = await s.api(`/missions/${id}/events`, { signal: ac.signal });
    const reading = readEvents(res);
    await new Promise((r) => setTimeout(r, 300));
    await s.close();
    const { events, ended } = await reading;
    assert.ok(ended, 'shutdown ends open streams');
    assert.deepEqual(pairs(events), ['pending/incoming']);
  } finally {
    await s.close();
  }
});
