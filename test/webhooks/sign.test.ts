// Standard Webhooks signing against the specification's published example, our own verifier,
// and the SDK's (docket/client) verifier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSecretValue, secretBytes, signature, signedHeaders, verify } from '../../src/webhooks/sign.js';
import { verifyWebhook } from '../../src/client/index.js';

test('the signature matches the Standard Webhooks reference example', () => {
  // From the specification's reference libraries' test suite.
  const sig = signature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
  assert.equal(sig, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
});

test('secrets are whsec_ + base64 of 32 random bytes', () => {
  const s = newSecretValue();
  assert.match(s, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.equal(secretBytes(s).length, 32);
  assert.notEqual(newSecretValue(), s);
});

test('two secrets sign side by side during a rotation; each verifies on its own', async () => {
  const [a, b] = [newSecretValue(), newSecretValue()];
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ event: 'mission.completed', mission: { id: 'x' }, results: null });
  const h = signedHeaders([a, b], 'msg_0123', now, body);
  assert.equal(h['webhook-signature'].split(' ').length, 2);
  assert.ok(verify(a, h, body));
  assert.ok(verify(b, h, body));
  assert.ok(!verify(newSecretValue(), h, body));
  assert.ok(!verify(a, h, body + ' '));
  assert.ok(!verify(a, { ...h, 'webhook-timestamp': String(now - 3600) }, body), 'an old timestamp is refused');
  // The SDK's verifier (WebCrypto) agrees.
  await verifyWebhook(body, h, a);
  await verifyWebhook(body, h, b);
  await assert.rejects(verifyWebhook(body, h, newSecretValue()));
});
