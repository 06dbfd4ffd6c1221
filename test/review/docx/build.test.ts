// The small DOCX builder: a valid package that our reader, pandoc and LibreOffice all read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { buildDocx } from '../../../src/review/docx/build.js';
import { readDocx } from '../../../src/review/document/docx.js';
import { DEFAULT_PARSE_LIMITS } from '../../../src/review/document/model.js';
import { PANDOC_MISSING, SOFFICE_MISSING, pandocText, scratch, sofficeConvert } from '../../support/readers.js';

const bytes = buildDocx(
  [
    { kind: 'paragraph', style: 'Title', runs: 'Contract review' },
    { kind: 'paragraph', style: 'Heading1', runs: 'Summary' },
    { kind: 'paragraph', runs: ['Risk: ', { text: 'high', bold: true }, ' & <escaped>'] },
    { kind: 'paragraph', style: 'Heading2', runs: 'Findings' },
    { kind: 'paragraph', style: 'Quote', runs: [{ text: 'The Supplier’s liability is unlimited.', italic: true }] },
    { kind: 'bullets', items: ['First point', ['Second ', { text: 'point', underline: true }]] },
    { kind: 'table', headerRow: true, rows: [['Severity', 'Count'], ['high', '3']] },
  ],
  { title: 'Docket review', author: 'Docket' },
);

test('builder output is a minimal valid package our reader understands', async () => {
  const files = unzipSync(bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']) assert.ok(files[part], part);
  assert.match(strFromU8(files['docProps/core.xml']), /<dc:title>Docket review<\/dc:title>/);
  const m = await readDocx(bytes, DEFAULT_PARSE_LIMITS);
  assert.equal(m.title, 'Docket review');
  const by = (t: string) => m.paragraphs.find((p) => p.text === t)!;
  assert.equal(by('Summary').headingLevel, 1);
  assert.equal(by('Findings').headingLevel, 2);
  assert.ok(by('Risk: high & <escaped>'));
  assert.match(strFromU8(files['word/document.xml']), /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">high<\/w:t><\/w:r>/);
  assert.equal(by('The Supplier’s liability is unlimited.').style, 'Quote');
  assert.equal(by('Second point').numbering, undefined, 'bullets carry no number');
  assert.deepEqual(by('high').table, { table: 0, row: 1, cell: 0 });
});

test('pandoc and LibreOffice read the built document', async (t) => {
  const s = scratch();
  try {
    const path = s.file('built.docx', bytes);
    if (PANDOC_MISSING) t.diagnostic(PANDOC_MISSING);
    else {
      const text = pandocText(path, 'accept');
      for (const want of ['Summary', 'Risk: high & <escaped>', 'First point', 'Second point', 'Severity', 'Count']) assert.ok(text.includes(want), want);
    }
    if (SOFFICE_MISSING) return t.skip(SOFFICE_MISSING);
    const out = sofficeConvert(path, s.dir, 'pdf');
    assert.equal(out.status, 0, out.stderr);
    assert.ok(out.output?.endsWith('.pdf'));
  } finally {
    s.done();
  }
});
