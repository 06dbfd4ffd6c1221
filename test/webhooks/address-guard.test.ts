// The address guard on its own: every refused class over many spellings, the submission rules,
// resolution (any refused answer refuses the name) and the pinned connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCallbackUrl, refusedAddressReason, vetAddresses, parseIPv4, RefusedCallback, type LookupAll } from '../../src/webhooks/address-guard.js';
import { postCallback } from '../../src/webhooks/send.js';
import { warnIfPrivateCallbacks } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { BadRequest } from '../../src/errors.js';
import { startReceiver } from './receiver.js';

const REFUSED: [string, RegExp][] = [
  // IPv4 by class
  ['127.0.0.1', /loopback/], ['127.255.255.254', /loopback/],
  ['10.0.0.1', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/], ['192.168.1.1', /private/],
  ['100.64.0.1', /carrier-grade NAT/], ['100.127.255.255', /carrier-grade NAT/], ['100.100.100.200', /carrier-grade NAT/],
  ['169.254.169.254', /cloud metadata/], ['169.254.1.1', /link-local/],
  ['224.0.0.1', /multicast/], ['239.255.255.250', /multicast/],
  ['0.0.0.0', /unspecified/], ['0.1.2.3', /unspecified/],
  ['255.255.255.255', /broadcast/], ['240.0.0.1', /reserved/], ['250.1.2.3', /reserved/],
  ['192.0.0.8', /reserved/], ['192.0.2.1', /documentation/], ['198.51.100.7', /documentation/], ['203.0.113.9', /documentation/],
  ['198.18.0.1', /benchmarking/], ['198.19.255.1', /benchmarking/], ['192.88.99.1', /6to4 relay/],
  // IPv4 spellings (decimal, octal, hex, short forms, trailing dot)
  ['2130706433', /loopback/], ['0177.0.0.1', /loopback/], ['0x7f.1', /loopback/], ['0x7f000001', /loopback/], ['127.1', /loopback/],
  ['017700000001', /loopback/], ['0x7f.0.0.1.', /loopback/], ['0xA9.0xFE.0xA9.0xFE', /cloud metadata/], ['2852039166', /cloud metadata/],
  ['012.0.0.1', /private/], ['0', /unspecified/],
  // IPv6
  ['::1', /loopback/], ['[::1]', /loopback/], ['0:0:0:0:0:0:0:1', /loopback/], ['::', /unspecified/], ['[::]', /unspecified/],
  ['fc00::1', /unique local/], ['fd12:3456::1', /unique local/], ['fd00:ec2::254', /unique local/],
  ['fe80::1', /link-local/], ['febf::1', /link-local/], ['fec0::1', /site-local/],
  ['ff02::1', /multicast/], ['ff05::2', /multicast/],
  ['::ffff:127.0.0.1', /IPv4-mapped.*loopback/], ['::ffff:7f00:1', /IPv4-mapped.*loopback/], ['[::ffff:169.254.169.254]', /mapped.*cloud metadata/],
  ['::ffff:10.1.2.3', /mapped.*private/], ['::ffff:0:192.168.0.1', /translated.*private/],
  ['64:ff9b::127.0.0.1', /NAT64.*loopback/], ['64:ff9b::a00:1', /NAT64.*private/], ['64:ff9b:1::1', /local-use NAT64/],
  ['2002:7f00:1::', /6to4.*loopback/], ['2002:c0a8:101::1', /6to4.*private/],
  ['::127.0.0.1', /IPv4-compatible/], ['100::1', /discard/], ['2001:db8::1', /documentation/], ['3fff::1', /documentation/],
  ['2001::1', /Teredo/], ['2001:2::1', /benchmarking/], ['2001:10::1', /ORCHID/], ['4000::1', /reserved/], ['::2', /IPv4-compatible/],
];

const PUBLIC = ['8.8.8.8', '1.1.1.1', '93.184.215.14', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255',
  '198.17.255.255', '198.20.0.0', '223.255.255.255', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808',
  '2002:808:808::1', 'example.com', 'hooks.example.org'];

test('every refused address class is refused, in every spelling', () => {
  for (const [host, reason] of REFUSED) {
    const got = refusedAddressReason(host);
    assert.ok(got, `${host} should be refused`);
    assert.match(got!, reason, `${host}: ${got}`);
  }
});

test('public addresses and names pass the literal check', () => {
  for (const host of PUBLIC) assert.equal(refusedAddressReason(host), null, host);
});

test('IPv4 parses the inet_aton spellings and rejects what is not IPv4', () => {
  assert.equal(parseIPv4('2130706433'), 0x7f000001);
  assert.equal(parseIPv4('0177.0.0.1'), 0x7f000001);
  assert.equal(parseIPv4('0x7f.1'), 0x7f000001);
  assert.equal(parseIPv4('127.0.1'), 0x7f000001);
  for (const bad of ['256.0.0.1', '1.2.3.4.5', '0x100.0.0.1', '08.0.0.1', 'example.com', '1..2', '4294967296']) assert.equal(parseIPv4(bad), null, bad);
});

