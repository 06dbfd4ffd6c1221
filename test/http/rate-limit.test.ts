// Fixed-window limits per key (reads and writes apart), per address without a valid key,
// configurable per org, and the X-RateLimit-* headers on every response.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshRateWindow, startTestServer, testBackends, type TestServer } from '../support/server.js';

function assertHeaders(res: Response, limit: number) {
  assert.equal(res.headers.get('x-ratelimit-limit'), String(limit), `X-RateLimit-Limit on ${res.status}`);
  const remaining = Number(res.headers.get('x-ratelimit-remaining'));
  assert.ok(Number.isInteger(remaining) && remaining >= 0 && remaining < limit);
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  const now = Date.now() / 1000;
  assert.ok(reset > now && reset <= now + 61, `X-RateLimit-Reset ${reset} is a Unix time within the minute`);
}

for (const backend of testBackends()) {
  describe(`rate limits (${backend})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer({ backend, config: { anonymousLimit: 5 } });
    });
    after(() => s.close());

    it('the spec defaults: 120 reads and 30 writes a minute per key', async () => {
      await freshRateWindow();
      const org = await s.newOrg(`defaults-${randomUUID().slice(0, 8)}`);
      assertHeaders(await s.api('/teams', { key: org.key }), 120);
      const w = await s.api('/missions', { key: org.key, method: 'POST', json: {} });
      assert.equal(w.status, 400);
      assertHeaders(w, 30);
    });

    it('headers on every response: 200, 400, 403, 404 and 429', async () => {
      await freshRateWindow();
      const org = await s.newOrg(`hdr-${randomUUID().slice(0, 8)}`, { readLimit: 4 });
      assertHeaders(await s.api('/teams', { key: org.key }), 4);
      assertHeaders(await s.api('/missions/not-a-uuid', { key: org.key }), 4);
      assertHeaders(await s.api(`/missions/${randomUUID()}`, { key: org.key }), 4);
      const r429 = await s.api('/teams', { key: org.key });
      assert.equal(r429.status, 200);
      const over = await s.api('/teams', { key: org.key });
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('x-ratelimit-limit'), '4');
      assert.equal(over.headers.get('x-ratelimit-remaining'), '0');
      assert.ok(Number(over.headers.get('retry-after')) >= 1);
    });

    it('reads and writes are counted apart', async () => {
      await freshRateWindow();
      const org = await s.newOrg(`rw-${randomUUID().slice(0, 8)}`, { readLimit: 2, writeLimit: 2 });
      assert.equal((await s.api('/teams', { key: org.key })).status, 200);
      assert.equal((await s.api('/teams', { key: org.key })).status, 200);
      assert.equal((await s.api('/teams', { key: org.key })).status, 429);
      const w = await s.api('/missions', { key: org.key, method: 'POST', json: {} });
      assert.equal(w.status, 400, 'writes still have their own window');
      assert.equal(w.headers.get('x-ratelimit-remaining'), '1');
    });

    it('each key has its own counters', async () => {
      await freshRateWindow();
      const org = await s.newOrg(`keys-${randomUUID().slice(0, 8)}`, { readLimit: 1 });
      const second = await s.newKey(undefined, { org: (await s.backend.store.getOrg(org.orgId))!.name });
      assert.equal((await s.api('/teams', { key: org.key })).status, 200);
      assert.equal((await s.api('/teams', { key: org.key })).status, 429);
      assert.equal((await s.api('/teams', { key: second })).status, 200);
    });

    it('limits are configurable per org and apply at once', async () => {
      await freshRateWindow();
      const org = await s.newOrg(`conf-${randomUUID().slice(0, 8)}`);
      await s.backend.store.updateOrg(org.orgId, { readLimit: 7 });
      assertHeaders(await s.api('/teams', { key: org.key }), 7);
    });

    it('requests without a valid key are limited per client address', async () => {
      await freshRateWindow();
      // anonymousLimit is 5 for this server: guessing keys is slow.
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await s.api('/teams', { key: 'dk_live_' + randomUUID().replace(/-/g, '').padEnd(43, 'x') });
        statuses.push(res.status);
        assert.equal(res.headers.get('x-ratelimit-limit'), '5');
        if (res.status === 429) {
          assert.ok(Number(res.headers.get('retry-after')) >= 1);
          assert.match((await res.json()).error, /^Too many requests without a valid API key from this address; retry after \d+ seconds\.$/);
        }
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
      // A valid key is not held back by its address's failures.
      assert.equal((await s.api('/teams')).status, 200);
    });
  });
}
