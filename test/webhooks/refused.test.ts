// With DOCKET_ALLOW_PRIVATE_CALLBACKS off (the default): literal refused addresses are a 400 at
// submission; a name that resolves to one fails the delivery with that reason, and the
// receiver listening there is never reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../support/server.js';
import { startReceiver } from './receiver.js';
import { sleep, submit, waitForCallback } from './support.js';

test('refused callback addresses, with the allow switch off', async () => {
  const rcv = await startReceiver();
  const s = await startTestServer({ config: { callbackPollMs: 50 } });
  try {
    assert.equal(s.config.allowPrivateCallbacks, false);
    const port = new URL(rcv.url).port;
    const literals: [string, RegExp][] = [
      [rcv.url, /^callbackUrl 127\.0\.0\.1 is a loopback address; callbacks go only to public addresses\.$/],
      [`http://2130706433:${port}/hook`, /loopback/],
      [`http://0177.0.0.1:${port}/hook`, /loopback/],
      [`http://0x7f.1:${port}/hook`, /loopback/],
      [`http://[::1]:${port}/hook`, /loopback/],
      [`http://[::ffff:127.0.0.1]:${port}/hook`, /IPv4-mapped form of a loopback/],
      ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
      ['http://10.0.0.1/hook', /private/],
      ['http://100.64.0.1/hook', /carrier-grade NAT/],
      ['http://[fe80::1]/hook', /link-local/],
      ['http://[ff02::1]/hook', /multicast/],
      ['http://0.0.0.0/hook', /unspecified/],
      ['http://255.255.255.255/hook', /broadcast/],
      ['http://192.0.2.1/hook', /documentation/],
      ['http://[fd00::1]/hook', /unique local/],
      ['ftp://example.com/hook', /http:\/\/ or https:\/\//],
      ['/relative', /absolute/],
      ['https://user:secret@example.com/hook', /user name or password/],
    ];
    for (const [url, msg] of literals) {
      const r = await submit(s, url);
      assert.equal(r.status, 400, url);
      assert.match(r.body.error, msg, url);
    }
    const list = (await (await s.api('/missions')).json()) as { missions: unknown[] };
    assert.equal(list.missions.length, 0, 'a refused submission creates nothing');

    // A name is judged by what it resolves to, at delivery time.
    const ok = await submit(s, `http://localhost:${port}/hook`);
    assert.equal(ok.status, 202);
    const got = await waitForCallback(s, ok.body.mission.id, ['given_up']);
    assert.equal(got.mission.status, 'completed');
    assert.equal(got.mission.callback.attempts, 1);
    assert.equal(got.mission.callback.lastStatus, null);
    assert.match(got.mission.callback.lastError, /^callbackUrl localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    await sleep(300);
    assert.equal(rcv.received.length, 0, 'the receiver on loopback was never reached');
  } finally {
    await s.close();
    await rcv.close();
  }
});
