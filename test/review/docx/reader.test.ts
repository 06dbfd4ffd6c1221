// The DOCX reader against real contracts from the shared corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import { corpusPath, corpusDir } from '../../support/corpus.js';
import { readDocx } from '../../../src/review/document/docx.js';
import { parseDocument } from '../../../src/review/document/index.js';
import { DEFAULT_PARSE_LIMITS, type DocumentModel, type Paragraph } from '../../../src/review/document/model.js';
import { DocumentError } from '../../../src/review/errors.js';
import { PANDOC_MISSING, normalize, pandocText } from '../../support/readers.js';

const cache = new Map<string, DocumentModel>();
async function read(name: string): Promise<DocumentModel> {
  if (!cache.has(name)) cache.set(name, await readDocx(readFileSync(corpusPath(`docx/${name}`)), DEFAULT_PARSE_LIMITS));
  return cache.get(name)!;
}
const starting = (m: DocumentModel, prefix: string): Paragraph => {
  const p = m.paragraphs.find((x) => x.text.startsWith(prefix));
  assert.ok(p, `no paragraph starts with ${JSON.stringify(prefix)}`);
  return p;
};

test('list numbering is resolved from numbering.xml (multi-level, restarts, roman, letters)', async () => {
  const dpa = await read('commonpaper-data-processing-agreement.docx');
  assert.equal(starting(dpa, 'Security Incident Response').numbering, '4');
  assert.equal(starting(dpa, 'Ex-UK Transfers').numbering, '3.3');
  assert.equal(starting(dpa, 'Section 3.2 of this DPA contains').numbering, '(a)'); // restarted under 3.3
  assert.equal(starting(dpa, 'The Cover Page to this DPA contains').numbering, '(vii)');
  assert.equal(starting(dpa, '“UK Addendum” means').numbering, '11.20');

  const spa = await read('nvca-model-spa.docx');
  const h1 = starting(spa, 'Purchase and Sale of Preferred Stock.');
  assert.deepEqual([h1.numbering, h1.headingLevel], ['1', 1]);
  const h2 = starting(spa, 'Sale and Issuance of Preferred Stock.');
  assert.deepEqual([h2.numbering, h2.headingLevel], ['1.1', 2]);
  assert.equal(starting(spa, 'Closing[s]; Delivery.').numbering, '1.2');
  assert.equal(starting(spa, '[Special Mandatory Conversion.').numbering, '(iv)');
  assert.equal(starting(spa, 'Upon a Special Mandatory Conversion').numbering, '(B)');
});

test('heading levels come from styles (Heading N, outline levels, basedOn)', async () => {
  const toc = await read('docxodus-schedule-toc-deleted-para-mark.docx');
  const intro = starting(toc, 'introduction');
  assert.deepEqual([intro.headingLevel, intro.numbering, intro.style], [1, '1.0', 'Heading1Numbered']);
  const spa = await read('nvca-model-spa.docx');
  assert.ok(spa.stats.headings > 100);
  // A template that styles whole clauses as "Heading 3" counts only its real headings.
  const csa = await read('commonpaper-cloud-service-agreement.docx');
  const styled = csa.paragraphs.filter((p) => p.headingLevel !== undefined).length;
  assert.ok(csa.stats.headings > 5 && csa.stats.headings < styled, `${csa.stats.headings} headings of ${styled} heading-styled paragraphs`);
  assert.ok(spa.paragraphs.some((p) => p.headingLevel === 5));
  const dense = await read('docxodus-master-agreement-dense-comments.docx');
  assert.equal(dense.paragraphs[0].headingLevel, 1);
  assert.equal(dense.title, 'Master Agreement');
});

test('tables carry table/row/cell; headers and footers come after the body', async () => {
  const dpa = await read('commonpaper-data-processing-agreement.docx');
  const cell = starting(dpa, 'Provider Security Contact');
  assert.equal(cell.location, 'table');
  assert.deepEqual(cell.table, { table: 1, row: 3, cell: 0 });
  assert.equal(starting(dpa, '{contact_address}').table?.cell, 1);
  assert.equal(dpa.stats.tables, 4);
  const footer = starting(dpa, 'Common Paper Data Processing Agreement (Version 1.1)');
  assert.equal(footer.location, 'footer');
  const lastBody = Math.max(...dpa.paragraphs.filter((p) => p.location === 'body' || p.location === 'table').map((p) => p.index));
  assert.ok(footer.index > lastBody);
  assert.deepEqual(
    dpa.paragraphs.map((p) => p.index),
    dpa.paragraphs.map((_, i) => i),
  );
});

