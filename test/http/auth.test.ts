// Keys and scopes: every route's scope, write implies read, expiry, revocation and rotation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, testBackends, type TestServer } from '../support/server.js';
import { generateKey, rotateKey, hashKey } from '../../src/keys/api-key.js';
import type { Scope } from '../../src/store/index.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';

for (const backend of testBackends()) {
  describe(`keys and scopes (${backend})`, () => {
    let s: TestServer;
    let teamId: string;
    let missionId: string;

    before(async () => {
      s = await startTestServer({ backend });
      teamId = (await (await s.api('/teams')).json()).teams[0].id;
      const r = await s.api('/missions', { method: 'POST', json: { teamId, missionType: 'analysis', document: docPayload(NDA_DOCX) } });
      missionId = (await r.json()).mission.id;
    });
    after(() => s.close());

    const routes: { name: string; scope: Scope; call: (key: string) => Promise<Response> }[] = [
      { name: 'GET /teams', scope: 'teams:read', call: (key) => s.api('/teams', { key }) },
      { name: 'GET /position-packages', scope: 'position-packages:read', call: (key) => s.api('/position-packages', { key }) },
      { name: 'GET /missions', scope: 'missions:read', call: (key) => s.api('/missions', { key }) },
      { name: 'GET /missions/{id}', scope: 'missions:read', call: (key) => s.api(`/missions/${missionId}`, { key }) },
      {
        name: 'POST /missions',
        scope: 'missions:write',
        call: (key) => s.api('/missions', { key, method: 'POST', json: { teamId, missionType: 'analysis', document: docPayload(NDA_DOCX) } }),
      },
    ];
    const allScopes: Scope[] = ['missions:write', 'missions:read', 'teams:read', 'position-packages:read'];

    for (const route of routes) {
      it(`${route.name} needs ${route.scope}`, async () => {
        const ok = await route.call(await s.newKey([route.scope]));
        assert.ok(ok.status === 200 || ok.status === 202, `with the scope: ${ok.status}`);
        for (const other of allScopes.filter((x) => x !== route.scope && !(route.scope === 'missions:read' && x === 'missions:write'))) {
          const res = await route.call(await s.newKey([other]));
          assert.equal(res.status, 403, `${route.name} with ${other}`);
          assert.deepEqual(await res.json(), {
            error: `This API key lacks the ${route.scope} scope; ask the operator for a key with it (npx docket keys create --scopes ${route.scope}).`,
          });
        }
      });
    }

    it('missions:write implies missions:read', async () => {
      const key = await s.newKey(['missions:write']);
      assert.equal((await s.api(`/missions/${missionId}`, { key })).status, 200);
      assert.equal((await s.api('/missions', { key })).status, 200);
      assert.equal((await s.api('/teams', { key })).status, 403);
    });

    it('an expired key gets 401 exactly like an unknown one', async () => {
      const key = await s.newKey(undefined, { expiresInMs: 300 });
      assert.equal((await s.api('/teams', { key })).status, 200);
      await new Promise((r) => setTimeout(r, 400));
      const res = await s.api('/teams', { key });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'Missing or invalid API key' });
    });

    it('a revoked key gets 401 at once', async () => {
      const key = await s.newKey();
      assert.equal((await s.api('/teams', { key })).status, 200);
      const rec = await s.backend.store.findKeyByHash(hashKey(key));
      assert.ok(await s.backend.store.revokeKey(rec!.id, new Date().toISOString()));
      const res = await s.api('/teams', { key });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'Missing or invalid API key' });
    });

    it('rotation revokes the old key at once and the new one works', async () => {
      const key = await s.newKey(['teams:read']);
      const rec = await s.backend.store.findKeyByHash(hashKey(key));
      const issued = await rotateKey(s.backend.store, rec!.id);
      assert.match(issued.key, /^dk_live_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(issued.record.scopes, ['teams:read']);
      assert.equal((await s.api('/teams', { key })).status, 401);
      assert.equal((await s.api('/teams', { key: issued.key })).status, 200);
    });

    it('keys carry 256 bits after dk_live_ and are stored only as a hash', async () => {
      const key = await s.newKey();
      assert.equal(Buffer.from(key.slice('dk_live_'.length), 'base64url').length, 32);
      const rec = await s.backend.store.findKeyByHash(hashKey(key));
      assert.ok(rec);
      assert.ok(!JSON.stringify(rec).includes(key.slice(8)));
    });

    it('a key and its org come back from one lookup, alike to reading them apart', async () => {
      const { orgId, key } = await s.newOrg('joined-lookup', { dedupeExternalRef: true, readLimit: 7, writeLimit: 3 });
      const store = s.backend.store;
      const found = await store.findKeyWithOrg(hashKey(key));
      assert.ok(found);
      assert.deepEqual(found, { key: await store.findKeyByHash(hashKey(key)), org: await store.getOrg(orgId) });
      assert.deepEqual([found.org.name, found.org.dedupeExternalRef, found.org.readLimit, found.org.writeLimit], ['joined-lookup', true, 7, 3]);
      assert.equal(found.key.orgId, orgId);
      assert.equal(await store.findKeyWithOrg(hashKey(generateKey())), null);
    });

    it('a key with a trailing garbage or lower-cased scheme', async () => {
      assert.equal((await s.api('/teams', { key: null, headers: { authorization: `bearer ${s.key}` } })).status, 200);
      assert.equal((await s.api('/teams', { key: null, headers: { authorization: `Bearer ${s.key}x` } })).status, 401);
      assert.equal((await s.api('/teams', { key: null, headers: { authorization: `Bearer ${s.key} extra` } })).status, 401);
    });
  });
}
