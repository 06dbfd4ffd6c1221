// Callback delivery end to end: the real server on port 0 over a real SQLite file, real
// missions over corpus documents, and a real HTTP receiver on 127.0.0.1.
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startTestServer, waitForMission, type TestServer } from '../support/server.js';
import type { Config } from '../../src/config.js';
import { startReceiver, type Receiver } from './receiver.js';
import { cli, signedBy, sleep, submit, waitForCallback } from './support.js';

// Loopback receivers need the guard lifted; short timeouts and backoff keep the tests quick.
const FAST: Partial<Config> = {
  allowPrivateCallbacks: true,
  callbackPollMs: 50,
  callbackTimeoutMs: 800,
  callbackBackoffBaseMs: 100,
  callbackBackoffMaxMs: 300,
};

async function withServer(config: Partial<Config>, fn: (s: TestServer, rcv: Receiver) => Promise<void>): Promise<void> {
  const rcv = await startReceiver();
  const s = await startTestServer({ config });
  try {
    await fn(s, rcv);
  } finally {
    await s.close();
    await rcv.close();
  }
}

test('a completed mission is POSTed once, signed, with the same mission and results as GET /missions/{id}', () =>
  withServer(FAST, async (s, rcv) => {
    const { status, body } = await submit(s, rcv.url);
    assert.equal(status, 202);
    assert.deepEqual(body.mission.callback, { webhookId: null, state: 'pending', attempts: 0, lastStatus: null, lastError: null, nextAttemptAt: null, deliveredAt: null });
    const id = body.mission.id;
    const got = await waitForCallback(s, id, ['delivered']);
    await sleep(300);
    assert.equal(rcv.received.length, 1);
    const [req] = rcv.received;
    assert.equal(req.path, '/hook');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['webhook-id'], got.mission.callback.webhookId);
    assert.match(String(req.headers['webhook-id']), /^msg_[0-9a-f]{32}$/);
    assert.ok(Math.abs(Number(req.headers['webhook-timestamp']) - Date.now() / 1000) < 60);

    const secret = JSON.parse((await cli(s, 'webhooks', 'secret', '--json')).stdout);
    assert.match(secret.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(signedBy([secret.secret], req.headers, req.body), [secret.secret]);
    assert.deepEqual(signedBy([secret.secret], req.headers, req.body + ' '), [], 'a changed body does not verify');

    const payload = JSON.parse(req.body);
    const { callback, ...mission } = got.mission;
    assert.equal(payload.event, 'mission.completed');
    assert.deepEqual(payload.mission, mission);
    assert.deepEqual(payload.results, got.results);
    assert.equal(typeof payload.results.findingsCount, 'number');
    assert.equal(callback.state, 'delivered');
    assert.equal(callback.attempts, 1);
    assert.equal(callback.lastStatus, 200);
    assert.equal(callback.nextAttemptAt, null);
    assert.ok(callback.deliveredAt);
  }));

test('a receiver that fails twice (500, then hangs past the timeout) then succeeds gets exactly one success, all with the same webhook-id', () =>
  withServer(FAST, async (s, rcv) => {
    rcv.script(500, 'hang', 200);
    const { body } = await submit(s, rcv.url);
    const got = await waitForCallback(s, body.mission.id, ['delivered']);
    await sleep(800);
    assert.equal(rcv.received.length, 3, 'no attempt after the success');
    const ids = new Set(rcv.received.map((r) => r.headers['webhook-id']));
    assert.deepEqual([...ids], [got.mission.callback.webhookId]);
    assert.equal(got.mission.callback.attempts, 3);
    assert.equal(got.mission.callback.lastStatus, 200);
    assert.equal(got.mission.callback.lastError, null);

    const log = JSON.parse((await cli(s, 'missions', 'deliveries', body.mission.id, '--json')).stdout);
    assert.deepEqual(log.attempts.map((a: any) => [a.attempt, a.status, a.outcome]), [[1, 500, 'retry'], [2, null, 'retry'], [3, 200, 'delivered']]);
    assert.equal(log.attempts[0].error, 'the receiver answered 500');
    assert.equal(log.attempts[1].error, 'no response within 800 ms');
    assert.ok(log.attempts[1].durationMs >= 700 && log.attempts[1].durationMs < 5000);
    const human = await cli(s, 'missions', 'deliveries', body.mission.id);
    assert.match(human.stdout, /state delivered, webhook-id msg_/);
    assert.match(human.stdout, /no response within 800 ms/);
  }));

test('410 Gone stops the retries at once', () =>
  withServer(FAST, async (s, rcv) => {
    rcv.script(410);
    const { body } = await submit(s, rcv.url);
    const got = await waitForCallback(s, body.mission.id, ['given_up']);
    await sleep(800);
    assert.equal(rcv.received.length, 1);
    assert.equal(got.mission.callback.attempts, 1);
    assert.equal(got.mission.callback.lastStatus, 410);
    assert.match(got.mission.callback.lastError, /410 Gone/);
    assert.equal(got.mission.callback.nextAttemptAt, null);
  }));