test('footnotes are read as their own paragraphs after the body', async () => {
  const spa = await read('nvca-model-spa.docx');
  const notes = spa.paragraphs.filter((p) => p.location === 'footnote');
  assert.ok(notes.length >= 100, `only ${notes.length} footnote paragraphs`);
  const n = starting(spa, 'If only one closing is contemplated');
  assert.equal(n.location, 'footnote');
  assert.equal(n.source.kind === 'docx' && n.source.part, 'word/footnotes.xml');
  // Separator footnotes are not content.
  assert.ok(!notes.some((p) => p.text === ''));
});

test('existing tracked changes read as the text currently stands', async () => {
  const nda = await read('oa-bonterms-nda-redline.docx');
  assert.equal(nda.stats.trackedInsertions, 18);
  assert.equal(nda.stats.trackedDeletions, 18);
  const texts = nda.paragraphs.map((p) => p.text);
  assert.ok(texts.includes('Joint development of diagnostic platform technology'));
  assert.ok(texts.includes('March 1, 2026'));
  assert.ok(texts.includes('18 months'));
  assert.ok(texts.includes('Party Name: Meridian Ventures LLC'));
  const all = texts.join('\n');
  for (const gone of ['Evaluating a potential business relationship', 'Acme Corp', 'Delaware', 'New Castle']) assert.ok(!all.includes(gone), gone);

  const ra = await read('docxodus-tracked-revisions-tables.docx');
  assert.ok(ra.stats.trackedInsertions >= 138 && ra.stats.trackedDeletions >= 111, JSON.stringify(ra.stats));
  assert.ok(ra.paragraphs.some((p) => p.location === 'table' && p.text === 'Sample preparation-1'));

  const moves = await read('docxodus-move-from-move-to.docx');
  assert.equal(moves.stats.trackedInsertions + moves.stats.trackedDeletions, 4);
});

test('current text matches pandoc with changes accepted (independent reader)', async (t) => {
  if (PANDOC_MISSING) return t.skip(PANDOC_MISSING);
  for (const name of ['oa-bonterms-nda-redline.docx', 'docxodus-tracked-revisions-tables.docx', 'docxodus-move-from-move-to.docx', 'pyredlines-expected_redline.docx', 'docxodus-schedule-toc-deleted-para-mark.docx']) {
    const m = await read(name);
    const accepted = pandocText(corpusPath(`docx/${name}`), 'accept');
    for (const p of m.paragraphs.filter((x) => x.location === 'body' || x.location === 'table')) {
      assert.ok(accepted.includes(normalize(p.text)), `${name}: ${JSON.stringify(p.text)} is not in pandoc's accepted text`);
    }
  }
});

test('comments are read with their anchor paragraph', async () => {
  const m = await read('docxodus-master-agreement-dense-comments.docx');
  assert.equal(m.comments.length, 10);
  assert.equal(m.stats.comments, 10);
  assert.ok(m.comments.every((c) => c.paragraphIndex !== undefined && c.author && c.text));
  const cap = m.comments.find((c) => c.text === 'is this the right indemnity cap?')!;
  assert.match(m.paragraphs[cap.paragraphIndex!].text, /indemnity cap applies/);
  const law = m.comments.find((c) => c.text === 'check governing law')!;
  assert.match(m.paragraphs[law.paragraphIndex!].text, /governed by Delaware law/);
  const handbook = await read('stlstartuplawyer-employee-handbook.docx');
  assert.equal(handbook.comments.length, 1);
});

test('fields show their result, never the instruction; content controls show their content', async () => {
  for (const name of ['docxodus-msa-legal-contract.docx', 'docxodus-nvca-model-coi.docx', 'ilpa-model-lpa-deal-by-deal-v1.docx', 'stlstartuplawyer-nda.docx']) {
    const m = await read(name);
    for (const p of m.paragraphs) assert.doesNotMatch(p.text, /\b(PAGEREF|MERGEFORMAT|HYPERLINK \\l|TOC \\o|REF _Ref)/, `${name}: ${p.text.slice(0, 80)}`);
  }
  const toc = await read('docxodus-schedule-toc-deleted-para-mark.docx');
  assert.ok(toc.paragraphs.some((p) => p.style === 'TOC1' && p.text.startsWith('1.0\tintroduction')), 'TOC field result kept');
  const psa = await read('bonterms-psa.docx');
  assert.ok(psa.paragraphs.some((p) => p.text.includes('☐')), 'checkbox content control text kept');
});

