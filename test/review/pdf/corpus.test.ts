// The 40 real CUAD contracts as filed, against CUAD's own text of each: the reader must keep
// nearly every word, recover numbering and headings, and leave no page furniture behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { corpusPath } from '../../support/corpus.js';
import { readPdf } from '../../../src/review/document/pdf.js';
import { DEFAULT_PARSE_LIMITS, type DocumentModel } from '../../../src/review/document/model.js';
import { isPageNumberLine } from '../../../src/review/document/pdf-text.js';

const pdfDir = dirname(corpusPath('cuad-dev/pdf/cuad-001.pdf'));
const files = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort();

const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Share of the twin's words (as a multiset) that the reader's paragraphs contain. */
function coverage(model: DocumentModel, twin: string): number {
  const bag = new Map<string, number>();
  for (const p of model.paragraphs) for (const w of words(p.text)) bag.set(w, (bag.get(w) ?? 0) + 1);
  const want = words(twin);
  let hit = 0;
  for (const w of want) {
    const c = bag.get(w) ?? 0;
    if (c > 0) { hit++; bag.set(w, c - 1); }
  }
  return hit / want.length;
}

const results: { file: string; coverage: number }[] = [];

test('the corpus is there: 40 PDFs with text twins', () => {
  assert.equal(files.length, 40);
});

for (const file of files) {
  test(`cuad-dev ${file}`, async (t) => {
    const model = await readPdf(new Uint8Array(readFileSync(corpusPath(`cuad-dev/pdf/${file}`))), DEFAULT_PARSE_LIMITS);
    const twin = readFileSync(corpusPath(`cuad-dev/txt/${file.replace(/\.pdf$/, '.txt')}`), 'utf8');

    // Words: the twin keeps running footers ("Source: ...", "Confidential treatment requested")
    // that the reader drops on purpose, so a few percent are missing by design.
    const cov = coverage(model, twin);
    results.push({ file, coverage: cov });
    t.diagnostic(`coverage ${cov.toFixed(3)}, ${model.stats.pages} pages, ${model.stats.paragraphs} paragraphs, ${model.stats.headings} headings`);
    assert.ok(cov >= 0.9, `${file}: only ${(cov * 100).toFixed(1)}% of the twin's words`);

    // The model is well formed.
    assert.equal(model.format, 'pdf');
    assert.equal(model.stats.paragraphs, model.paragraphs.length);
    model.paragraphs.forEach((p, i) => {
      assert.equal(p.index, i);
      assert.ok(p.text.length > 0 && p.text === p.text.trim(), `paragraph ${i} is empty or untrimmed`);
      assert.equal(p.location, 'body');
      assert.equal(p.source.kind, 'pdf');
      if (p.source.kind !== 'pdf') return;
      assert.equal(p.page, p.source.page);
      assert.ok(p.source.page >= 1 && p.source.page <= model.stats.pages);
      const end = p.source.pageEnd ?? p.source.page;
      assert.ok(end >= p.source.page && end <= model.stats.pages);
      if (end === p.source.page) assert.ok(p.source.lineEnd >= p.source.lineStart);
    });

    // No page furniture left as paragraphs.
    const pageNumbers = model.paragraphs.filter((p) => isPageNumberLine(p.text));
    assert.deepEqual(pageNumbers.map((p) => p.text), [], 'page-number lines left as paragraphs');
    const sourceFooters = model.paragraphs.filter((p) => /^Source: .+, \d{1,2}\/\d{1,2}\/\d{4}$/.test(p.text));
    assert.deepEqual(sourceFooters.map((p) => p.text), [], 'running EDGAR footers left as paragraphs');

    // Numbered sections: where the twin has lines that start "12.3 Something", so must we.
    const twinNumbered = twin.split('\n').filter((l) => /^\s*\d{1,2}(\.\d{1,2})*\.?\s+[A-Z(“"]/.test(l)).length;
    const numbered = model.paragraphs.filter((p) => p.numbering && /^\d/.test(p.numbering)).length;
    if (twinNumbered >= 3) {
      assert.ok(numbered >= Math.ceil(twinNumbered * 0.8), `${file}: ${numbered} numbered paragraphs, the twin has ${twinNumbered} numbered lines`);
    }
    for (const p of model.paragraphs) {
      if (p.numbering) assert.match(p.numbering, /^(\d{1,3}(\.\d{1,3})*[A-Za-z]?|\([A-Za-z0-9]{1,6}\)|[A-Za-z]{1,6})$/);
    }

    // Headings: where the twin has ARTICLE headings, they come out as level-1 headings.
    const twinArticles = twin.split('\n').filter((l) => /^\s*ARTICLE\s+([IVXLC]+|\d+)\b/.test(l)).length;
    if (twinArticles >= 2) {
      const articles = model.paragraphs.filter((p) => p.headingLevel === 1 && /^ARTICLE\s/.test(p.text));
      assert.ok(articles.length >= Math.ceil(twinArticles * 0.8), `${file}: ${articles.length} ARTICLE headings, the twin has ${twinArticles}`);
      assert.ok(articles.every((p) => p.numbering && /^([IVXLC]+|\d+)$/.test(p.numbering)));
    }
    assert.ok(model.stats.headings >= 1, `${file}: no heading found`);
    assert.ok(model.stats.words > 200);
  });
}

test('coverage over the whole corpus', () => {
  const mean = results.reduce((s, r) => s + r.coverage, 0) / results.length;
  const min = results.reduce((m, r) => Math.min(m, r.coverage), 1);
  console.log(`# cuad-dev PDF word coverage vs CUAD text: mean ${mean.toFixed(4)}, min ${min.toFixed(4)} over ${results.length} files`);
  assert.equal(results.length, files.length);
  assert.ok(mean >= 0.97, `mean coverage ${mean.toFixed(4)}`);
});
