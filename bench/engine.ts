// Review engine speed over the dev corpus: per-contract p50/p95 of a full analysis and of a
// redline, for PDF and DOCX input separately, plus the largest document with its time and
// peak memory (measured in a fresh child process). Prints; asserts nothing.
//
//   node --import tsx bench/engine.ts            # whole corpus
//   node --import tsx bench/engine.ts --write    # ... and update "## Review engine speed" in docs/benchmarks.md
//   node --import tsx bench/engine.ts --one FILE # one document in this process (used for peak memory)
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { runReview } from '../src/review/index.js';
import { parseDocument } from '../src/review/document/index.js';
import type { MissionType } from '../src/review/types.js';
import { corpusDir } from '../test/support/corpus.js';

async function timeOne(file: string, missionType: MissionType): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  const t = performance.now();
  await runReview({ bytes, filename: basename(file), mimeType: '', missionType });
  return performance.now() - t;
}

async function timeParse(file: string): Promise<{ ms: number; words: number; pages: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  const t = performance.now();
  const doc = await parseDocument(bytes);
  return { ms: performance.now() - t, words: doc.stats.words, pages: doc.stats.pages };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (x: number) => `${Math.round(x)} ms`;

if (process.argv[2] === '--one') {
  const file = process.argv[3];
  const before = process.resourceUsage().maxRSS * 1024;
  await timeOne(file, 'analysis'); // warm the modules
  const analysis = await timeOne(file, 'analysis');
  const redline = await timeOne(file, 'redline');
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ analysis, redline, peakRssBytes: peak, startRssBytes: before }));
  process.exit(0);
}

const pdfDir = join(corpusDir, 'cuad-dev', 'pdf');
const docxDir = join(corpusDir, 'docx');
const sets: Record<'PDF' | 'DOCX', string[]> = {
  PDF: readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(pdfDir, f)),
  DOCX: readdirSync(docxDir).filter((f) => f.endsWith('.docx') && !f.startsWith('broken-')).sort().map((f) => join(docxDir, f)),
};

// Warm-up: load pdf.js, the taxonomy and the packages once, as a running worker has.
await timeOne(sets.DOCX[0], 'redline');
await timeOne(sets.PDF[0], 'redline');

const rows: string[] = [];
let largest = { file: '', words: 0, pages: 0 };
const failures: string[] = [];
for (const [kind, files] of Object.entries(sets) as ['PDF' | 'DOCX', string[]][]) {
  const parse: number[] = [];
  const analysis: number[] = [];
  const redline: number[] = [];
  for (const f of files) {
    try {
      const p = await timeParse(f);
      if (p.words > largest.words) largest = { file: f, words: p.words, pages: p.pages };
      parse.push(p.ms);
      analysis.push(await timeOne(f, 'analysis'));
      redline.push(await timeOne(f, 'redline'));
    } catch (e) {
      failures.push(`${basename(f)}: ${(e as Error).message}`);
    }
  }
  rows.push(
    `| ${kind} | ${analysis.length} | ${ms(pct(analysis, 50))} | ${ms(pct(analysis, 95))} | ${ms(pct(redline, 50))} | ${ms(pct(redline, 95))} | ${ms(Math.max(...redline))} | ${ms(pct(parse, 50))} | ${(pct(analysis, 50) / pct(parse, 50)).toFixed(2)}x |`,
  );
}

const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', largest.file], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
let big = '';
if (child.status === 0) {
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { analysis: number; redline: number; peakRssBytes: number; startRssBytes: number };
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  big = `Largest document (most words): ${basename(largest.file)} (${(statSync(largest.file).size / 1048576).toFixed(1)} MB, ${largest.pages} pages, ${largest.words} words): analysis ${ms(r.analysis)}, redline ${ms(r.redline)}; peak RSS ${mb(r.peakRssBytes)} in a fresh process (${mb(r.startRssBytes)} of it Node, tsx and the engine's modules before the first review).`;
} else {
  big = `Largest document: ${basename(largest.file)}: child run failed: ${child.stderr.split('\n')[0]}`;
}

const lines = [
  `Command: \`node --import tsx bench/engine.ts --write\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs).`,
  '',
  'Per contract, after one warm-up run (a running worker has pdf.js, the clause taxonomy and the packages loaded): `analysis` = parse, clause detection, findings and the report DOCX; `redline` = the same plus the tracked-change DOCX (edited original for DOCX, rebuilt from the model for PDF). Corpus: the 40 `cuad-dev` PDFs and the `docx/` files except `broken-*`. Parse-only time is the baseline of the same run (the machine is noisy; compare the ratio).',
  '',
  '| input | contracts | analysis p50 | analysis p95 | redline p50 | redline p95 | redline max | parse-only p50 (baseline) | analysis / parse |',
  '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ...rows,
  '',
  big,
  ...(failures.length ? ['', `Failed: ${failures.join('; ')}`] : []),
  '',
  'Aim: p95 under 1 s per DOCX contract and under 2 s per PDF on this 2-core machine.',
];
console.log(lines.join('\n'));

if (process.argv.includes('--write')) {
  const path = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const heading = '## Review engine speed';
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const section = `${heading}\n\n${lines.join('\n')}\n`;
  const start = doc.indexOf(heading);
  let out: string;
  if (start < 0) out = `${doc.trimEnd()}\n\n${section}`;
  else {
    const next = doc.indexOf('\n## ', start + heading.length);
    out = doc.slice(0, start) + section + (next < 0 ? '' : `\n${doc.slice(next + 1)}`);
  }
  writeFileSync(path, out);
  console.log(`\nwrote ${heading} in docs/benchmarks.md`);
}
