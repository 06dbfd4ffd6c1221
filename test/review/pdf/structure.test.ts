// Layout and structure on PDFs written for the purpose: reading order, columns, paragraphs,
// hyphenation, running headers/footers, numbering and heading levels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdf } from '../../../src/review/document/pdf.js';
import { DEFAULT_PARSE_LIMITS, readsAsProse } from '../../../src/review/document/model.js';
import { headingLevel, isPageNumberLine, joinLine, parseNumbering } from '../../../src/review/document/pdf-text.js';
import { layoutContract, makePdf, wrap, type PageSpec, type TextLine } from './pdf-writer.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const TOPICS = ['DEFINITIONS', 'TERM AND TERMINATION', 'FEES AND PAYMENT', 'CONFIDENTIALITY', 'WARRANTIES', 'INDEMNIFICATION', 'LIMITATION OF LIABILITY', 'GOVERNING LAW'];

function msa(): { text: string; heading?: boolean }[] {
  const blocks: { text: string; heading?: boolean }[] = [
    { text: 'MASTER SERVICES AGREEMENT', heading: true },
    { text: 'This Master Services Agreement is made between Alpha Corp. and Beta LLC as of the Effective Date. The parties agree as follows.' },
  ];
  TOPICS.forEach((t, i) => {
    blocks.push({ text: `ARTICLE ${ROMAN[i]}`, heading: true }, { text: t, heading: true });
    for (let j = 1; j <= 3; j++) {
      blocks.push({ text: `${i + 1}.${j} The ${t.toLowerCase()} terms of clause ${i + 1}.${j} bind each party and its affiliates, successors and permitted assigns, and survive for ${j + i} years after this Agreement ends for any reason.` });
    }
    blocks.push(
      { text: `(a) the first sub-clause of article ${i + 1} requires written notice within ${10 * (i + 1)} days;` },
      { text: `(b) the second sub-clause of article ${i + 1} requires cooperation in good faith.` },
    );
  });
  return blocks;
}

test('a contract with articles, sections, lists, a running header and page numbers', async () => {
  const pages = layoutContract(msa(), { header: 'CONFIDENTIAL - EXECUTION VERSION', footer: 'Page {n} of {total}' });
  assert.ok(pages.length >= 4);
  const m = await readPdf(makePdf({ pages, title: 'Master Services Agreement' }), DEFAULT_PARSE_LIMITS);
  const texts = m.paragraphs.map((p) => p.text);

  // Running header and page numbers are gone, wherever they were.
  assert.ok(!texts.some((t) => /CONFIDENTIAL - EXECUTION|^Page \d+ of \d+$/.test(t)));
  // Title from the PDF info; first heading is the agreement name at level 1.
  assert.equal(m.title, 'Master Services Agreement');
  assert.deepEqual([m.paragraphs[0].text, m.paragraphs[0].headingLevel], ['MASTER SERVICES AGREEMENT', 1]);

  // "ARTICLE IV" over "CONFIDENTIALITY" is one level-1 heading numbered IV.
  const articles = m.paragraphs.filter((p) => /^ARTICLE /.test(p.text));
  assert.deepEqual(articles.map((p) => p.text), TOPICS.map((t, i) => `ARTICLE ${ROMAN[i]} ${t}`));
  assert.ok(articles.every((p, i) => p.headingLevel === 1 && p.numbering === ROMAN[i]));

  // Every numbered clause is its own paragraph, whole, with its number; lists keep "(a)".
  for (let i = 1; i <= TOPICS.length; i++) {
    for (let j = 1; j <= 3; j++) {
      const p = m.paragraphs.find((q) => q.numbering === `${i}.${j}`);
      assert.ok(p, `clause ${i}.${j} missing`);
      assert.match(p.text, new RegExp(`^${i}\\.${j} The .* ends for any reason\\.$`));
      assert.equal(p.headingLevel, undefined);
    }
  }
  assert.equal(m.paragraphs.filter((p) => p.numbering === '(a)').length, TOPICS.length);
  assert.ok(m.paragraphs.filter((p) => p.numbering === '(b)').every((p) => p.text.endsWith('in good faith.')));

  // Paragraphs cut by a page break are joined, and their source says so.
  const over = m.paragraphs.filter((p) => p.source.kind === 'pdf' && p.source.pageEnd !== undefined);
  for (const p of over) {
    assert.ok(p.source.kind === 'pdf' && p.source.pageEnd === p.source.page + 1);
    assert.ok(/[.;]$/.test(p.text), `a joined paragraph ends mid-sentence: ${p.text}`);
  }
  assert.equal(m.stats.pages, pages.length);
  assert.equal(m.stats.headings, m.paragraphs.filter((p) => p.headingLevel && !readsAsProse(p.text)).length);
  assert.equal(m.stats.words, texts.join(' ').split(/\s+/).length);
  assert.deepEqual(m.warnings, []);
});

