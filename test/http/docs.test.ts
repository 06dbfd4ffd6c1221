// The OpenAPI document comes from the route schemas; /docs reads it; health endpoints for operators.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { currentBackend, startTestServer, type TestServer } from '../support/server.js';

describe('docs and health', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  it('serves an OpenAPI 3.1 document of every endpoint without a key', async () => {
    const res = await s.api('/openapi.json', { key: null });
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('x-ratelimit-limit'));
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/missions', '/missions/{id}', '/missions/{id}/documents/{documentId}', '/position-packages', '/teams']) {
      assert.ok(doc.paths[`/api/external/v1${p}`], `${p} is documented`);
    }
    const post = doc.paths['/api/external/v1/missions'].post;
    const body = post.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required.sort(), ['document', 'missionType', 'teamId']);
    assert.equal(body.properties.teamId.format, 'uuid');
    assert.ok(post.responses['202'] && post.responses['422'] && post.responses['409']);
    // The results shape is part of the document (as a shared component).
    const all = JSON.stringify(doc);
    for (const field of ['riskLevel', 'findingsCount', 'findings', 'clauses', 'documents', 'recommendation']) assert.ok(all.includes(`"${field}"`), field);
  });

  it('renders a readable reference page at /docs', async () => {
    const res = await fetch(s.url + '/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    const html = await res.text();
    assert.match(html, /POST<\/span> <code>\/api\/external\/v1\/missions<\/code>/);
    assert.match(html, /X-RateLimit-Remaining/);
    assert.doesNotMatch(html, /<script/);
  });

  it('healthz and readyz', async () => {
    assert.deepEqual(await (await fetch(s.url + '/healthz')).json(), { status: 'ok' });
    const ready = await fetch(s.url + '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', store: currentBackend() });
  });
});
