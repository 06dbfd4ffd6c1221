// A 2,000-page contract: read page by page in bounded time and memory. Its own file so the
// peak RSS measured here is this test's, not the rest of the suite's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdf } from '../../../src/review/document/pdf.js';
import { DEFAULT_PARSE_LIMITS } from '../../../src/review/document/model.js';
import { makeLargeContract } from './large-pdf.js';

test('a 2,000-page PDF parses within bounded time and memory', async (t) => {
  const bytes = makeLargeContract(2000);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  const m = await readPdf(bytes, DEFAULT_PARSE_LIMITS);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const mb = (n: number) => (n / 1048576).toFixed(0);
  const line = `2,000-page PDF (${mb(bytes.length)} MB): ${(ms / 1000).toFixed(1)} s, ${m.stats.paragraphs} paragraphs, ${m.stats.words} words; RSS before ${mb(before)} MB, peak ${mb(peak)} MB`;
  t.diagnostic(line);
  console.log(`# ${line}`);

  assert.equal(m.stats.pages, 2000);
  // Every clause survived, numbered, and no page number or running header is left.
  const clauses = m.paragraphs.filter((p) => p.numbering && /^\d+\.\d+$/.test(p.numbering));
  assert.ok(clauses.length >= 2000 * 8, `${clauses.length} numbered clauses`);
  assert.ok(!m.paragraphs.some((p) => /^Page \d+ of 2000$|^CONFIDENTIAL/.test(p.text)));
  assert.equal(m.paragraphs.at(-1)?.source.kind === 'pdf' && m.paragraphs.at(-1)?.page, 2000);
  // Bounds generous enough for a loaded CI machine, tight enough to catch holding every page.
  assert.ok(ms < 120_000, `took ${ms} ms`);
  assert.ok(peak - before < 1536 * 1048576, `RSS grew by ${mb(peak - before)} MB`);
});
