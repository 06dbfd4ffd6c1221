// Runs the docket CLI as a subprocess (from source, through tsx), as an operator would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { currentBackend, postgresEnv } from './server.js';

/**
 * The environment a CLI subprocess needs for a store under `dataDir`: on the PostgreSQL run also
 * DATABASE_URL (the same database for the same dataDir) and REDIS_URL.
 */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = { DOCKET_DATA_DIR: dataDir };
  if (currentBackend() === 'postgres') Object.assign(env, (await postgresEnv(dataDir)).env);
  return env;
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const entry = ['--import', 'tsx', 'src/cli/index.ts'];

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export function docket(args: string[], env: Record<string, string | undefined>): CliResult {
  const r = spawnSync(process.execPath, [...entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json() {
      return JSON.parse(r.stdout);
    },
  };
}

/** Starts `docket serve` and resolves with its URL once it listens. */
export async function spawnServer(env: Record<string, string>, args: string[] = []): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(process.execPath, [...entry, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /Docket is serving (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { proc, url, output: () => out };
}
