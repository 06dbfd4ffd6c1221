// Helpers for the scale-out tests: the services they need, and `docket` processes run as
// subprocesses exactly as an operator would (`node --import tsx src/cli/index.ts ...`).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'src/cli/index.ts';

/**
 * Why these tests cannot run, or false. Without the services they skip with one clear line;
 * in CI (CI=true) a missing service is a failure instead.
 */
export function servicesMissing(): string | false {
  const missing = ['DOCKET_TEST_DATABASE_URL', 'DOCKET_TEST_REDIS_URL'].filter((v) => !process.env[v]);
  if (missing.length === 0) return false;
  const why = `PostgreSQL/Redis tests skipped: set ${missing.join(' and ')} (see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(`CI=true, but ${why.replace(' skipped', ' cannot run')}`);
  return why;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a docket command to completion. */
export function docket(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function docketJson(args: string[], env: NodeJS.ProcessEnv): Promise<any> {
  const r = await docket([...args, '--json'], env);
  if (r.code !== 0) throw new Error(`docket ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A long-running docket process (serve or worker) whose output is kept line by line. */
export class DocketProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];

  constructor(readonly name: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    this.child.stdout!.on('data', (d) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => {
          const m = line.match(w.re);
          if (m) w.resolve(m);
          return !m;
        });
      }
    });
    this.child.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the first stdout line (past or future) matching `re`. */
  waitFor(re: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    for (const l of this.lines) {
      const m = l.match(re);
      if (m) return Promise.resolve(m);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.name}: no line matching ${re} within ${timeoutMs} ms; stderr: ${this.stderr.join('').slice(-2000)}`)), timeoutMs);
      this.waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
      this.exited.then((code) => reject(new Error(`${this.name} exited (${code}) before printing ${re}; stderr: ${this.stderr.join('').slice(-2000)}`)));
    });
  }

  /** JSON log lines with this `msg`. */
  logs(msg: string): any[] {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((o) => o.msg === msg);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** `docket serve --no-workers` on an ephemeral port; resolves once it listens. */
export async function startApiNode(name: string, env: NodeJS.ProcessEnv): Promise<{ proc: DocketProcess; url: string }> {
  const proc = new DocketProcess(name, ['serve', '--no-workers', '--port', '0', '--host', '127.0.0.1'], env);
  const m = await proc.waitFor(/Docket is serving (http:\/\/localhost:\d+)/, 60_000);
  return { proc, url: m[1].replace('localhost', '127.0.0.1') };
}

export async function startWorker(name: string, env: NodeJS.ProcessEnv, concurrency: number): Promise<DocketProcess> {
  const proc = new DocketProcess(name, ['worker', '--concurrency', String(concurrency)], env);
  await proc.waitFor(/^Docket worker /, 60_000);
  return proc;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { freshRateWindow as awayFromWindowEdge } from '../support/server.js';
