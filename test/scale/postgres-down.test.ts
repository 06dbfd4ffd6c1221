// PostgreSQL going away: /readyz says so (503), API requests get a 500 with a plain sentence
// (no stack, no SQL), and a mission accepted before the outage still completes after it.
// The database sits behind a TCP proxy this test can cut and restore (the real server keeps running).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { startTestServer, waitForMission, type TestServer } from '../support/server.js';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';
import { servicesMissing, sleep } from './processes.js';

const skip = servicesMissing();

/** A cuttable TCP proxy to the test PostgreSQL. */
class Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Refuse new connections and drop the open ones: the database is "down". */
  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    await new Promise((r) => s?.close(r));
  }
}

describe('PostgreSQL unreachable', { skip, timeout: 120_000 }, () => {
  let proxy: Proxy;
  let db: { name: string; url: string };
  let s: TestServer;

  before(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxy = new Proxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    s = await startTestServer({ config: { databaseUrl: viaProxy.toString(), jobLeaseMs: 1500 } });
  });

  after(async () => {
    await s?.close().catch(() => {});
    await proxy?.cut().catch(() => {});
    if (db) await dropTestDatabase(db.name);
  });

  it('readyz says so, requests get a plain 500, and an accepted mission is not lost', async () => {
    assert.equal((await fetch(`${s.url}/readyz`)).status, 200);
    const teams = (await (await s.api('/teams')).json()) as any;
    const teamId = teams.teams.find((t: any) => t.missionTypes.includes('analysis')).id;
    const accepted = await s.api('/missions', { method: 'POST', json: { teamId, missionType: 'analysis', document: docPayload(NDA_DOCX) } });
    assert.equal(accepted.status, 202);
    const { mission } = (await accepted.json()) as any;

    await proxy.cut();

    const ready = await fetch(`${s.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { error: 'The PostgreSQL database is not reachable.' });

    for (const res of [
      await s.api(`/missions/${mission.id}`),
      await s.api('/missions', { method: 'POST', json: { teamId, missionType: 'analysis', document: docPayload(NDA_DOCX) } }),
    ]) {
      assert.equal(res.status, 500);
      const body = (await res.json()) as any;
      assert.deepEqual(Object.keys(body), ['error']);
      assert.match(body.error, /^The database is not reachable right now; nothing was changed\. Try again in a moment\.$/);
    }

    await sleep(2000); // longer than a lease: the worker's claim runs out while the database is away
    await proxy.open();

    const until = Date.now() + 15_000;
    while ((await fetch(`${s.url}/readyz`)).status !== 200) {
      assert.ok(Date.now() < until, 'readyz never recovered');
      await sleep(200);
    }
    const done = await waitForMission(s, mission.id, 60_000);
    assert.equal(done.mission.status, 'completed', JSON.stringify(done.mission));
    const list = (await (await s.api('/missions')).json()) as any;
    assert.equal(list.missions.length, 1, 'the request refused during the outage created nothing');
  });
});
