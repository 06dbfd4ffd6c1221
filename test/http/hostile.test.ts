// Hostile documents through the whole server: each ends as a failed mission with a sentence saying
// what was wrong, and the worker goes on to finish the next mission.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { startTestServer, waitForMission, type TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';
import { makeLargeContract } from '../review/pdf/large-pdf.js';

describe('hostile documents', () => {
  let s: TestServer;
  let teamId: string;

  before(async () => {
    // One review thread and a short time budget, so the tests show the thread being replaced.
    s = await startTestServer({ config: { workerConcurrency: 1, reviewTimeoutMs: 1500 } });
    teamId = (await (await s.api('/teams')).json()).teams[0].id;
  });
  after(() => s.close());

  async function submit(document: { base64: string; filename: string }) {
    const res = await s.api('/missions', { method: 'POST', json: { teamId, missionType: 'redline', document } });
    assert.equal(res.status, 202);
    return waitForMission(s, (await res.json()).mission.id);
  }

  async function nextMissionStillWorks() {
    const ok = await submit(docPayload(NDA_DOCX));
    assert.equal(ok.mission.status, 'completed', ok.mission.failureReason ?? '');
  }

  it('a zip bomb DOCX fails with a sentence; the next mission completes', async () => {
    const xml = new Uint8Array(300 * 1024 * 1024); // 300 MB of zeros deflates to ~300 KB
    const bomb = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'), 'word/document.xml': xml }, { level: 9 });
    assert.ok(bomb.length < 2 * 1024 * 1024);
    const done = await submit({ base64: Buffer.from(bomb).toString('base64'), filename: 'bomb.docx' });
    assert.equal(done.mission.status, 'failed');
    assert.match(done.mission.failureReason, /^[A-Z][^\n]*\.$/);
    assert.doesNotMatch(done.mission.failureReason, /Error|at |\/|yauzl|inflate/);
    await nextMissionStillWorks();
  });

  it('an XML entity-expansion DOCX is refused, never expanded', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
    const docx = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'), 'word/document.xml': new TextEncoder().encode(laughs) });
    const done = await submit({ base64: Buffer.from(docx).toString('base64'), filename: 'laughs.docx' });
    assert.equal(done.mission.status, 'failed');
    assert.match(done.mission.failureReason, /\.$/);
  });

  it('a document that takes longer than the time budget is stopped; the thread is replaced', async () => {
    const big = makeLargeContract(2000);
    const done = await submit({ base64: Buffer.from(big).toString('base64'), filename: 'huge.pdf' });
    assert.equal(done.mission.status, 'failed');
    assert.match(done.mission.failureReason, /^The review took longer than 2 seconds and was stopped/);
    await nextMissionStillWorks();
  });
});
