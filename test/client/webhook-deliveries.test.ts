// verifyWebhook against real deliveries: the server signs with its own signer (src/webhooks/sign.ts)
// and POSTs to a receiver on loopback; the SDK verifies what arrived, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Docket, verifyWebhook, WebhookVerificationError } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { corpusPath } from '../support/corpus.js';
import { NDA_DOCX } from '../support/fixtures.js';
import { currentSecret } from '../../src/webhooks/secrets.js';
import { scripted, type Scripted } from './scripted.js';

let s: TestServer;
let receiver: Scripted;
before(async () => {
  s = await startTestServer({ config: { allowPrivateCallbacks: true } });
  receiver = await scripted((h, res) => { res.writeHead(204); res.end(); });
});
after(async () => {
  await receiver.close();
  await s.close();
});

test('a real mission.completed delivery verifies with the org\'s secret; a changed byte or a wrong secret does not', async () => {
  const d = new Docket({ baseUrl: s.url, apiKey: s.key });
  const teamId = (await d.teams.list())[0].id;
  const c = await d.missions.create({
    teamId, missionType: 'redline', callbackUrl: `${receiver.url}/hooks/docket`,
    document: { data: readFileSync(corpusPath(NDA_DOCX)), filename: 'nda.docx' },
  });
  const until = Date.now() + 60_000;
  while (!receiver.hits.some((h) => h.url === '/hooks/docket') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const hit = receiver.hits.find((h) => h.url === '/hooks/docket');
  assert.ok(hit, 'no delivery arrived');
  const org = (await s.backend.store.getOrg('default'))!;
  const secret = (await currentSecret(s.backend.store, org.id)).secret;
  assert.match(secret, /^whsec_/);

  const ev = await verifyWebhook(hit.body, hit.headers, secret);
  assert.equal(ev.event, 'mission.completed');
  assert.equal(ev.mission.id, c.mission.id);
  assert.equal(ev.mission.status, 'completed');
  assert.ok(ev.results);

  await assert.rejects(verifyWebhook(hit.body.replace('"completed"', '"failed"'), hit.headers, secret), WebhookVerificationError);
  await assert.rejects(verifyWebhook(hit.body, hit.headers, 'whsec_' + btoa('another secret, 32 bytes long!!!')), WebhookVerificationError);
  await assert.rejects(verifyWebhook(hit.body, hit.headers, secret, { nowSeconds: Number(hit.headers['webhook-timestamp']) + 301 }), /old/);
});
