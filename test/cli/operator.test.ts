// The operator's CLI as a subprocess, on the same store as a running server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docket, spawnServer, storeEnv } from '../support/cli.js';

describe('docket CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'docket-cli-'));
  let env: Record<string, string>;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let adminKey: string;

  before(async () => {
    env = await storeEnv(dataDir);
    const init = docket(['init', '--json'], env);
    assert.equal(init.status, 0, init.stderr);
    const body = init.json();
    assert.equal(body.org.name, 'default');
    assert.match(body.key, /^dk_live_[A-Za-z0-9_-]{43}$/);
    adminKey = body.key;
    server = await spawnServer(env);
  });
  after(() => {
    server?.proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, key: string) => fetch(`${server.url}/api/external/v1${path}`, { headers: { authorization: `Bearer ${key}` } });

  it('init again changes nothing and prints no key', () => {
    const again = docket(['init', '--json'], env);
    assert.equal(again.status, 0);
    assert.equal(again.json().key, null);
    const human = docket(['init'], env);
    assert.match(human.stdout, /already initialised/);
    assert.doesNotMatch(human.stdout, /dk_live_/);
  });

  it('--help on every command', () => {
    for (const args of [[], ['orgs'], ['orgs', 'create'], ['keys', 'create'], ['keys', 'rotate'], ['teams', 'update'], ['missions', 'list'], ['packages', 'import'], ['serve'], ['init']]) {
      const r = docket([...args, '--help'], env);
      assert.equal(r.status, 0, `${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage: docket/);
    }
  });

  it('orgs create/list/update, by name or id', () => {
    const created = docket(['orgs', 'create', 'acme', '--json'], env);
    assert.equal(created.status, 0, created.stderr);
    const org = created.json();
    assert.equal(org.name, 'acme');
    assert.match(org.id, /^[0-9a-f-]{36}$/);
    assert.equal(org.dedupeExternalRef, false);
    const dup = docket(['orgs', 'create', 'acme'], env);
    assert.equal(dup.status, 1);
    assert.equal(dup.stderr, 'docket: An org named "acme" already exists.\n');
    const upd = docket(['orgs', 'update', org.id, '--dedupe-external-ref', 'on', '--write-limit', '45', '--json'], env);
    assert.equal(upd.status, 0, upd.stderr);
    assert.equal(upd.json().dedupeExternalRef, true);
    assert.equal(upd.json().writeLimit, 45);
    const list = docket(['orgs', 'list', '--json'], env).json();
    assert.deepEqual(list.map((o: any) => o.name).sort(), ['acme', 'default']);
    const bad = docket(['orgs', 'update', 'acme', '--dedupe-external-ref', 'maybe'], env);
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'docket: "maybe" is not on or off.\n');
  });

  it('keys created, rotated and revoked take effect on the running server at once', async () => {
    const created = docket(['keys', 'create', '--org', 'acme', '--name', 'ticketing', '--scopes', 'teams:read,missions:read', '--json'], env);
    assert.equal(created.status, 0, created.stderr);
    const k = created.json();
    assert.deepEqual(Object.keys(k).sort(), ['expiresAt', 'id', 'key', 'name', 'scopes']);
    assert.deepEqual(k.scopes, ['teams:read', 'missions:read']);
    assert.equal((await get('/teams', k.key)).status, 200);
    assert.equal((await get('/position-packages', k.key)).status, 403);

    const listed = docket(['keys', 'list', '--org', 'acme', '--json'], env).json();
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(k.key));

    const rotated = docket(['keys', 'rotate', k.id, '--json'], env);
    assert.equal(rotated.status, 0, rotated.stderr);
    const r = rotated.json();
    assert.notEqual(r.key, k.key);
    assert.deepEqual(r.scopes, k.scopes);
    assert.equal((await get('/teams', k.key)).status, 401);
    assert.equal((await get('/teams', r.key)).status, 200);

    const revoked = docket(['keys', 'revoke', r.id], env);
    assert.equal(revoked.status, 0);
    assert.equal((await get('/teams', r.key)).status, 401);
    const again = docket(['keys', 'revoke', r.id], env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /^docket: No active key with id /);
  });

  it('keys expire', async () => {
    const k = docket(['keys', 'create', '--name', 'short', '--expires-in', '2s', '--json'], env).json();
    assert.ok(Date.parse(k.expiresAt) - Date.now() <= 2000);
    assert.equal((await get('/teams', k.key)).status, 200);
    await new Promise((r) => setTimeout(r, 2100));
    assert.equal((await get('/teams', k.key)).status, 401);
    const bad = docket(['keys', 'create', '--name', 'x', '--expires-in', 'soon'], env);
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'docket: "soon" is not a duration; write it like 90s, 15m, 12h, 30d or 2w.\n');
    const badScope = docket(['keys', 'create', '--name', 'x', '--scopes', 'admin'], env);
    assert.equal(badScope.status, 1);
    assert.match(badScope.stderr, /^docket: Unknown scope "admin"/);
  });

  it('teams create/list/update', async () => {
    const created = docket(['teams', 'create', '--org', 'acme', '--name', 'Procurement', '--mission-types', 'analysis,redline', '--default-package', 'mutual-nda', '--json'], env);
    assert.equal(created.status, 0, created.stderr);
    const t = created.json();
    assert.deepEqual(t.missionTypes, ['analysis', 'redline']);
    const upd = docket(['teams', 'update', 'Procurement', '--org', 'acme', '--mission-types', 'analysis', '--json'], env);
    assert.equal(upd.status, 0, upd.stderr);
    assert.deepEqual(upd.json().missionTypes, ['analysis']);
    const names = docket(['teams', 'list', '--org', 'acme', '--json'], env).json().map((x: any) => x.name);
    assert.ok(names.includes('Procurement'));
    const bad = docket(['teams', 'create', '--name', 'X', '--mission-types', 'review'], env);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^docket: Unknown mission type "review"/);
  });

  it('packages import validates with line numbers and lists the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-pkg-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: my-nda\nversion: 1\nname: My NDA\n');
    const r = docket(['packages', 'import', bad, '--org', 'acme'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^docket: bad\.yaml is not a valid position package:/);
    const missing = docket(['packages', 'import', join(dir, 'nope.yaml')], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^docket: Cannot read /);
    rmSync(dir, { recursive: true, force: true });
  });

  it('missions list/get and a clear failure for an unknown org', () => {
    const list = docket(['missions', 'list', '--json'], env);
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.json(), { missions: [], nextCursor: null });
    const unknown = docket(['missions', 'list', '--org', 'nobody'], env);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, 'docket: No org named or with id "nobody"; see `docket orgs list`.\n');
  });

  it('a first `serve` on an empty store prints the key once with a curl example', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'docket-fresh-'));
    const srv = await spawnServer(await storeEnv(fresh));
    try {
      const m = /\n  (dk_live_[A-Za-z0-9_-]{43})\n/.exec(srv.output());
      assert.ok(m, srv.output());
      assert.match(srv.output(), /curl -H "Authorization: Bearer dk_live_[^"]+" http:\/\/localhost:\d+\/api\/external\/v1\/teams/);
      assert.equal((await fetch(`${srv.url}/api/external/v1/teams`, { headers: { authorization: `Bearer ${m[1]}` } })).status, 200);
    } finally {
      srv.proc.kill('SIGTERM');
      await new Promise((r) => srv.proc.once('exit', r));
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
