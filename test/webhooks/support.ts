// Shared pieces of the callback tests: submitting with a callbackUrl, waiting on the callback
// state, the CLI as a subprocess, and an independent Standard Webhooks verifier.
import { storeEnv } from '../support/cli.js';
import { createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../support/server.js';
import { docPayload, NDA_DOCX } from '../support/fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function ndaTeam(s: TestServer): Promise<string> {
  const body = (await (await s.api('/teams')).json()) as { teams: { id: string; name: string }[] };
  return body.teams.find((t) => t.name === 'NDA Desk')!.id;
}

export async function submit(s: TestServer, callbackUrl: string, doc = NDA_DOCX): Promise<{ status: number; body: any }> {
  const r = await s.api('/missions', { method: 'POST', json: { teamId: await ndaTeam(s), missionType: 'analysis', document: docPayload(doc), callbackUrl } });
  return { status: r.status, body: await r.json() };
}

/** Polls GET /missions/{id} until the callback is in one of `states`. */
export async function waitForCallback(s: TestServer, id: string, states: string[], timeoutMs = 30_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await s.api(`/missions/${id}`)).json()) as any;
    if (body.mission?.callback && states.includes(body.mission.callback.state) && body.mission.callback.webhookId) return body;
    if (Date.now() > until) throw new Error(`callback of ${id} still ${JSON.stringify(body.mission?.callback)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `docket <args>` against the server's store, as the operator would. */
export async function cli(s: TestServer, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...(await storeEnv(s.dataDir)) };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: root, env }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Standard Webhooks, written out from the spec (not Docket's own code): which secrets signed this? */
export function signedBy(secrets: string[], headers: Record<string, string | string[] | undefined>, body: string): string[] {
  const id = String(headers['webhook-id']);
  const ts = String(headers['webhook-timestamp']);
  const given = String(headers['webhook-signature']).split(' ').map((p) => p.split(','));
  return secrets.filter((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const mac = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
    return given.some(([v, sig]) => v === 'v1' && sig === mac);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
