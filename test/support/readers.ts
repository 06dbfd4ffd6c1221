// Independent readers for redline tests: pandoc and LibreOffice, skipped with one line when absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function has(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/** Why a reader is unavailable (the test skips with this line), or undefined. In CI nothing may skip. */
function missing(cmd: string, why: string): string | undefined {
  if (has(cmd)) return undefined;
  if (process.env.CI === 'true') throw new Error(`${why} (CI must install it: see .ci/run)`);
  return why;
}

export const PANDOC_MISSING = missing('pandoc', 'pandoc not installed: apt-get install pandoc');
export const SOFFICE_MISSING = missing('soffice', 'LibreOffice not installed: apt-get install libreoffice-writer-nogui');

/** A scratch directory removed by the returned cleanup. */
export function scratch(): { dir: string; file: (name: string, bytes: Uint8Array) => string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'docket-docx-'));
  return {
    dir,
    file: (name, bytes) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * pandoc's plain text of a .docx with tracked changes accepted or rejected, normalized for
 * comparison: list markers dropped (pandoc renumbers lists and keeps an empty item for a
 * merged paragraph), whitespace collapsed.
 */
export function pandocText(path: string, mode: 'accept' | 'reject'): string {
  const out = execFileSync('pandoc', [`--track-changes=${mode}`, '-t', 'plain', '--wrap=none', path], { maxBuffer: 64 * 1024 * 1024 }).toString();
  return normalize(out.split('\n').map((l) => l.replace(/^\s*(?:[-*•]|\(?[0-9a-zA-Z]{1,4}[.)])(?=\s|$)/, '')).join(' '));
}

export function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Convert with LibreOffice (own throw-away profile, so parallel runs don't collide); returns the output text. */
export function sofficeConvert(path: string, outDir: string, to = 'txt:Text'): { status: number | null; stderr: string; output?: string } {
  const profile = mkdtempSync(join(tmpdir(), 'docket-lo-'));
  try {
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, path],
      { timeout: 120_000, encoding: 'utf8' },
    );
    const produced = readdirSync(outDir).find((n) => n !== path.split('/').pop() && n.startsWith(path.split('/').pop()!.replace(/\.docx$/, '.')));
    return { status: r.status, stderr: r.stderr ?? '', output: produced ? join(outDir, produced) : undefined };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