test('text items written out of order come back in reading order', async () => {
  const lines: TextLine[] = wrap('The Supplier shall deliver the Goods to the Customer at the Delivery Address on the Delivery Date and in the quantities set out in the Order, packed to protect them in transit.').map((text, i) => ({ text, x: 72, y: 100 + i * 14 }));
  const shuffled = [lines[2], lines[0], lines[1]].filter(Boolean);
  const m = await readPdf(makePdf({ pages: [{ lines: shuffled }, { lines: [{ text: 'Second page text stands alone here.', x: 72, y: 100 }] }] }), DEFAULT_PARSE_LIMITS);
  assert.match(m.paragraphs[0].text, /^The Supplier shall deliver .* in transit\.$/);
});

test('two columns are read left column first, full-width title first of all', async () => {
  const left = wrap('Left column text: the Licensor grants the Licensee a non-exclusive licence to use the Software within the Territory for the Term, subject to payment of the Fees and to the restrictions in this Agreement. ' .repeat(3), 44);
  const right = wrap('Right column text: either party may terminate this Agreement on written notice if the other party commits a material breach that remains uncured thirty days after notice of it. '.repeat(3), 44);
  const lines: TextLine[] = [{ text: 'SOFTWARE LICENCE AGREEMENT', x: 200, y: 60, size: 14 }];
  // Interleave the items row by row, as many generators write them.
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i]) lines.push({ text: left[i], x: 50, y: 100 + i * 13, size: 10 });
    if (right[i]) lines.push({ text: right[i], x: 320, y: 100 + i * 13, size: 10 });
  }
  const m = await readPdf(makePdf({ pages: [{ lines }] }), DEFAULT_PARSE_LIMITS);
  const all = m.paragraphs.map((p) => p.text).join('\n');
  assert.equal(m.paragraphs[0].text, 'SOFTWARE LICENCE AGREEMENT');
  const li = all.indexOf('Left column text'), ri = all.indexOf('Right column text');
  assert.ok(li >= 0 && ri > li, 'left column before right column');
  // No line mixes the two columns.
  assert.ok(!m.paragraphs.some((p) => /Licensee.*terminate this Agreement on written/.test(p.text) && p.text.indexOf('Right') < p.text.indexOf('Licensee')));
  assert.ok(all.lastIndexOf('Left column text') < ri, 'all of the left column comes first');
});

test('end-of-line hyphens are joined; compound hyphens are kept', async () => {
  const lines: TextLine[] = [
    'The Distributor shall use commercially reasonable efforts to pro-',
    'mote the Products throughout the Territory and shall not sell non-',
    'competing products without the prior written consent of the Company.',
  ].map((text, i) => ({ text, x: 72, y: 100 + i * 14 }));
  const m = await readPdf(makePdf({ pages: [{ lines }] }), DEFAULT_PARSE_LIMITS);
  assert.equal(m.paragraphs.length, 1);
  assert.match(m.paragraphs[0].text, /efforts to promote the Products/);
  assert.match(m.paragraphs[0].text, /shall not sell non-competing products/);
});

