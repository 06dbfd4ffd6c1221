// Tracked-change redlines, checked with independent readers: pandoc (reject gives back the
// original text, accept the revised one) and LibreOffice (opens and converts the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { corpusPath } from '../../support/corpus.js';
import { readDocx } from '../../../src/review/document/docx.js';
import { parseDocument } from '../../../src/review/document/index.js';
import { DEFAULT_PARSE_LIMITS, type DocumentModel, type Paragraph } from '../../../src/review/document/model.js';
import { redlineDocx } from '../../../src/review/redline/docx-redline.js';
import { buildRedlineFromModel } from '../../../src/review/redline/pdf-redline.js';
import type { RedlineEdit } from '../../../src/review/redline/model.js';
import { diffWords } from '../../../src/review/redline/diff.js';
import { PANDOC_MISSING, SOFFICE_MISSING, normalize, pandocText, scratch, sofficeConvert } from '../../support/readers.js';

const DATE = new Date('2025-03-04T05:06:07Z');

function find(m: DocumentModel, prefix: string): Paragraph {
  const p = m.paragraphs.find((x) => x.text.startsWith(prefix));
  assert.ok(p, prefix);
  return p;
}

/** Edits on the Common Paper one-way NDA, touching numbered clauses, a table cell and a footer-free body. */
async function ndaCase() {
  const bytes = readFileSync(corpusPath('docx/commonpaper-one-way-nda.docx'));
  const m = await readDocx(bytes, DEFAULT_PARSE_LIMITS);
  const use = find(m, 'Use and Protection of Confidential Information.');
  const exc = find(m, 'Exceptions.');
  const law = find(m, 'Governing Law and Jurisdiction.');
  const edits: RedlineEdit[] = [
    {
      kind: 'replace',
      paragraphIndex: use.index,
      source: use.source,
      find: 'no less than a reasonable standard of care',
      replaceWith: 'no less than a high standard of care',
      comment: 'Recipient should meet a high standard of care.',
    },
    { kind: 'delete', paragraphIndex: exc.index, source: exc.source, find: ' without confidentiality restrictions; (c)', comment: 'Too broad.' },
    { kind: 'comment', paragraphIndex: law.index, source: law.source, find: 'Governing Law', comment: 'Check the governing law.' },
    { kind: 'insertParagraphAfter', paragraphIndex: exc.index, source: exc.source, text: 'Non-Solicitation. Neither party will solicit the other’s employees for 12 months.', comment: 'Missing clause.' },
    { kind: 'replace', paragraphIndex: exc.index, source: exc.source, find: 'text that is not there', replaceWith: 'x' },
  ];
  return { bytes, m, edits, use, exc, law };
}

test('word-level diff changes the fewest words', () => {
  assert.deepEqual(diffWords('within thirty (30) days of notice', 'within sixty (60) days of notice'), [
    { start: 7, end: 13, insert: 'sixty' },
    { start: 15, end: 17, insert: '60' },
  ]);
  assert.deepEqual(diffWords('governed by the laws of Delaware', 'governed by the laws of New York'), [{ start: 24, end: 32, insert: 'New York' }]);
  assert.deepEqual(diffWords('a b c', 'x y z'), [{ start: 0, end: 5, insert: 'x y z' }]);
  assert.deepEqual(diffWords('same', 'same'), []);
});

