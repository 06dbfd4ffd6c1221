// The docs quickstart flow and the mission resources: submit, poll, list, download.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, testBackends, waitForMission, type TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX, CUAD_PDF, MIME_DOCX, MIME_PDF } from '../support/fixtures.js';

for (const backend of testBackends()) {
  describe(`missions (${backend})`, () => {
    let s: TestServer;
    let team: { id: string; name: string; missionTypes: string[] };

    before(async () => {
      s = await startTestServer({ backend });
    });
    after(() => s.close());

    it('quickstart: list teams, submit a DOCX and a PDF, poll until completed', async () => {
      const teams = await s.api('/teams');
      assert.equal(teams.status, 200);
      assert.match(teams.headers.get('content-type')!, /^application\/json; charset=utf-8$/);
      const body = await teams.json();
      assert.deepEqual(body.teams.map((t: any) => t.name).sort(), ['Commercial Contracts', 'Drafting & Research', 'NDA Desk', 'SaaS Procurement']);
      team = body.teams.find((t: any) => t.name === 'Commercial Contracts');
      assert.deepEqual(team.missionTypes, ['redline', 'analysis', 'addendum']);

      for (const [file, mime, format] of [[NDA_DOCX, MIME_DOCX, 'docx'], [CUAD_PDF, MIME_PDF, 'pdf']] as const) {
        const res = await s.api('/missions', {
          method: 'POST',
          json: { teamId: team.id, missionType: 'redline', document: docPayload(file, mime), context: { counterparty: 'Acme Corp', agreementType: 'NDA' }, externalRef: `Q-${format}` },
        });
        assert.equal(res.status, 202);
        const accepted = await res.json();
        assert.equal(accepted.success, true);
        assert.match(accepted.mission.id, /^[0-9a-f-]{36}$/);
        assert.equal(accepted.mission.name, 'Contract Review — Acme Corp');
        assert.equal(accepted.mission.missionType, 'redline');
        assert.equal(accepted.mission.status, 'pending');
        assert.equal(accepted.mission.stage, 'incoming');
        assert.equal(accepted.mission.externalRef, `Q-${format}`);
        assert.equal(accepted.pollUrl, `/api/external/v1/missions/${accepted.mission.id}`);
        assert.equal(typeof accepted.jobId, 'string');

        const done = await waitForMission(s, accepted.mission.id);
        assert.equal(done.mission.status, 'completed', done.mission.failureReason ?? '');
        assert.equal(done.mission.stage, 'done');
        assert.equal(done.mission.externalRef, `Q-${format}`);
        assert.equal(done.mission.document.mimeType, mime);
        const r = done.results;
        assert.equal(r.document.format, format);
        assert.ok(r.document.stats.paragraphs > 10 && r.document.stats.words > 100, JSON.stringify(r.document.stats));
        assert.equal(typeof r.findingsCount, 'number');
        assert.equal(r.findingsCount, r.findings.length);
        assert.ok(['low', 'medium', 'high', 'critical'].includes(r.riskLevel));
        assert.ok(r.summary.length > 20);

        // Every listed result document downloads with the same key, with its type and size.
        assert.ok(r.documents.some((d: any) => d.kind === 'redline'), 'a redline DOCX is produced');
        for (const d of r.documents) {
          const dl = await fetch(s.url + d.url, { headers: { authorization: `Bearer ${s.key}` } });
          assert.equal(dl.status, 200);
          assert.equal(dl.headers.get('content-type'), d.mimeType);
          assert.match(dl.headers.get('content-disposition')!, /^attachment; filename="/);
          const bytes = Buffer.from(await dl.arrayBuffer());
          assert.equal(bytes.length, d.size);
          if (d.mimeType === MIME_DOCX) assert.equal(bytes.subarray(0, 2).toString(), 'PK');
        }
      }
    });

    it('result documents need missions:read and are invisible to other orgs', async () => {
      const list = await (await s.api('/missions?status=completed&limit=1')).json();
      const m = await (await s.api(`/missions/${list.missions[0].id}`)).json();
      const url = m.results.documents[0].url as string;
      const other = await s.newOrg('download-other');
      const res = await fetch(s.url + url, { headers: { authorization: `Bearer ${other.key}` } });
      assert.equal(res.status, 404);
      const noScope = await s.newKey(['teams:read']);
      assert.equal((await fetch(s.url + url, { headers: { authorization: `Bearer ${noScope}` } })).status, 403);
      const bogus = url.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000');
      assert.equal((await fetch(s.url + bogus, { headers: { authorization: `Bearer ${s.key}` } })).status, 404);
    });

    it('the name falls back to the file name', async () => {
      const res = await s.api('/missions', { method: 'POST', json: { teamId: team.id, missionType: 'analysis', document: docPayload(NDA_DOCX) } });
      assert.equal((await res.json()).mission.name, 'Contract Review — commonpaper-mutual-nda');
    });

    it('lists newest first with cursor pagination and filters', async () => {
      const org = await s.newOrg('lister');
      const teams = (await (await s.api('/teams', { key: org.key })).json()).teams;
      const commercial = teams.find((t: any) => t.name === 'Commercial Contracts');
      const nda = teams.find((t: any) => t.name === 'NDA Desk');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const t = i % 2 ? nda : commercial;
        const r = await s.api('/missions', { key: org.key, method: 'POST', json: { teamId: t.id, missionType: i === 4 ? 'redline' : 'analysis', document: docPayload(NDA_DOCX), externalRef: `L-${i % 3}` } });
        ids.push((await r.json()).mission.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await s.api(`/missions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: org.key });
        const page: any = await res.json();
        assert.ok(page.missions.length <= 2);
        seen.push(...page.missions.map((m: any) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...ids].reverse());

      const byRef = await (await s.api('/missions?externalRef=L-1', { key: org.key })).json();
      assert.deepEqual(byRef.missions.map((m: any) => m.id), [ids[4], ids[1]]);
      assert.ok(byRef.missions.every((m: any) => m.externalRef === 'L-1'));
      const byType = await (await s.api('/missions?missionType=redline', { key: org.key })).json();
      assert.deepEqual(byType.missions.map((m: any) => m.id), [ids[4]]);
      const byTeam = await (await s.api(`/missions?teamId=${nda.id}`, { key: org.key })).json();
      assert.deepEqual(byTeam.missions.map((m: any) => m.id), [ids[3], ids[1]]);
      const none = await (await s.api('/missions?externalRef=nope', { key: org.key })).json();
      assert.deepEqual(none, { missions: [], nextCursor: null });
    });

    it('a document the engine cannot read ends as a failed mission with a reason', async () => {
      // Bytes that pass the sniff (a PDF header) but are no PDF.
      const fake = Buffer.from('%PDF-1.7\n' + 'garbage '.repeat(200));
      const res = await s.api('/missions', { method: 'POST', json: { teamId: team.id, missionType: 'analysis', document: { base64: fake.toString('base64'), filename: 'x.pdf' } } });
      assert.equal(res.status, 202);
      const done = await waitForMission(s, (await res.json()).mission.id);
      assert.equal(done.mission.status, 'failed');
      assert.equal(done.results, null);
      assert.match(done.mission.failureReason, /PDF/);
      assert.doesNotMatch(done.mission.failureReason, /Error:|at |\/work\//);
    });

    it('GET /position-packages lists the built-in packages', async () => {
      const res = await s.api('/position-packages');
      assert.equal(res.status, 200);
      const { positionPackages } = await res.json();
      assert.equal(positionPackages.length, 6);
      for (const p of positionPackages) {
        assert.match(p.id, /^[0-9a-f-]{36}$/);
        assert.ok(p.name && p.description && p.agreementTypes.length > 0 && p.positionsCount > 5 && p.builtIn === true);
      }
    });
  });
}
