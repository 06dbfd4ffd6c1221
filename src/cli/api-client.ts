// What the API-client commands (submit, missions watch) share: the SDK client from flags or
// environment, progress display, the findings table, downloads, and failures as one line.
import type { Command } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { extname, join, basename } from 'node:path';
import {
  Docket, AuthenticationError, ConnectionError, DocketError, PermissionError, ApiError, type Mission, type MissionWithResults,
} from '../client/index.js';
import { CliError, table } from './common.js';

export function addClientOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'Docket server (default: DOCKET_URL, else http://localhost:8080)')
    .option('--key <key>', 'API key (default: DOCKET_API_KEY)');
}

export function clientFrom(o: { url?: string; key?: string }): Docket {
  const apiKey = o.key ?? process.env.DOCKET_API_KEY;
  if (!apiKey) throw new CliError('No API key: pass --key or set DOCKET_API_KEY (create one with `npx docket keys create`).');
  const baseUrl = o.url ?? process.env.DOCKET_URL ?? 'http://localhost:8080';
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) throw new CliError(`"${baseUrl}" is not an http(s) URL; pass the server as --url http://host:port.`);
  return new Docket({ baseUrl, apiKey, logger: (line) => process.stderr.write(line + '\n') });
}

/** SDK errors as the one-line reason the CLI prints. */
export function explain(e: unknown, d?: Docket): unknown {
  if (e instanceof AuthenticationError) return new CliError(`The server refused the API key (401: ${e.error}); check --key or DOCKET_API_KEY.`);
  if (e instanceof PermissionError) return new CliError(`The API key may not do this (403: ${e.error})`);
  if (e instanceof ConnectionError) return new CliError(`${e.message} Is the server running, and is --url (or DOCKET_URL) right?`);
  if (e instanceof ApiError) return new CliError(`${e.error} (HTTP ${e.status}${e.requestId ? `, request ${e.requestId}` : ''})`);
  if (e instanceof DocketError) return new CliError(e.message);
  return e;
}

const fmtElapsed = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`);

/** Stage changes on stderr: one live line on a terminal, a plain line per change otherwise. */
export function progressReporter(): { onProgress: (m: Mission, i: { elapsedMs: number }) => void; stop(): void } {
  const err = process.stderr;
  const started = Date.now();
  let state = '';
  let timer: NodeJS.Timeout | undefined;
  if (err.isTTY) {
    const draw = () => err.write(`\r\x1b[K${state || 'submitted'} · ${fmtElapsed(Date.now() - started)}`);
    timer = setInterval(draw, 200);
    return {
      onProgress: (m) => {
        state = `${m.status} · ${m.stage}`;
        draw();
      },
      stop: () => {
        clearInterval(timer);
        err.write(`\r\x1b[K${state} · ${fmtElapsed(Date.now() - started)}\n`);
      },
    };
  }
  return {
    onProgress: (m, { elapsedMs }) => err.write(`[${fmtElapsed(elapsedMs).padStart(6)}] ${m.status} · ${m.stage}\n`),
    stop: () => {},
  };
}

export function summaryText(r: MissionWithResults): string {
  const m = r.mission;
  const lines = [`${m.name} (${m.id})`, `status ${m.status}${m.externalRef ? ` · externalRef ${m.externalRef}` : ''}`];
  if (m.failureReason) lines.push(`failed: ${m.failureReason}`);
  const res = r.results;
  if (res) {
    lines.push(`risk ${res.riskLevel ?? 'n/a'} · ${res.findingsCount} finding${res.findingsCount === 1 ? '' : 's'}`);
    if (res.summary) lines.push('', res.summary);
    if (res.findings.length) {
      const clip = (s: string | undefined | null, n: number) => (!s ? '' : s.length > n ? s.slice(0, n - 1) + '…' : s);
      lines.push('', table(res.findings.map((f) => ({
        severity: f.severity,
        finding: clip(f.title, 60),
        where: clip(f.location?.section ?? f.location?.heading ?? (f.location?.page ? `p. ${f.location.page}` : ''), 30),
        recommendation: clip(f.recommendation, 70),
      })), ['severity', 'finding', 'where', 'recommendation']));
    }
  }
  return lines.join('\n');
}

export interface SavedFile {
  path: string;
  filename: string;
  kind: string;
  mimeType: string;
  size: number;
}

/** Downloads every result document into `dir`, never overwriting a file already there. */
export async function downloadAll(d: Docket, r: MissionWithResults, dir: string): Promise<SavedFile[]> {
  const docs = r.results?.documents ?? [];
  if (docs.length) mkdirSync(dir, { recursive: true });
  const saved: SavedFile[] = [];
  for (const ref of docs) {
    const file = await d.missions.downloadDocument(r.mission.id, ref);
    const name = basename(file.filename.replace(/\\/g, '/')) || `${ref.kind}${extname(ref.filename)}`;
    let path = join(dir, name);
    for (let i = 1; existsSync(path); i++) path = join(dir, `${basename(name, extname(name))} (${i})${extname(name)}`);
    writeFileSync(path, file.bytes);
    saved.push({ path, filename: file.filename, kind: ref.kind, mimeType: file.mimeType, size: file.bytes.byteLength });
  }
  return saved;
}

/** Prints the end of a waited-for mission; a failed mission is an error exit. */
export function finish(cmd: Command, r: MissionWithResults, files: SavedFile[]): void {
  const json = cmd.optsWithGlobals().json;
  if (json) process.stdout.write(JSON.stringify({ ...r, files }, null, 2) + '\n');
  else {
    process.stdout.write(summaryText(r) + '\n');
    if (files.length) process.stdout.write('\n' + files.map((f) => `saved ${f.path} (${f.kind}, ${f.size} bytes)`).join('\n') + '\n');
  }
  if (r.mission.status === 'failed') throw new CliError(`Mission ${r.mission.id} failed: ${r.mission.failureReason ?? 'no reason given'}`);
}
