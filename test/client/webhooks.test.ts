// verifyWebhook: Standard Webhooks vectors computed here with node:crypto (independently of the
// SDK's WebCrypto code), and deliveries signed by the server's own signer when it is present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { verifyWebhook, signWebhook, WebhookVerificationError } from '../../src/client/index.js';

const secretBytes = randomBytes(24);
const secret = `whsec_${secretBytes.toString('base64')}`;
const body = JSON.stringify({ event: 'mission.completed', mission: { id: 'm1', status: 'completed' }, results: { findingsCount: 2 } });
const now = Math.floor(Date.now() / 1000);
const sign = (id: string, ts: number, b: string | Buffer, key = secretBytes) =>
  `v1,${createHmac('sha256', key).update(`${id}.${ts}.`).update(b).digest('base64')}`;
const headers = (id: string, ts: number, sig: string) => ({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig });

test('a correctly signed delivery verifies and its parsed body is returned (string, bytes, Headers or a plain record)', async () => {
  const h = headers('msg_1', now, sign('msg_1', now, body));
  const ev = await verifyWebhook(body, h, secret);
  assert.equal(ev.event, 'mission.completed');
  assert.equal(ev.mission.id, 'm1');
  assert.ok(await verifyWebhook(new TextEncoder().encode(body), new Headers(h), secret));
  assert.ok(await verifyWebhook(body, { 'Webhook-Id': 'msg_1', 'WEBHOOK-TIMESTAMP': String(now), 'webhook-signature': [h['webhook-signature']] }, secret));
});

test('the known Standard Webhooks test vector verifies', async () => {
  // From the Standard Webhooks reference libraries' tests.
  const s = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const ts = 1614265330;
  const payload = '{"test": 2432232314}';
  const sig = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
  assert.ok(await verifyWebhook(payload, headers(id, ts, sig), s, { nowSeconds: ts }));
  assert.equal(await signWebhook(id, ts, payload, s), sig);
});

test('several signatures (a secret rotation): any v1 match is enough; other versions are ignored', async () => {
  const other = randomBytes(24);
  const sig = `v1a,xxxx ${sign('msg_2', now, body, other)} ${sign('msg_2', now, body)}`;
  assert.ok(await verifyWebhook(body, headers('msg_2', now, sig), secret));
  // A receiver holding both secrets during its own rotation.
  assert.ok(await verifyWebhook(body, headers('msg_2', now, sign('msg_2', now, body, other)), [secret, `whsec_${other.toString('base64')}`]));
});

test('refused: tampered body, wrong secret, another id, stale or future timestamp, missing headers, no v1 signature', async () => {
  // The clock is pinned: a loaded CI machine may start this test seconds after the module loaded.
  const t = Math.floor(Date.now() / 1000);
  const good = sign('msg_3', t, body);
  const cases: [string, Record<string, string>, string, RegExp][] = [
    [body.replace('m1', 'm2'), headers('msg_3', t, good), secret, /No webhook signature matches/],
    [body, headers('msg_3', t, good), `whsec_${randomBytes(24).toString('base64')}`, /No webhook signature matches/],
    [body, headers('msg_4', t, good), secret, /No webhook signature matches/],
    [body, headers('msg_3', t - 301, sign('msg_3', t - 301, body)), secret, /more than 300 seconds old/],
    [body, headers('msg_3', t + 301, sign('msg_3', t + 301, body)), secret, /in the future/],
    [body, { 'webhook-id': 'msg_3', 'webhook-signature': good }, secret, /Missing webhook-id, webhook-timestamp or webhook-signature/],
    [body, headers('msg_3', t, 'v2,abc'), secret, /no v1 signature/],
    [body, headers('msg_3', t, good), 'whsec_', /not a whsec_<base64> secret/],
  ];
  for (const [b, h, sec, re] of cases) {
    await assert.rejects(verifyWebhook(b, h, sec, { nowSeconds: t }), (e: Error) => e instanceof WebhookVerificationError && re.test(e.message));
  }
  // The tolerance is the caller's to set.
  assert.ok(await verifyWebhook(body, headers('msg_3', t - 301, sign('msg_3', t - 301, body)), secret, { toleranceSeconds: 600, nowSeconds: t }));
});
