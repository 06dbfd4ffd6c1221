// What every CLI command shares: the store from the environment, output, and one-line failures.
import type { Command } from 'commander';
import { loadConfig, ConfigError } from '../config.js';
import { createBackend } from '../store/create.js';
import type { Backend, Org, Store } from '../store/index.js';
import { DomainError } from '../errors.js';
import { PackageError } from '../review/playbook/load.js';

export class CliError extends Error {}

export async function withBackend<T>(fn: (b: Backend) => Promise<T>): Promise<T> {
  const backend = await createBackend(loadConfig());
  try {
    return await fn(backend);
  } finally {
    await backend.store.close();
  }
}

export async function resolveOrg(store: Store, nameOrId: string | undefined): Promise<Org> {
  const want = nameOrId ?? 'default';
  const org = await store.getOrg(want);
  if (!org) throw new CliError(`No org named or with id "${want}"; see \`docket orgs list\`.`);
  return org;
}

/** Prints `data` as JSON with --json, else the human text. */
export function output(cmd: Command, data: unknown, human: () => string): void {
  const json = cmd.optsWithGlobals().json;
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : human() + '\n');
}

export function table(rows: Record<string, unknown>[], cols: string[]): string {
  if (rows.length === 0) return '(none)';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cols), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

export function parseOnOff(v: string): boolean {
  if (/^(on|true|yes|1)$/i.test(v)) return true;
  if (/^(off|false|no|0)$/i.test(v)) return false;
  throw new CliError(`"${v}" is not on or off.`);
}

export function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`"${v}" is not a whole number of at least 1.`);
  return n;
}

/** The one-line reason for a failure, and the exit. */
export function reportFailure(e: unknown): never {
  const known = e instanceof CliError || e instanceof DomainError || e instanceof ConfigError || e instanceof PackageError;
  const msg = known ? (e as Error).message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(`docket: ${msg}\n`);
  process.exit(1);
}
