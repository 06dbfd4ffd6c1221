// One test per row of the errors table and per validation rule of POST /missions.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { freshRateWindow, startTestServer, testBackends, type TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX, CUAD_PDF, MIME_DOCX, MIME_PDF } from '../support/fixtures.js';

async function expectError(res: Response, status: number, pattern: RegExp): Promise<void> {
  const text = await res.text();
  assert.equal(res.status, status, `status ${res.status}: ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json; charset=utf-8/);
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ['error']);
  assert.match(body.error, pattern);
  assert.doesNotMatch(body.error, /at .*\.(ts|js):\d+|SQLITE|node_modules|\/work\//);
}

/** Sends raw bytes, for bodies fetch() would not produce (truncated, lying Content-Length). */
function rawRequest(url: string, opts: { method: string; headers: Record<string, string>; body: string; endEarly?: boolean }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method, headers: opts.headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data }));
    });
    req.on('error', reject);
    // A truncated upload leaves the server waiting for the rest: give up after a moment.
    req.setTimeout(1500, () => req.destroy(new Error('timeout')));
    req.write(opts.body);
    req.end();
  });
}

for (const backend of testBackends()) {
  describe(`errors table (${backend})`, () => {
    let s: TestServer;
    let teamId: string;
    const mission = (over: Record<string, unknown> = {}) => ({ teamId, missionType: 'analysis', document: docPayload(NDA_DOCX), ...over });

    before(async () => {
      s = await startTestServer({ backend });
      const teams = await (await s.api('/teams')).json();
      teamId = teams.teams.find((t: any) => t.name === 'Commercial Contracts').id;
    });
    after(() => s.close());

    describe('400 missing or malformed fields', () => {
      for (const field of ['teamId', 'missionType', 'document']) {
        it(`missing ${field}`, async () => {
          const body: Record<string, unknown> = mission();
          delete body[field];
          await expectError(await s.api('/missions', { method: 'POST', json: body }), 400, new RegExp(`^${field} is required\\.$`));
        });
      }
      it('missing document.base64', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: { filename: 'a.docx' } }) }), 400, /^document\.base64 is required\.$/);
      });
      it('invalid UUID in the body', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ teamId: 'team-1' }) }), 400, /^teamId must be a UUID\.$/);
      });
      it('invalid UUID in the path', async () => {
        await expectError(await s.api('/missions/not-a-uuid'), 400, /^The mission id in the path must be a UUID\.$/);
      });
      it('unknown mission type', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ missionType: 'review' }) }), 400, /^missionType must be one of redline, analysis, draft, research, addendum\.$/);
      });
      it('a misspelt field is named', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ externalref: 'x' }) }), 400, /^externalref is not a field this request takes/);
      });
      it('externalRef over 255 characters', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ externalRef: 'x'.repeat(256) }) }), 400, /^externalRef must be at most 255 characters\.$/);
      });
      it('document of the wrong type', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: 'abc' }) }), 400, /^document must be an object\.$/);
      });
      it('base64 that is not base64', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: { base64: 'not base64!!', filename: 'a.docx' } }) }), 400, /^document\.base64 is not valid base64/);
      });
      it('empty base64', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: { base64: '', filename: 'a.docx' } }) }), 400, /^document\.base64 is empty/);
      });
      it('document too large (base64 over 60 MB)', async () => {
        const big = 'A'.repeat(60 * 1024 * 1024 + 4);
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: { base64: big, filename: 'a.pdf' } }) }), 400, /^document too large/);
      });
      it('body over the size limit', async () => {
        const big = 'A'.repeat(62 * 1024 * 1024);
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: { base64: big, filename: 'a.pdf' } }) }), 400, /^document too large/);
      });
      it('wrong Content-Type', async () => {
        const res = await s.api('/missions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(mission()) });
        await expectError(res, 400, /^Content-Type must be application\/json/);
      });
      it('form-encoded body', async () => {
        const res = await s.api('/missions', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'teamId=1' });
        await expectError(res, 400, /^Content-Type must be application\/json/);
      });
      it('non-JSON body', async () => {
        const res = await s.api('/missions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"teamId": ' });
        await expectError(res, 400, /^The request body is not valid JSON/);
      });
      it('empty body', async () => {
        const res = await s.api('/missions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
        await expectError(res, 400, /^The request body is empty/);
      });
      it('a JSON array instead of an object', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: [1, 2] }), 400, /^The request body must be an object\.$/);
      });
      it('a __proto__ key', async () => {
        const res = await s.api('/missions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__proto__": {"x": 1}}' });
        assert.equal(res.status, 400);
        assert.ok((await res.json()).error);
      });
      it('truncated body (Content-Length larger than the body)', async () => {
        const body = JSON.stringify(mission());
        const r = await rawRequest(s.base + '/missions', {
          method: 'POST',
          headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json', 'content-length': String(body.length + 10) },
          body: body.slice(0, 100),
        }).catch(() => null);
        // The server either answers 400 or waits for the rest and times the client out; it never accepts it.
        if (r) assert.equal(r.status, 400);
        const list = await (await s.api('/missions')).json();
        assert.equal(list.missions.length, 0);
      });
      it('invalid limit and cursor in the list query', async () => {
        await expectError(await s.api('/missions?limit=0'), 400, /^The query parameter limit must be at least 1\.$/);
        await expectError(await s.api('/missions?limit=1000'), 400, /^The query parameter limit must be at most 100\.$/);
        await expectError(await s.api('/missions?cursor=bogus'), 400, /^cursor is not one this server gave out/);
        await expectError(await s.api('/missions?status=done'), 400, /^The query parameter status must be one of pending, active, completed, failed\.$/);
      });
    });

    describe('401 missing or invalid API key', () => {
      it('no Authorization header', async () => {
        await expectError(await s.api('/teams', { key: null }), 401, /^Missing or invalid API key$/);
      });
      it('a malformed header', async () => {
        await expectError(await s.api('/teams', { key: null, headers: { authorization: `Basic ${s.key}` } }), 401, /^Missing or invalid API key$/);
      });
      it('an unknown key', async () => {
        await expectError(await s.api('/teams', { key: 'dk_live_' + 'A'.repeat(43) }), 401, /^Missing or invalid API key$/);
      });
    });

    describe('403 key lacks the scope', () => {
      it('a read-only key creating a mission', async () => {
        const key = await s.newKey(['missions:read']);
        await expectError(await s.api('/missions', { method: 'POST', json: mission(), key }), 403, /lacks the missions:write scope/);
      });
    });

    describe('404 not found', () => {
      it('an unknown mission', async () => {
        await expectError(await s.api(`/missions/${randomUUID()}`), 404, /^No mission with id /);
      });
      it('a mission of another org reads exactly like an unknown one', async () => {
        const other = await s.newOrg(`other-${randomUUID().slice(0, 8)}`);
        const res = await s.api('/missions', { method: 'POST', json: mission({ teamId: other.teamId }), key: other.key });
        assert.equal(res.status, 202);
        const id = (await res.json()).mission.id;
        const mine = await s.api(`/missions/${id}`);
        const unknownId = randomUUID();
        const unknown = await s.api(`/missions/${unknownId}`);
        assert.equal(mine.status, 404);
        assert.equal((await mine.json()).error, `No mission with id ${id}.`);
        assert.equal((await unknown.json()).error, `No mission with id ${unknownId}.`);
        const list = await (await s.api(`/missions?externalRef=`)).json();
        assert.ok(!list.missions.some((m: any) => m.id === id));
      });
      it('an unknown route', async () => {
        await expectError(await s.api('/nothing-here'), 404, /^There is no GET \/api\/external\/v1\/nothing-here endpoint/);
        const outside = await fetch(s.url + '/nope');
        assert.equal(outside.status, 404);
        assert.match(((await outside.json()) as any).error, /^There is no GET \/nope endpoint/);
      });
      it('a wrong method on a known path', async () => {
        await expectError(await s.api('/teams', { method: 'DELETE' }), 404, /^There is no DELETE/);
      });
    });

    describe('409 duplicate submission', () => {
      it('the same externalRef twice where the org de-duplicates', async () => {
        const org = await s.newOrg(`dedupe-${randomUUID().slice(0, 8)}`, { dedupeExternalRef: true });
        const first = await s.api('/missions', { method: 'POST', json: mission({ teamId: org.teamId, externalRef: 'TICKET-1' }), key: org.key });
        assert.equal(first.status, 202);
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ teamId: org.teamId, externalRef: 'TICKET-1' }), key: org.key }), 409, /already exists/);
      });
      it('without de-duplication two identical requests make two missions', async () => {
        const a = await s.api('/missions', { method: 'POST', json: mission({ externalRef: 'SAME' }) });
        const b = await s.api('/missions', { method: 'POST', json: mission({ externalRef: 'SAME' }) });
        assert.equal(a.status, 202);
        assert.equal(b.status, 202);
        assert.notEqual((await a.json()).mission.id, (await b.json()).mission.id);
      });
      it('a race of concurrent submissions yields exactly one 202', async () => {
        await freshRateWindow();
        const org = await s.newOrg(`race-${randomUUID().slice(0, 8)}`, { dedupeExternalRef: true, writeLimit: 100 });
        const body = mission({ teamId: org.teamId, externalRef: 'RACE-1' });
        const results = await Promise.all(Array.from({ length: 12 }, () => s.api('/missions', { method: 'POST', json: body, key: org.key })));
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [202, ...Array(11).fill(409)]);
        const list = await (await s.api('/missions?externalRef=RACE-1', { key: org.key })).json();
        assert.equal(list.missions.length, 1);
      });
    });

    describe('422 unprocessable', () => {
      it('a team of another org', async () => {
        const other = await s.newOrg(`t-${randomUUID().slice(0, 8)}`);
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ teamId: other.teamId }) }), 422, /is not a team of your organisation/);
      });
      it('an unknown team', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ teamId: randomUUID() }) }), 422, /is not a team of your organisation/);
      });
      it('a position package of another org', async () => {
        const other = await s.newOrg(`p-${randomUUID().slice(0, 8)}`);
        const pkgs = await (await s.api('/position-packages', { key: other.key })).json();
        await expectError(
          await s.api('/missions', { method: 'POST', json: mission({ positionPackageId: pkgs.positionPackages[0].id }) }),
          422,
          /is not a position package of your organisation/,
        );
      });
      it('a mission type the team does not run', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ missionType: 'research' }) }), 422, /^Team "Commercial Contracts" does not run research missions; it runs redline, analysis, addendum\.$/);
      });
      it('a PNG named .docx with the DOCX MIME type', async () => {
        const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
        const doc = { base64: png.toString('base64'), filename: 'contract.docx', mimeType: MIME_DOCX };
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: doc }) }), 422, /bytes are a PNG image/);
      });
      it('a declared mimeType that disagrees with the bytes', async () => {
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: docPayload(CUAD_PDF, MIME_DOCX) }) }), 422, /mimeType .* but the bytes are a PDF file/);
        await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: docPayload(NDA_DOCX, MIME_PDF) }) }), 422, /but the bytes are a DOCX file/);
      });
      for (const [file, why] of [
        ['docx/broken-not-a-docx.docx', /^The document's bytes are a PNG image; submit a DOCX or PDF contract\.$/],
        ['docx/broken-truncated.docx', /damaged or truncated/],
        ['docx/broken-no-document.docx', /without a Word document inside/],
      ] as const) {
        it(`corrupted file ${file}`, async () => {
          await expectError(await s.api('/missions', { method: 'POST', json: mission({ document: docPayload(file) }) }), 422, why);
        });
      }
    });

    describe('429 rate limited', () => {
      it('answers 429 with Retry-After once the window is used up', async () => {
        await freshRateWindow();
        const org = await s.newOrg(`rl-${randomUUID().slice(0, 8)}`, { readLimit: 3 });
        for (let i = 0; i < 3; i++) assert.equal((await s.api('/teams', { key: org.key })).status, 200);
        const res = await s.api('/teams', { key: org.key });
        const retry = Number(res.headers.get('retry-after'));
        assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
        assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
        await expectError(res, 429, /^Rate limit exceeded: this key may make 3 reads a minute; retry after \d+ seconds\.$/);
      });
    });

    describe('500 server error', () => {
      it('never leaks internals', async () => {
        const t = await startTestServer({ backend });
        try {
          await t.backend.store.close();
          const res = await t.api('/teams');
          await expectError(res, 500, /^Something went wrong on the server/);
        } finally {
          await t.close().catch(() => {});
        }
      });
    });
  });
}
