// Document reading speed: per-file parse time p50/p95 over the cuad-dev PDFs and the DOCX corpus,
// the PDF reader's cost relative to bare pdf.js text extraction in the same run, and a 2,000-page
// PDF's time and peak memory (measured in a child process so its peak RSS is its own).
//
//   node --import tsx bench/parse.ts            # everything
//   node --import tsx bench/parse.ts --runs 5   # more repetitions per file (median is kept)
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { corpusDir } from '../test/support/corpus.js';
import { readPdf } from '../src/review/document/pdf.js';
import { DEFAULT_PARSE_LIMITS, type DocumentModel, type ParseLimits } from '../src/review/document/model.js';

type Reader = (bytes: Uint8Array, limits: ParseLimits) => Promise<DocumentModel>;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

async function timeOne(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return quantile(times, 0.5);
}

/** Bare pdf.js: open, get every page's text items, nothing else. The baseline for the ratio. */
async function rawPdfjs(bytes: Uint8Array): Promise<void> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  await task.destroy();
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`);
}

async function benchSet(label: string, paths: string[], read: Reader, baseline?: (b: Uint8Array) => Promise<void>) {
  const times: number[] = [];
  const ratios: number[] = [];
  const failed: string[] = [];
  for (const p of paths) {
    const bytes = new Uint8Array(readFileSync(p));
    try {
      await read(bytes, DEFAULT_PARSE_LIMITS); // warm-up, and skip files the reader refuses
    } catch (err) {
      failed.push(`${p.split('/').pop()} (${(err as Error).message})`);
      continue;
    }
    const t = await timeOne(() => read(bytes, DEFAULT_PARSE_LIMITS));
    times.push(t);
    if (baseline) ratios.push(t / (await timeOne(() => baseline(bytes))));
  }
  const f = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    `${label.padEnd(28)} files ${String(times.length).padStart(3)}  p50 ${f(quantile(times, 0.5)).padStart(7)}  p95 ${f(quantile(times, 0.95)).padStart(7)}  max ${f(Math.max(...times)).padStart(7)}` +
      (ratios.length ? `  reader/bare-pdf.js p50 ${quantile(ratios, 0.5).toFixed(2)}x` : ''),
  );
  for (const x of failed) console.log(`  refused: ${x}`);
}

async function large(): Promise<void> {
  const { makeLargeContract } = await import('../test/review/pdf/large-pdf.js');
  const bytes = makeLargeContract(2000);
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const m = await readPdf(bytes, DEFAULT_PARSE_LIMITS);
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, pages: m.stats.pages, paragraphs: m.stats.paragraphs, bytes: bytes.length, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 }));
}

async function main() {
  if (args.includes('--large-child')) return large();
  console.log(`# node ${process.version}, ${runs} runs per file (median kept), corpus at ${corpusDir}`);

  await benchSet('PDF cuad-dev', files(`${corpusDir}/cuad-dev/pdf`, '.pdf'), readPdf, rawPdfjs);

  let readDocx: Reader | undefined;
  try {
    readDocx = (await import('../src/review/document/docx.js')).readDocx as Reader;
  } catch {
    console.log('DOCX                         skipped: src/review/document/docx.ts is not there yet (PDF only)');
  }
  if (readDocx) await benchSet('DOCX corpus/docx', files(`${corpusDir}/docx`, '.docx'), readDocx);

  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--large-child'], { encoding: 'utf8' });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const r = JSON.parse(last) as { ms: number; pages: number; paragraphs: number; bytes: number; rssBefore: number; maxRss: number };
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    console.log(`PDF 2,000 pages (${mb(r.bytes)})       ${(r.ms / 1000).toFixed(1)} s, ${r.paragraphs} paragraphs, peak RSS ${mb(r.maxRss)} (${mb(r.rssBefore)} before reading)`);
  } catch {
    console.log(`PDF 2,000 pages: the child run failed: ${child.stderr.trim().split('\n').pop()}`);
  }
}

await main();
