// Reading details where a PDF's text layer used to read worse than the same contract as plain
// text: superscript ordinals, small type on the body's leading, run-in headings, ragged lines in
// documents that mark paragraphs with blank space, page-foot notes, hanging table cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdf } from '../../../src/review/document/pdf.js';
import { DEFAULT_PARSE_LIMITS } from '../../../src/review/document/model.js';
import { headingLevel } from '../../../src/review/document/pdf-text.js';
import { makePdf, wrap, type TextLine } from './pdf-writer.js';

const FILLER = 'Each party shall perform its obligations under this Agreement in good faith and with reasonable care and skill.';

/** Body paragraphs at 10 pt on a 12 pt pitch, one blank line between paragraphs. */
function body(y: number, n: number, width = 90): { lines: TextLine[]; y: number } {
  const lines: TextLine[] = [];
  for (let i = 0; i < n; i++) {
    for (const t of wrap(`${i + 1}. ${FILLER} ${FILLER}`, width)) { lines.push({ text: t, x: 72, y, size: 10 }); y += 12; }
    y += 12;
  }
  return { lines, y };
}

async function read(pages: TextLine[][]) {
  return readPdf(makePdf({ pages: pages.map((lines) => ({ lines })) }), DEFAULT_PARSE_LIMITS);
}

test('a superscript ordinal stays in its line: "22nd day of August"', async () => {
  const { lines, y } = body(72, 6);
  lines.push(
    { text: 'This Agreement is entered into by the parties named below and takes effect on the', x: 72, y, size: 10 },
    // Helvetica digits are 0.556 em wide: "22" at 10 pt ends 11.1 pt after it starts.
    { text: '22', x: 72, y: y + 12, size: 10 },
    { text: 'nd', x: 83.2, y: y + 12 - 3.5, size: 6.5 },
    { text: 'day of August 2005 by Alpha Corp. and Beta LLC.', x: 92, y: y + 12, size: 10 },
  );
  const m = await read([lines]);
  const p = m.paragraphs.find((q) => q.text.includes('August 2005'));
  assert.ok(p);
  assert.match(p.text, /on the 22nd day of August 2005/);
});

test('a letter-spaced superscript ("t h") reads as one word', async () => {
  const { lines, y } = body(72, 6);
  lines.push(
    { text: 'This Agreement is entered into by the parties named below and takes effect on the', x: 72, y, size: 10 },
    { text: '20', x: 72, y: y + 12, size: 10 },
    { text: 't h', x: 83.2, y: y + 12 - 3.5, size: 6.5 },
    { text: 'day of December 2018 by Alpha Corp. and Beta LLC.', x: 96, y: y + 12, size: 10 },
  );
  const m = await read([lines]);
  assert.ok(m.paragraphs.some((q) => /on the 20th day of December 2018/.test(q.text)));
});

test('small type set on the body leading is one paragraph, not one per line', async () => {
  const { lines, y } = body(72, 8);
  const caps = wrap('11.5 LIMITATION OF LIABILITY. EXCEPT WITH RESPECT TO A BREACH OF CONFIDENTIALITY OR INDEMNIFICATION OBLIGATIONS, IN NO EVENT WILL EITHER PARTY BE LIABLE FOR CONSEQUENTIAL, INDIRECT, SPECIAL OR PUNITIVE DAMAGES ARISING OUT OF THIS AGREEMENT.', 110);
  caps.forEach((t, i) => lines.push({ text: t, x: 72, y: y + 12 * i, size: 6.5 }));
  const m = await read([lines]);
  const p = m.paragraphs.find((q) => q.text.startsWith('11.5'));
  assert.ok(p);
  assert.ok(caps.length >= 2);
  assert.match(p.text, /PUNITIVE DAMAGES ARISING OUT OF THIS AGREEMENT\.$/);
  assert.equal(p.headingLevel, undefined);
});

