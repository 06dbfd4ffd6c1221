// `docket submit` and `docket missions watch` as a user runs them: subprocesses against a real
// server, checking exit codes, messages and the files they download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../support/server.js';
import { corpusPath } from '../support/corpus.js';
import { NDA_DOCX, CUAD_PDF } from '../support/fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let s: TestServer;
let work: string;

before(async () => {
  s = await startTestServer();
  work = mkdtempSync(join(tmpdir(), 'docket-cli-'));
});
after(async () => {
  await s.close();
  rmSync(work, { recursive: true, force: true });
});

function docket(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: root,
      env: { ...process.env, DOCKET_URL: s.url, DOCKET_API_KEY: s.key, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A blank one-page PDF: accepted at the door, fails in the review (no text layer). */
function blankPdf(): string {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'];
  let out = '%PDF-1.4\n';
  const offs: number[] = [];
  objs.forEach((o, i) => { offs.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const x = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${x}\n%%EOF\n`;
  const path = join(work, 'blank.pdf');
  writeFileSync(path, out);
  return path;
}

function assertDocx(path: string): void {
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], `${path} is not a zip`);
  const entries = unzipSync(new Uint8Array(bytes));
  assert.ok(entries['word/document.xml'], `${path} has no word/document.xml`);
  assert.ok(entries['[Content_Types].xml']);
}

test('submit --wait --json: progress on stderr, the mission and its results on stdout, the redline and report saved as valid DOCX', async () => {
  const out = join(work, 'out-json');
  const r = await docket(['submit', corpusPath(CUAD_PDF), '--type', 'redline', '--team', 'commercial contracts', '--counterparty', 'Acme Corp',
    '--agreement-type', 'License', '--wait', '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.equal(body.mission.status, 'completed');
  assert.equal(body.mission.context.counterparty, 'Acme Corp');
  assert.equal(body.results.findingsCount, body.results.findings.length);
  assert.ok(body.results.findingsCount > 0);
  const kinds = body.files.map((f: { kind: string }) => f.kind).sort();
  assert.deepEqual(kinds, ['redline', 'report']);
  assert.deepEqual(readdirSync(out).sort(), body.files.map((f: { filename: string }) => f.filename).sort());
  for (const f of body.files) {
    assert.equal(readFileSync(f.path).byteLength, f.size);
    assertDocx(f.path);
  }
  const redline = unzipSync(new Uint8Array(readFileSync(body.files.find((f: { kind: string }) => f.kind === 'redline').path)));
  assert.match(new TextDecoder().decode(redline['word/document.xml']), /<w:(ins|del)\b/, 'the redline carries tracked changes');
  assert.match(r.stderr, /completed · done/);
});

test('submit --wait (people): plain progress lines off a terminal, the summary, a findings table, and where the files went', async () => {
  const out = join(work, 'out-human');
  const r = await docket(['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'NDA Desk', '--package', 'mutual-nda', '--wait', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^submitted .+ \([0-9a-f-]{36}\)$/m);
  assert.match(r.stderr, /^\[ *\d+\.\ds\] active · \w+$/m);
  assert.doesNotMatch(r.stderr, /\r|\x1b\[/, 'no terminal control codes when stderr is not a TTY');
  assert.match(r.stdout, /status completed/);
  assert.match(r.stdout, /risk \w+ · \d+ findings?/);
  assert.match(r.stdout, /^saved .+-redline\.docx \(redline, \d+ bytes\)$/m);
  for (const f of readdirSync(out)) assertDocx(join(out, f));
});

test('submit without --wait, then missions watch <id> follows it to the end; --external-ref makes a re-run return the first mission', async () => {
  const ref = `cli-${Date.now()}`;
  const first = await docket(['submit', corpusPath(NDA_DOCX), '--type', 'analysis', '--team', 'NDA Desk', '--external-ref', ref, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout);
  assert.equal(a.created, true);
  const again = await docket(['submit', corpusPath(NDA_DOCX), '--type', 'analysis', '--team', 'NDA Desk', '--external-ref', ref, '--json']);
  assert.equal(JSON.parse(again.stdout).created, false);
  assert.equal(JSON.parse(again.stdout).mission.id, a.mission.id);

  const w = await docket(['missions', 'watch', a.mission.id, '--json']);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(JSON.parse(w.stdout).mission.status, 'completed');
  const human = await docket(['missions', 'watch', a.mission.id]);
  assert.match(human.stdout, /status completed/);
});

test('each failure: a clear one-line message and a non-zero exit', async () => {
  const png = join(work, 'photo.docx');
  writeFileSync(png, readFileSync(corpusPath('docx/broken-not-a-docx.docx')));
  const readOnly = await s.newKey(['missions:read', 'teams:read']);
  const gone = `http://127.0.0.1:${await closedPort()}`;
  const cases: [string[], Record<string, string | undefined>, RegExp][] = [
    [['submit', join(work, 'nope.docx'), '--type', 'redline', '--team', 'NDA Desk'], {}, /^docket: File not found: .*nope\.docx$/m],
    [['submit', png, '--type', 'redline', '--team', 'NDA Desk'], {}, /is not a DOCX or PDF file \(judged by its contents/],
    [['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'NDA Desk'], { DOCKET_API_KEY: 'dk_live_' + 'z'.repeat(43) }, /The server refused the API key \(401/],
    [['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'NDA Desk'], { DOCKET_API_KEY: readOnly }, /may not do this \(403: .*missions:write/],
    [['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'NDA Desk'], { DOCKET_URL: gone }, /Could not reach the Docket server at http:\/\/127\.0\.0\.1:\d+ .*Is the server running/],
    [['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'No Such Team'], {}, /No team named "No Such Team"; teams: /],
    [['submit', corpusPath(NDA_DOCX), '--type', 'poem', '--team', 'NDA Desk'], {}, /--type must be one of redline/],
    [['submit', corpusPath(NDA_DOCX), '--type', 'redline', '--team', 'NDA Desk'], { DOCKET_API_KEY: undefined }, /No API key: pass --key or set DOCKET_API_KEY/],
    [['submit', blankPdf(), '--type', 'analysis', '--team', 'NDA Desk', '--wait', '--out', join(work, 'failed')], {}, /^docket: Mission [0-9a-f-]{36} failed: The PDF has no text layer/m],
    [['missions', 'watch', '3b241101-e2bb-4255-8caf-4136c566a962'], {}, /No mission with id 3b241101-e2bb-4255-8caf-4136c566a962\. \(HTTP 404/],
  ];
  const bad = 'dk_live_' + 'z'.repeat(43);
  await Promise.all(cases.map(async ([args, env, re]) => {
    const r = await docket(args, env);
    assert.notEqual(r.code, 0, `${args.join(' ')} exited 0`);
    assert.match(r.stderr, re, `${args.join(' ')}\n${r.stderr}`);
    assert.ok(!r.stderr.includes(bad) && !r.stdout.includes(bad) && !r.stderr.includes(readOnly), 'the key was printed');
  }));
});

async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}