test('a page rotated with /Rotate is read the right way round', async () => {
  const page: PageSpec = { rotate: 90, lines: [{ text: 'This schedule lists the service levels that apply to the Services.', x: 72, y: 100 }] };
  const m = await readPdf(makePdf({ pages: [page] }), DEFAULT_PARSE_LIMITS);
  assert.equal(m.paragraphs[0].text, 'This schedule lists the service levels that apply to the Services.');
});

test('text drawn twice for a fake bold effect is read once', async () => {
  const lines: TextLine[] = [
    { text: 'NOTICES', x: 72, y: 100, bold: true },
    { text: 'NOTICES', x: 72.4, y: 100, bold: true },
    { text: 'All notices must be in writing and delivered by hand or by courier.', x: 72, y: 130 },
  ];
  const m = await readPdf(makePdf({ pages: [{ lines }] }), DEFAULT_PARSE_LIMITS);
  assert.deepEqual(m.paragraphs.map((p) => p.text), ['NOTICES', 'All notices must be in writing and delivered by hand or by courier.']);
  assert.equal(m.paragraphs[0].headingLevel, 1);
});

test('numbering is read from the text the way a reader sees it', () => {
  const cases: [string, string | undefined][] = [
    ['12.3 Fees. The Customer shall pay', '12.3'],
    ['12.3. Fees', '12.3'],
    ['7. Term', '7'],
    ['(a) the Supplier', '(a)'],
    ['(iv) any Affiliate', '(iv)'],
    ['a) the Supplier', '(a)'],
    ['IV. REMEDIES', 'IV'],
    ['ARTICLE IV TERMINATION', 'IV'],
    ['Article 5 - Fees', '5'],
    ['Section 5. Payment', '5'],
    ['SECTION 5.2 Invoices', '5.2'],
    ['Section 12(b) of the Exchange Act', undefined],
    ['30 days after notice', undefined],
    ['2019 was a good year', undefined],
    ['U.S. law applies', undefined],
  ];
  for (const [text, want] of cases) assert.equal(parseNumbering(text)?.numbering, want, text);
});

test('page-number lines are recognised, real text is not', () => {
  for (const t of ['3', '- 3 -', '-3-', 'Page 3', 'Page 3 of 12', '3 of 12', 'iv', '[3]', 'Page | 3', '-8- 9']) assert.ok(isPageNumberLine(t), t);
  for (const t of ['3. Term', 'Page limits apply', '12.5%', 'Section 3', 'I agree']) assert.ok(!isPageNumberLine(t), t);
});

test('heading levels come from the text', () => {
  const ctx = { hasArticles: true, centered: false };
  assert.equal(headingLevel('ARTICLE II', ctx), 1);
  assert.equal(headingLevel('Section 5. Payment Terms', ctx), 2);
  assert.equal(headingLevel('5.2 Invoices', ctx), 2);
  assert.equal(headingLevel('5.2.1 Disputed Invoices', ctx), 3);
  assert.equal(headingLevel('3. CONFIDENTIALITY', { hasArticles: false, centered: false }), 1);
  assert.equal(headingLevel('EXHIBIT A', ctx), 1);
  assert.equal(headingLevel('The Customer shall pay all invoices within thirty days of receipt.', ctx), undefined);
  assert.equal(headingLevel('ACME WIDGETS, INC.', ctx), undefined);
  assert.equal(headingLevel('By: /s/ JOHN SMITH', ctx), undefined);
  assert.equal(headingLevel('11.7. INTELLECTUAL PROPERTY RIGHTS, CONFIDENTIALITY AND NON-USE. The', ctx), undefined);
  assert.equal(headingLevel('(a) Fees', ctx), undefined);
});

test('line joining undoes hyphenation only where a word was split', () => {
  assert.equal(joinLine('to pro-', 'mote'), 'to promote');
  assert.equal(joinLine('a non-', 'exclusive licence'), 'a non-exclusive licence');
  assert.equal(joinLine('Alpha-', 'Beta'), 'Alpha- Beta');
  assert.equal(joinLine('the Term', 'and'), 'the Term and');
});