test('submission: not an absolute http(s) URL, credentials, or a refused literal are 400 with a sentence', () => {
  const off = { allowPrivate: false };
  const bad: [string, RegExp][] = [
    ['not a url', /absolute http/], ['/relative/path', /absolute http/], ['ftp://example.com/x', /not ftp/], ['file:///etc/passwd', /not file/],
    ['javascript:alert(1)', /not javascript/], ['https://user:pw@example.com/hook', /user name or password/], ['http://user@example.com/', /user name/],
    ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/], ['http://2130706433/', /loopback/], ['http://0177.0.0.1/', /loopback/],
    ['http://0x7f.1/', /loopback/], ['http://[::1]/', /loopback/], ['http://[::ffff:127.0.0.1]/', /IPv4-mapped/], ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['http://[fd00:ec2::254]/', /unique local/], ['http://10.0.0.5/', /private/], ['http://0/', /unspecified/], ['http://%31%32%37.0.0.1/', /loopback/],
    ['http://[64:ff9b::7f00:1]/', /NAT64/], ['http://224.0.0.1/', /multicast/],
  ];
  for (const [url, msg] of bad) {
    assert.throws(() => checkCallbackUrl(url, off), (e: unknown) => e instanceof BadRequest && msg.test(e.message) && /\.$/.test(e.message), url);
  }
  for (const url of ['https://example.com/hook', 'http://8.8.8.8/x', 'http://[2606:4700::1111]:8443/', 'http://localhost:9/hook']) {
    assert.doesNotThrow(() => checkCallbackUrl(url, off), url);
  }
  // The switch lifts the address rule, not the URL rules.
  assert.doesNotThrow(() => checkCallbackUrl('http://127.0.0.1:8080/hook', { allowPrivate: true }));
  assert.throws(() => checkCallbackUrl('https://u:p@127.0.0.1/', { allowPrivate: true }), BadRequest);
});

const fixed = (...addresses: string[]): LookupAll => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

test('a name is refused if ANY address it resolves to is refused', async () => {
  const url = new URL('https://hooks.example.test/x');
  await assert.rejects(vetAddresses(url, { allowPrivate: false, lookup: fixed('93.184.215.14', '10.0.0.7') }), (e: unknown) =>
    e instanceof RefusedCallback && /hooks\.example\.test resolves to 10\.0\.0\.7, which is a private address/.test(e.message));
  await assert.rejects(vetAddresses(url, { allowPrivate: false, lookup: fixed('2606:4700::1', '::ffff:169.254.169.254') }), RefusedCallback);
  assert.deepEqual(await vetAddresses(url, { allowPrivate: false, lookup: fixed('93.184.215.14') }), [{ address: '93.184.215.14', family: 4 }]);
  assert.deepEqual(await vetAddresses(url, { allowPrivate: true, lookup: fixed('10.0.0.7') }), [{ address: '10.0.0.7', family: 4 }]);
  // The real resolver: localhost is loopback whichever family it answers with.
  await assert.rejects(vetAddresses(new URL('http://localhost:9/'), { allowPrivate: false }), /localhost resolves to .*loopback/);
});

test('the connection goes to the vetted address: DNS is asked once, Host keeps the name, redirects are not followed', async () => {
  const rcv = await startReceiver();
  const other = await startReceiver();
  try {
    const port = new URL(rcv.url).port;
    let lookups = 0;
    // First answer 127.0.0.1 (allowed here), then a rebinding answer that must never be used.
    const rebinding: LookupAll = async () => (++lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const r = await postCallback(`http://rebind.invalid:${port}/hook`, '{}', { 'webhook-id': 'msg_1' }, { timeoutMs: 2000, allowPrivate: true, lookup: rebinding });
    assert.deepEqual(r, { status: 200, error: null, refused: false });
    assert.equal(lookups, 1);
    assert.equal(rcv.received[0].headers.host, `rebind.invalid:${port}`);
    assert.equal(rcv.received[0].headers['webhook-id'], 'msg_1');

    rcv.script((_req, res) => res.writeHead(302, { location: other.url }).end());
    const redirected = await postCallback(rcv.url, '{}', {}, { timeoutMs: 2000, allowPrivate: true });
    assert.equal(redirected.status, 302);
    assert.match(redirected.error!, /redirects are not followed/);
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(other.received.length, 0);

    rcv.script('hang');
    const t0 = Date.now();
    const hung = await postCallback(rcv.url, '{}', {}, { timeoutMs: 300, allowPrivate: true });
    assert.deepEqual(hung, { status: null, error: 'no response within 300 ms', refused: false });
    assert.ok(Date.now() - t0 < 2000);

    const refused = await postCallback(rcv.url, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
    assert.equal(refused.refused, true);
    assert.match(refused.error!, /127\.0\.0\.1 is a loopback address/);
    assert.equal(rcv.received.length, 3);
  } finally {
    await rcv.close();
    await other.close();
  }
});

test('DOCKET_ALLOW_PRIVATE_CALLBACKS says so loudly at start', () => {
  const lines: string[] = [];
  const log = { warn: (m: string) => lines.push(m) } as any;
  warnIfPrivateCallbacks(loadConfig({}), log);
  assert.equal(lines.length, 0);
  warnIfPrivateCallbacks(loadConfig({ DOCKET_ALLOW_PRIVATE_CALLBACKS: 'true' }), log);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /DOCKET_ALLOW_PRIVATE_CALLBACKS is on.*loopback, private and cloud-metadata/);
});