test('DOCX redline: tracked w:del/w:ins by Docket with comments; skipped edits reported', async () => {
  const { bytes, edits } = await ndaCase();
  const r = await redlineDocx(bytes, edits, { date: DATE });
  assert.equal(r.applied.length, 4);
  assert.equal(r.skipped.length, 1);
  assert.match(r.skipped[0].reason, /was not found in the paragraph/);

  const before = unzipSync(bytes);
  const after = unzipSync(r.bytes);
  const doc = strFromU8(after['word/document.xml']);
  // Smallest span: only "reasonable" is deleted and "high" inserted.
  assert.match(doc, /<w:del w:id="\d+" w:author="Docket" w:date="2025-03-04T05:06:07Z"><w:r[^>]*>(<w:rPr>.*?<\/w:rPr>)?<w:delText xml:space="preserve">reasonable<\/w:delText><\/w:r><\/w:del>/);
  assert.match(doc, /<w:ins w:id="\d+" w:author="Docket" w:date="2025-03-04T05:06:07Z"><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">high<\/w:t><\/w:r><\/w:ins>/);
  // The inserted run keeps the original run's formatting (Arial 8pt in this document).
  assert.match(doc, /<w:ins [^>]*><w:r><w:rPr><w:rFonts w:ascii="Arial"[^>]*\/><w:sz w:val="16"\/>/);
  // Comments: a new part, its relationship and content type; ids unique across the document.
  const comments = strFromU8(after['word/comments.xml']);
  assert.equal((comments.match(/<w:comment /g) ?? []).length, 4);
  assert.match(comments, /w:author="Docket"/);
  assert.match(comments, /Recipient should meet a high standard of care\./);
  assert.match(strFromU8(after['word/_rels/document.xml.rels']), /relationships\/comments" Target="comments.xml"/);
  assert.match(strFromU8(after['[Content_Types].xml']), /PartName="\/word\/comments.xml" ContentType="application\/vnd.openxmlformats-officedocument.wordprocessingml.comments\+xml"/);
  const ids = [...doc.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((x) => x[1]);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((x) => x[1])) {
    assert.ok(doc.includes(`<w:commentRangeStart w:id="${id}"/>`) && doc.includes(`<w:commentReference w:id="${id}"/>`), `comment ${id} anchored`);
  }
  // Everything else is copied through unchanged.
  for (const name of Object.keys(before)) {
    if (['word/document.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'].includes(name)) continue;
    assert.deepEqual(after[name], before[name], `${name} changed`);
  }
  assert.deepEqual(Object.keys(after).slice(0, Object.keys(before).length), Object.keys(before), 'entry order kept');

  // Our own reader sees the revised text.
  const m2 = await readDocx(r.bytes, DEFAULT_PARSE_LIMITS);
  assert.ok(m2.paragraphs.some((p) => p.text.includes('no less than a high standard of care')));
  const ins = find(m2, 'Non-Solicitation. Neither party');
  assert.equal(m2.paragraphs[ins.index - 1].text.startsWith('Exceptions.'), true);
  assert.equal(ins.numbering, '4', 'the inserted clause continues the list like its anchor');
  assert.equal(m2.stats.comments, 4);
});

test('DOCX redline: pandoc reject gives the original text, accept the revised text', async (t) => {
  if (PANDOC_MISSING) return t.skip(PANDOC_MISSING);
  const { bytes, edits } = await ndaCase();
  const r = await redlineDocx(bytes, edits, { date: DATE });
  const s = scratch();
  try {
    const orig = s.file('orig.docx', bytes);
    const red = s.file('red.docx', r.bytes);
    assert.equal(pandocText(red, 'reject'), pandocText(orig, 'reject'));
    let expected = pandocText(orig, 'accept')
      .replace('no less than a reasonable standard of care', 'no less than a high standard of care')
      .replace(' without confidentiality restrictions; (c)', '');
    const acc = pandocText(red, 'accept');
    const inserted = 'Non-Solicitation. Neither party will solicit the other’s employees for 12 months.';
    assert.ok(acc.includes(inserted));
    assert.ok(acc.indexOf(inserted) > acc.indexOf('Exceptions. The Recipient'));
    assert.equal(normalize(acc.replace(inserted, '')), normalize(expected));
  } finally {
    s.done();
  }
});

test('DOCX redline keeps existing tracked changes and comments, and edits text split across runs', async (t) => {
  // A document that already has tracked changes by someone else.
  const bytes = readFileSync(corpusPath('docx/oa-bonterms-nda-redline.docx'));
  const m = await readDocx(bytes, DEFAULT_PARSE_LIMITS);
  const p = find(m, 'By executing this Cover Page');
  const courts = find(m, 'courts located in San Francisco County');
  const edits: RedlineEdit[] = [
    { kind: 'replace', paragraphIndex: p.index, source: p.source, find: 'By executing this Cover Page, the parties', replaceWith: 'By signing this Cover Page, the parties', comment: 'Plainer.' },
    // "San Francisco" is itself someone else's tracked insertion: our change nests inside it.
    { kind: 'replace', paragraphIndex: courts.index, source: courts.source, find: 'San Francisco County', replaceWith: 'Santa Clara County', comment: 'Our venue.' },
  ];
  const r = await redlineDocx(bytes, edits, { date: DATE });
  assert.equal(r.applied.length, 2, JSON.stringify(r.skipped));
  const m2 = await readDocx(r.bytes, DEFAULT_PARSE_LIMITS);
  assert.ok(m2.paragraphs.some((x) => x.text.startsWith('By signing this Cover Page, the parties')));
  assert.ok(m2.paragraphs.some((x) => x.text === 'courts located in Santa Clara County, California'));
  assert.equal(m2.stats.trackedInsertions, m.stats.trackedInsertions + 2);
  const doc = strFromU8(unzipSync(r.bytes)['word/document.xml']);
  // Deleting someone else's tracked insertion nests our deletion inside it, as Word does.
  assert.match(doc.replace(/>\s+</g, '><'), /<w:ins w:id="\d+" w:author="Accord Demo"[^>]*>(<w:commentRangeStart w:id="\d+"\/>)?<w:del w:id="\d+" w:author="Docket"[^>]*><w:r>.*?<w:delText xml:space="preserve">San Francisco<\/w:delText>/);
  assert.equal((doc.match(/w:author="Accord Demo"/g) ?? []).length, (strFromU8(unzipSync(bytes)['word/document.xml']).match(/w:author="Accord Demo"/g) ?? []).length);

  // Existing comments are kept and ours appended with fresh ids.
  const dense = readFileSync(corpusPath('docx/docxodus-master-agreement-dense-comments.docx'));
  const dm = await readDocx(dense, DEFAULT_PARSE_LIMITS);
  const cap = find(dm, 'The indemnity cap applies');
  const r2 = await redlineDocx(dense, [{ kind: 'replace', paragraphIndex: cap.index, source: cap.source, find: 'all claims', replaceWith: 'direct claims only', comment: 'Cap should not cover indirect claims.' }], { date: DATE });
  assert.equal(r2.applied.length, 1, JSON.stringify(r2.skipped));
  const dm2 = await readDocx(r2.bytes, DEFAULT_PARSE_LIMITS);
  assert.equal(dm2.comments.length, 11);
  assert.equal(new Set(dm2.comments.map((c) => c.id)).size, 11);
  assert.equal(dm2.comments.find((c) => c.author === 'Docket')?.paragraphIndex, cap.index);
  assert.equal(dm2.paragraphs[cap.index].text, 'The indemnity cap applies to direct claims only.');

  if (PANDOC_MISSING) return t.skip(PANDOC_MISSING);
  const s = scratch();
  try {
    const orig = s.file('orig.docx', bytes);
    const red = s.file('red.docx', r.bytes);
    assert.equal(pandocText(red, 'reject'), pandocText(orig, 'reject'));
    assert.equal(
      pandocText(red, 'accept'),
      pandocText(orig, 'accept').replace('By executing this Cover Page', 'By signing this Cover Page').replace('San Francisco County', 'Santa Clara County'),
    );
  } finally {
    s.done();
  }
});

test('LibreOffice opens and converts the DOCX redline', async (t) => {
  if (SOFFICE_MISSING) return t.skip(SOFFICE_MISSING);
  const { bytes, edits } = await ndaCase();
  const r = await redlineDocx(bytes, edits, { date: DATE });
  const s = scratch();
  try {
    const red = s.file('redline.docx', r.bytes);
    const out = sofficeConvert(red, s.dir, 'txt:Text');
    assert.equal(out.status, 0, out.stderr);
    assert.ok(out.output, `no output: ${out.stderr}`);
    const text = readFileSync(out.output!, 'utf8');
    assert.match(text, /Non-Solicitation\. Neither party will solicit/);
    assert.match(text, /Use and Protection of Confidential Information/);
  } finally {
    s.done();
  }
});

test('PDF redline: a clean DOCX from the model with the same tracked changes', async (t) => {
  const pdf = readFileSync(corpusPath('cuad-dev/pdf/cuad-001.pdf'));
  const model = await parseDocument(pdf);
  assert.equal(model.format, 'pdf');
  const target = model.paragraphs.find((p) => p.text.split(/\s+/).length > 30)!;
  const words = target.text.split(' ');
  const findText = words.slice(5, 9).join(' ');
  const heading = model.paragraphs.find((p) => p.headingLevel);
  const edits: RedlineEdit[] = [
    { kind: 'replace', paragraphIndex: target.index, source: target.source, find: findText, replaceWith: `${words[5]} DOCKET CHANGED ${words.slice(7, 9).join(' ')}`, comment: 'Why.' },
    { kind: 'insertParagraphAfter', paragraphIndex: target.index, source: target.source, text: 'An inserted clause.' },
    { kind: 'delete', paragraphIndex: 999_999, source: target.source, find: 'x' },
  ];
  const r = await buildRedlineFromModel(model, edits, { date: DATE });
  assert.equal(r.applied.length, 2, JSON.stringify(r.skipped));
  assert.equal(r.skipped.length, 1);
  assert.equal(r.skipped[0].edit, edits[2]);
  const back = await readDocx(r.bytes, DEFAULT_PARSE_LIMITS);
  const changed = back.paragraphs.find((p) => p.text.includes('DOCKET CHANGED'));
  assert.ok(changed);
  if (heading) assert.ok(back.paragraphs.some((p) => p.headingLevel === Math.min(6, heading.headingLevel!) && p.text.endsWith(heading.text)), 'headings kept as heading styles');
  assert.ok(back.stats.trackedInsertions >= 2 && back.stats.trackedDeletions >= 1);

  if (PANDOC_MISSING) return t.skip(PANDOC_MISSING);
  const s = scratch();
  try {
    const red = s.file('pdf-redline.docx', r.bytes);
    const rejected = pandocText(red, 'reject');
    assert.ok(rejected.includes(normalize(target.text)), 'reject gives back the original paragraph');
    assert.ok(!rejected.includes('DOCKET CHANGED') && !rejected.includes('An inserted clause.'));
    const accepted = pandocText(red, 'accept');
    assert.ok(accepted.includes('DOCKET CHANGED') && accepted.includes('An inserted clause.'));
    if (!SOFFICE_MISSING) assert.equal(sofficeConvert(red, s.dir).status, 0);
  } finally {
    s.done();
  }
});