test('other failures retry with backoff until the retry window ends, then the delivery is given up', () =>
  withServer({ ...FAST, callbackRetryWindowMs: 1500 }, async (s, rcv) => {
    rcv.fallback = 503;
    const { body } = await submit(s, rcv.url);
    const failing = await waitForCallback(s, body.mission.id, ['failing']);
    assert.equal(failing.mission.callback.lastStatus, 503);
    assert.ok(Date.parse(failing.mission.callback.nextAttemptAt) >= Date.now() - 1000);
    const got = await waitForCallback(s, body.mission.id, ['given_up'], 10_000);
    const n = rcv.received.length;
    assert.ok(n >= 2, `retried (${n} attempts)`);
    assert.equal(got.mission.callback.attempts, n);
    assert.equal(got.mission.callback.lastError, 'the receiver answered 503');
    await sleep(600);
    assert.equal(rcv.received.length, n, 'nothing after giving up');
    assert.equal(new Set(rcv.received.map((r) => r.headers['webhook-id'])).size, 1);
  }));

test('redirects are not followed: a 302 counts as a failure and its target is never hit', async () => {
  const target = await startReceiver('/stolen');
  try {
    await withServer({ ...FAST, callbackRetryWindowMs: 1000 }, async (s, rcv) => {
      rcv.fallback = (_req, res) => res.writeHead(302, { location: target.url }).end();
      const { body } = await submit(s, rcv.url);
      const got = await waitForCallback(s, body.mission.id, ['given_up'], 10_000);
      assert.ok(rcv.received.length >= 1);
      assert.equal(got.mission.callback.lastStatus, 302);
      assert.match(got.mission.callback.lastError, /redirect.*not followed/);
      assert.equal(target.received.length, 0);
    });
  } finally {
    await target.close();
  }
});

test('a server restart between attempts loses nothing: the next server delivers with the same webhook-id', async () => {
  const rcv = await startReceiver();
  const config = { ...FAST, callbackTimeoutMs: 1000, callbackBackoffBaseMs: 500, callbackBackoffMaxMs: 500 };
  // Our own data directory: the harness deletes the ones it makes when their server closes.
  const dataDir = mkdtempSync(join(tmpdir(), 'docket-restart-'));
  let s = await startTestServer({ config, dataDir });
  try {
    rcv.script('hang');
    const { body } = await submit(s, rcv.url);
    const id = body.mission.id;
    await rcv.waitFor(1);
    // Shut down while the first attempt hangs: it is recorded as failed and the delivery stays due.
    await s.close();
    assert.equal(rcv.received.length, 1);
    s = await startTestServer({ config, dataDir });
    const got = await waitForCallback(s, id, ['delivered']);
    await sleep(300);
    assert.equal(rcv.received.length, 2);
    assert.equal(rcv.received[0].headers['webhook-id'], rcv.received[1].headers['webhook-id']);
    assert.equal(got.mission.callback.attempts, 2);
  } finally {
    await s.close();
    await rcv.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a failed mission is delivered as mission.failed with its reason', () =>
  // A review cut off by its time budget fails the mission with a reason for the user.
  withServer({ ...FAST, reviewTimeoutMs: 50, jobMaxAttempts: 1 }, async (s, rcv) => {
    const { status, body } = await submit(s, rcv.url, 'docx/commonpaper-mutual-nda.docx');
    assert.equal(status, 202, JSON.stringify(body));
    const done = await waitForMission(s, body.mission.id);
    assert.equal(done.mission.status, 'failed');
    await waitForCallback(s, body.mission.id, ['delivered']);
    const payload = JSON.parse(rcv.received[0].body);
    assert.equal(payload.event, 'mission.failed');
    assert.equal(payload.mission.status, 'failed');
    assert.equal(payload.mission.failureReason, done.mission.failureReason);
    assert.ok(payload.mission.failureReason.length > 10);
    assert.equal(payload.results, null);
  }));

test('redeliver sends again with the same webhook-id; after a rotation both secrets sign', () =>
  withServer(FAST, async (s, rcv) => {
    const old = JSON.parse((await cli(s, 'webhooks', 'secret', '--json')).stdout).secret;
    const { body } = await submit(s, rcv.url);
    const first = await waitForCallback(s, body.mission.id, ['delivered']);

    const rotated = JSON.parse((await cli(s, 'webhooks', 'secret', '--rotate', '--json')).stdout);
    assert.notEqual(rotated.secret, old);
    assert.deepEqual(rotated.secrets.map((x: any) => [x.secret, x.current]), [[rotated.secret, true], [old, false]]);
    assert.ok(Date.parse(rotated.secrets[1].expiresAt) > Date.now() + 23 * 3600_000);

    const re = await cli(s, 'missions', 'redeliver', body.mission.id);
    assert.equal(re.code, 0, re.stderr);
    assert.match(re.stdout, /queued again \(cycle 2/);
    await rcv.waitFor(2);
    const again = await waitForCallback(s, body.mission.id, ['delivered']);
    const [a, b] = rcv.received;
    assert.equal(b.headers['webhook-id'], a.headers['webhook-id']);
    assert.equal(again.mission.callback.webhookId, first.mission.callback.webhookId);
    assert.deepEqual(signedBy([old], a.headers, a.body), [old]);
    assert.equal(String(b.headers['webhook-signature']).split(' ').length, 2);
    assert.deepEqual(signedBy([rotated.secret, old], b.headers, b.body), [rotated.secret, old]);

    const log = JSON.parse((await cli(s, 'missions', 'deliveries', body.mission.id, '--json')).stdout);
    assert.deepEqual(log.attempts.map((x: any) => [x.cycle, x.attempt, x.outcome]), [[1, 1, 'delivered'], [2, 1, 'delivered']]);

    const notEnded = await cli(s, 'missions', 'redeliver', '00000000-0000-4000-8000-000000000000');
    assert.equal(notEnded.code, 1);
    assert.match(notEnded.stderr, /^docket: No mission with id/);
  }));