test('page numbers follow rendered page breaks', async () => {
  const spa = await read('nvca-model-spa.docx');
  const body = spa.paragraphs.filter((p) => p.location === 'body' || p.location === 'table');
  assert.equal(body[0].page, 1);
  for (let i = 1; i < body.length; i++) assert.ok(body[i].page! >= body[i - 1].page!, 'pages never go back');
  assert.ok(body[body.length - 1].page! > 20);
  assert.ok(spa.stats.pages >= body[body.length - 1].page!);
  // No page information at all: pages stay unknown on paragraphs.
  const dense = await read('docxodus-master-agreement-dense-comments.docx');
  assert.equal(dense.paragraphs[0].page, undefined);
});

test('source.pIndex is the index among all w:p of the part', async () => {
  const name = 'nvca-model-spa.docx';
  const m = await read(name);
  const files = unzipSync(readFileSync(corpusPath(`docx/${name}`)));
  for (const part of ['word/document.xml', 'word/footnotes.xml']) {
    const doc = new DOMParser().parseFromString(strFromU8(files[part]), 'text/xml');
    const ps = doc.getElementsByTagName('w:p');
    const mine = m.paragraphs.filter((p) => p.source.kind === 'docx' && p.source.part === part);
    assert.ok(mine.length > 50);
    for (const p of mine) {
      const src = p.source as { pIndex: number };
      const raw = Array.from(ps[src.pIndex].getElementsByTagName('w:t')).map((t) => t.textContent).join('');
      const firstWord = p.text.split(/\s/)[0];
      assert.ok(raw.includes(firstWord), `${part}#${src.pIndex}: ${firstWord}`);
    }
  }
});

test('every corpus DOCX reads; the broken ones fail with a clear sentence', async () => {
  const names = readdirSync(`${corpusDir}/docx`).filter((n) => n.endsWith('.docx'));
  for (const name of names.filter((n) => !n.startsWith('broken-'))) {
    const m = await read(name);
    assert.ok(m.paragraphs.length > 0 && m.stats.words > 20, name);
  }
  const expectations: Record<string, RegExp> = {
    'broken-not-a-docx.docx': /neither a DOCX nor a PDF/,
    'broken-truncated.docx': /not a valid Word file .*damaged or incomplete|neither a DOCX nor a PDF/,
    'broken-no-document.docx': /holds no Word document body/,
  };
  for (const [name, re] of Object.entries(expectations)) {
    await assert.rejects(parseDocument(readFileSync(corpusPath(`docx/${name}`))), (e: unknown) => {
      assert.ok(e instanceof DocumentError, `${name}: ${String(e)}`);
      assert.match(e.message, re);
      assert.match(e.message, /^[A-Z][^\n]*\.$/, 'one plain sentence');
      assert.doesNotMatch(e.message, /\/|yauzl|xmldom|Error:/);
      return true;
    });
  }
  // The DOCX reader itself, for a zip without its central directory.
  await assert.rejects(readDocx(readFileSync(corpusPath('docx/broken-truncated.docx')), DEFAULT_PARSE_LIMITS), /damaged or incomplete\); save it again as \.docx/);
});

test('speed: the 40k-word ILPA agreement reads well under a second', async (t) => {
  const bytes = readFileSync(corpusPath('docx/ilpa-model-lpa-deal-by-deal-v1.docx'));
  await readDocx(bytes, DEFAULT_PARSE_LIMITS); // warm-up (module load, JIT)
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const m = await readDocx(bytes, DEFAULT_PARSE_LIMITS);
    times.push(performance.now() - t0);
    assert.ok(m.stats.words > 35_000);
  }
  times.sort((a, b) => a - b);
  t.diagnostic(`ILPA LPA (${bytes.length} bytes) read in ${times.map((x) => x.toFixed(0)).join(' / ')} ms`);
  assert.ok(times[1] < 1000, `median ${times[1]} ms`);
});
