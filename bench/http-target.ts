// A server for bench/http.ts to load, in its own process: `bare` (Fastify hello-world) or `docket`.
import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { createKey } from '../src/keys/api-key.js';
import { ALL_SCOPES } from '../src/store/index.js';
import { docPayloadFrom } from './lib/payload.js';

const kind = process.argv[2];
if (kind === 'bare') {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address() as { port: number };
  process.send!({ url: `http://127.0.0.1:${a.port}/` });
} else {
  const env = { ...process.env, DOCKET_DATA_DIR: process.env.DOCKET_DATA_DIR || mkdtempSync(join(tmpdir(), 'docket-bench-')) };
  const config = loadConfig(env, { port: 0, host: '127.0.0.1', logLevel: 'silent', workers: kind !== 'docket-noworkers' });
  const server = await startServer(config, { logger: false });
  const store = server.backend.store;
  const org = (await store.getOrg('default'))!;
  await store.updateOrg(org.id, { readLimit: 10_000_000, writeLimit: 10_000_000 });
  const key = (await createKey(store, org.id, 'bench', [...ALL_SCOPES], null)).key;
  const teams = await store.listTeams(org.id);
  const team = teams.find((t) => t.name === 'Commercial Contracts')!;
  const res = await fetch(`${server.url}/api/external/v1/missions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ teamId: team.id, missionType: 'analysis', document: docPayloadFrom('docx/commonpaper-mutual-nda.docx') }),
  });
  const { mission } = (await res.json()) as { mission: { id: string } };
  process.send!({ url: `${server.url}/api/external/v1/missions/${mission.id}`, key, teamId: team.id, base: server.url });
}
process.on('message', (m) => {
  if (m === 'rss') process.send!({ rss: process.memoryUsage().rss });
});
