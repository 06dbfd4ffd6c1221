// Nothing accepted is lost: a server killed at any point and restarted finishes every mission.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docket, spawnServer, storeEnv } from '../support/cli.js';
import { docPayload, CUAD_PDF, NDA_DOCX } from '../support/fixtures.js';

async function submit(url: string, key: string, teamId: string, file: string) {
  const res = await fetch(`${url}/api/external/v1/missions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ teamId, missionType: 'redline', document: docPayload(file) }),
  });
  assert.equal(res.status, 202);
  return ((await res.json()) as any).mission.id as string;
}

async function status(url: string, key: string, id: string) {
  const res = await fetch(`${url}/api/external/v1/missions/${id}`, { headers: { authorization: `Bearer ${key}` } });
  return ((await res.json()) as any).mission;
}

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kill and restart', () => {
  it('SIGKILL mid-mission: the restarted server finishes every accepted mission', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'docket-kill-'));
    const env = { ...(await storeEnv(dataDir)), DOCKET_JOB_LEASE_MS: '1500', DOCKET_WORKER_CONCURRENCY: '1' };
    try {
      const key = docket(['init', '--json'], env).json().key as string;
      // The tests poll quickly; the spec's 120 reads a minute are tested elsewhere.
      assert.equal(docket(['orgs', 'update', 'default', '--read-limit', '100000'], env).status, 0);
      const first = await spawnServer(env);
      const teams: any = await (await fetch(`${first.url}/api/external/v1/teams`, { headers: { authorization: `Bearer ${key}` } })).json();
      const teamId = teams.teams.find((t: any) => t.name === 'Commercial Contracts').id;
      const ids = [await submit(first.url, key, teamId, CUAD_PDF), await submit(first.url, key, teamId, NDA_DOCX), await submit(first.url, key, teamId, CUAD_PDF)];
      await until(async () => ((await status(first.url, key, ids[0])).status === 'active' ? true : undefined), 20_000, 'the first mission to start');
      first.proc.kill('SIGKILL');
      await new Promise((r) => first.proc.once('exit', r));

      const second = await spawnServer(env);
      try {
        for (const id of ids) {
          const m = await until(async () => {
            const s = await status(second.url, key, id);
            return s.status === 'completed' || s.status === 'failed' ? s : undefined;
          }, 60_000, `mission ${id}`);
          assert.equal(m.status, 'completed', m.failureReason ?? '');
          assert.equal(m.stage, 'done');
        }
      } finally {
        second.proc.kill('SIGTERM');
        await new Promise((r) => second.proc.once('exit', r));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('SIGTERM returns a running job to the queue and exits cleanly; the next start finishes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'docket-term-'));
    // A long lease: only an explicit hand-back (not lease expiry) lets the restart pick it up quickly.
    const env = { ...(await storeEnv(dataDir)), DOCKET_JOB_LEASE_MS: '600000', DOCKET_WORKER_CONCURRENCY: '1' };
    try {
      const key = docket(['init', '--json'], env).json().key as string;
      // The tests poll quickly; the spec's 120 reads a minute are tested elsewhere.
      assert.equal(docket(['orgs', 'update', 'default', '--read-limit', '100000'], env).status, 0);
      const first = await spawnServer(env);
      const teams: any = await (await fetch(`${first.url}/api/external/v1/teams`, { headers: { authorization: `Bearer ${key}` } })).json();
      const teamId = teams.teams[0].id;
      const id = await submit(first.url, key, teamId, CUAD_PDF);
      await until(async () => ((await status(first.url, key, id)).status === 'active' ? true : undefined), 20_000, 'the mission to start');
      const exited = new Promise<number | null>((r) => first.proc.once('exit', (code) => r(code)));
      first.proc.kill('SIGTERM');
      assert.equal(await exited, 0);

      const second = await spawnServer(env);
      try {
        const m = await until(async () => {
          const s = await status(second.url, key, id);
          return s.status === 'completed' || s.status === 'failed' ? s : undefined;
        }, 30_000, 'the mission to finish after restart');
        assert.equal(m.status, 'completed', m.failureReason ?? '');
      } finally {
        second.proc.kill('SIGTERM');
        await new Promise((r) => second.proc.once('exit', r));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
