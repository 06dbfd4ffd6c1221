// Bodies over 1 MB take the streaming path (http/json-body.ts): the document must arrive intact,
// and every rule of the ordinary path must hold on it too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startTestServer, waitForMission, type TestServer } from '../support/server.js';
import { corpusPath } from '../support/corpus.js';

describe('large request bodies', () => {
  let s: TestServer;
  let teamId: string;
  const pdf = readFileSync(corpusPath('cuad-dev/pdf/cuad-028.pdf'));

  before(async () => {
    s = await startTestServer();
    teamId = (await (await s.api('/teams')).json()).teams[0].id;
  });
  after(() => s.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    s.api('/missions', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('a document with MIME line breaks and odd key order arrives byte for byte and is reviewed', async () => {
    const b64 = pdf.toString('base64').replace(/.{76}/g, '$&\r\n');
    assert.ok(b64.length > 1024 * 1024);
    const body = `{"missionType":"analysis","document":{"filename":"big.pdf","base64" : "${b64}"},"teamId":"${teamId}","externalRef":"BIG-1"}`;
    const res = await post(body);
    assert.equal(res.status, 202);
    const { mission } = await res.json();
    assert.equal(mission.document.size, pdf.length);
    const rec = await s.backend.store.getMission(null, mission.id);
    const stored = await s.backend.store.readDocumentBytes(rec!.document.id);
    assert.equal(createHash('sha256').update(stored).digest('hex'), createHash('sha256').update(pdf).digest('hex'));
    const done = await waitForMission(s, mission.id);
    assert.equal(done.mission.status, 'completed', done.mission.failureReason ?? '');
  });

  it('invalid base64 in a large body is a 400', async () => {
    const b64 = pdf.toString('base64');
    const bad = b64.slice(0, 1000) + '*' + b64.slice(1001);
    const res = await post(JSON.stringify({ teamId, missionType: 'analysis', document: { base64: bad, filename: 'x.pdf' } }));
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /^document\.base64 is not valid base64/);
  });

  it('a "base64" key elsewhere is not mistaken for the document', async () => {
    const b64 = pdf.toString('base64');
    const res = await post(JSON.stringify({ teamId, missionType: 'analysis', context: { base64: b64 }, document: { base64: 'AAAA', filename: 'x.pdf' } }));
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /^context\.base64 is not a field this request takes/);
  });

  it('a large non-JSON body is a 400, and so is a Content-Length that lies', async () => {
    const res = await post('{"teamId": "' + 'x'.repeat(2 * 1024 * 1024));
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /^The request body is not valid JSON/);
  });

  it('a PNG is a 422 on this path too', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024 * 1024, 7)]);
    const res = await post(JSON.stringify({ teamId, missionType: 'analysis', document: { base64: png.toString('base64'), filename: 'c.docx' } }));
    assert.equal(res.status, 422);
    assert.match((await res.json()).error, /PNG image/);
  });

  it('the idempotency hash is the same on both paths', async () => {
    const body = JSON.stringify({ teamId, missionType: 'analysis', document: { base64: pdf.toString('base64'), filename: 'same.pdf' } });
    const first = await post(body, { 'idempotency-key': 'large-1' });
    assert.equal(first.status, 202);
    const again = await post(body.replace('{"teamId"', '{ "teamId"'), { 'idempotency-key': 'large-1' });
    assert.equal(again.status, 202);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const other = await post(body.replace('same.pdf', 'other.pdf'), { 'idempotency-key': 'large-1' });
    assert.equal(other.status, 422);
  });
});