test('a run-in heading followed by its text is not a heading line', () => {
  assert.equal(headingLevel('Section 15.6 GOVERNING LAW. THIS AGREEMENT SHALL BE GOVERNED BY AND CONSTRUED', { hasArticles: false, centered: false }), undefined);
  assert.equal(headingLevel('Section 15.5 ENTIRE AGREEMENT, THIRD PARTY BENEFICIARIES. This Agreement', { hasArticles: false, centered: false }), undefined);
  assert.equal(headingLevel('12. Governing Law.', { hasArticles: false, centered: false }), 1);
  assert.equal(headingLevel('GOVERNING LAW', { hasArticles: false, centered: false }), 1);
  // A party's name in the title block is not a heading the recitals sit under.
  assert.equal(headingLevel('AMERICAN GENERAL LIFE INSURANCE COMPANY', { hasArticles: false, centered: true }), undefined);
  assert.equal(headingLevel('OBLIGATIONS OF THE COMPANY', { hasArticles: false, centered: false }), 1);
});

test('where blank lines mark paragraphs, a line wrapped short of the margin does not end one', async () => {
  const { lines, y } = body(72, 10);
  // Wrapped at a narrower measure than the page's longest lines, as text filings are.
  const pre = wrap('DISTRIBUTOR AGREEMENT (the "Agreement") is made as of the 1st day of January, 1996 by and between Peregrine Corporation, a Delaware corporation, and Neon Systems, Inc., a Delaware corporation.', 68);
  pre.forEach((t, i) => lines.push({ text: t, x: 72, y: y + 12 * i, size: 10 }));
  const m = await read([lines]);
  const p = m.paragraphs.find((q) => q.text.startsWith('DISTRIBUTOR AGREEMENT'));
  assert.ok(p);
  assert.match(p.text, /Neon Systems, Inc\., a Delaware corporation\.$/);
});

test('a note in another type size at the foot of a page does not run into the next page', async () => {
  const { lines } = body(72, 6);
  lines.push({ text: 'Rev. December 2009', x: 480, y: 740, size: 7 });
  const m = await read([lines, [{ text: 'THIS AGREEMENT is dated as of January 26, 2011 between Alpha Corp. and Beta LLC.', x: 72, y: 72, size: 10 }, ...body(96, 3).lines]]);
  assert.ok(m.paragraphs.some((p) => p.text === 'Rev. December 2009'));
  assert.ok(m.paragraphs.some((p) => p.text.startsWith('THIS AGREEMENT is dated')));
});

test('a table cell that wraps under its own start continues its row', async () => {
  const { lines, y } = body(72, 12);
  lines.push(
    { text: 'Monthly Royalty Fee:', x: 72, y, size: 10 },
    { text: "Five percent (5%) of the Hotel's", x: 250, y, size: 10 },
    { text: 'Revenue for the preceding calendar month', x: 250, y: y + 12, size: 10 },
  );
  const m = await read([lines]);
  assert.ok(m.paragraphs.some((p) => /of the Hotel's Revenue for the preceding calendar month$/.test(p.text)));
});

test('a sentence that runs on in lower case over a stray blank line stays one paragraph', async () => {
  const { lines, y } = body(72, 12);
  const sentence = wrap('Either party may terminate this Agreement at any time, with or without cause, by giving the other party written notice of termination. Notwithstanding the foregoing, Chase may', 90);
  sentence.forEach((t, i) => lines.push({ text: t, x: 72, y: y + 12 * i, size: 10 }));
  const y2 = y + 12 * sentence.length + 12;
  lines.push({ text: 'terminate this Agreement if Affiliate does not comply with its terms.', x: 72, y: y2, size: 10 });
  lines.push({ text: '6. Links', x: 72, y: y2 + 24, size: 10 }, { text: 'and other text after a heading.', x: 72, y: y2 + 48, size: 10 });
  const m = await read([lines]);
  assert.ok(m.paragraphs.some((p) => /Chase may terminate this Agreement if Affiliate/.test(p.text)));
  assert.ok(m.paragraphs.some((p) => p.text === '6. Links'));
});

test('a sentence that runs on past a page number printed mid-sheet stays one paragraph', async () => {
  const { lines, y } = body(72, 12);
  lines.push(
    { text: 'Licensor grants Licensee the right to use the Marks. Upon request Licensee shall give Licensor', x: 72, y, size: 10 },
    { text: '7', x: 300, y: y + 30, size: 10 },
    { text: 'a list of all Marks held by Licensor that relate to the Licensed Products.', x: 72, y: y + 66, size: 10 },
  );
  lines.push(...body(y + 90, 3).lines);
  const m = await read([lines]);
  assert.ok(m.paragraphs.some((p) => /shall give Licensor a list of all Marks/.test(p.text)));
  assert.ok(!m.paragraphs.some((p) => p.text === '7'));
});
