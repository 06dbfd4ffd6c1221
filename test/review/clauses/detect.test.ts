import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/corpus.js';
import { detectClauses, taxonomy } from '../../../src/review/clauses/index.js';
import { readPlainText } from '../../../src/review/document/text.js';
import { parseCsv, parsePyList } from '../../../bench/lib/cuad.js';

const contract = `MASTER SERVICES AGREEMENT

This Master Services Agreement (the "Agreement") is entered into as of March 3, 2021 (the "Effective Date") by and between Acme Widgets, Inc., a Delaware corporation ("Acme"), and Blue River Software LLC, a California limited liability company ("Vendor").

1. Term

1.1 Initial Term. This Agreement shall commence on the Effective Date and shall continue for a period of three (3) years.

1.2 Renewal. This Agreement shall automatically renew for successive one (1) year terms unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.

2. Confidentiality

2.1 Each party shall hold the other party's Confidential Information in strict confidence and shall not disclose it to any third party. These obligations survive for a period of five (5) years after termination of this Agreement.

3. Limitation of Liability

3.1 IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL DAMAGES. EACH PARTY'S TOTAL LIABILITY UNDER THIS AGREEMENT SHALL NOT EXCEED THE FEES PAID BY ACME IN THE TWELVE (12) MONTHS PRECEDING THE CLAIM.

4. General

4.1 Governing Law. This Agreement shall be governed by and construed in accordance with the laws of the State of New York, without regard to its conflict of laws principles.

4.2 Assignment. Neither party may assign this Agreement without the prior written consent of the other party.
`;

test('readPlainText recovers paragraphs, numbering and headings', () => {
  const doc = readPlainText(contract);
  const term = doc.paragraphs.find((p) => p.text === '1. Term');
  assert.ok(term, 'the heading paragraph is kept');
  assert.equal(term.numbering, '1');
  assert.equal(term.headingLevel, 1);
  const renewal = doc.paragraphs.find((p) => p.text.startsWith('1.2 Renewal'))!;
  assert.equal(renewal.numbering, '1.2');
  assert.equal(renewal.headingLevel, undefined);
  assert.equal(renewal.page, 1);
  assert.deepEqual(doc.paragraphs.map((p) => p.index), doc.paragraphs.map((_, i) => i));
  // A form feed starts a page; a numbered line starts a paragraph without a blank line.
  const two = readPlainText('Intro line\n1. First item\n2. Second item\fPage two text');
  assert.deepEqual(two.paragraphs.map((p) => [p.text, p.page]), [['Intro line', 1], ['1. First item', 1], ['2. Second item', 1], ['Page two text', 2]]);
});

test('end to end on a small agreement: clauses, values, locations', () => {
  const found = detectClauses(readPlainText(contract));
  const get = (id: string) => found.find((c) => c.clauseId === id);
  assert.deepEqual(get('parties')?.values?.parties, ['Acme Widgets, Inc.', 'Blue River Software LLC']);
  assert.deepEqual(get('parties')?.values?.aliases, ['Agreement', 'Effective Date', 'Acme', 'Vendor'].filter((a) => !/agreement|effective date/i.test(a)));
  assert.equal(get('agreement_date')?.values?.date, '2021-03-03');
  assert.equal(get('effective_date')?.values?.date, '2021-03-03');
  assert.equal(get('expiration_date')?.values?.date, '2024-03-03');
  assert.equal(get('renewal_term')?.values?.duration?.days, 365);
  assert.equal(get('notice_period_to_terminate_renewal')?.values?.duration?.days, 90);
  assert.equal(get('confidentiality_term')?.values?.duration?.days, 5 * 365);
  assert.ok(get('confidentiality')?.values?.flags?.includes('mutual'));
  const gl = get('governing_law')!;
  assert.equal(gl.values?.jurisdiction, 'New York');
  assert.equal(gl.location.section, '4.1');
  assert.equal(gl.location.heading, 'Governing Law'); // the run-in heading of 4.1, under "4. General"
  assert.equal(gl.location.page, 1);
  assert.match(gl.excerpt, /governed by and construed/);
  const cap = get('cap_on_liability')!;
  assert.equal(cap.values?.amount?.multiple, 1);
  assert.match(String(cap.values?.amount?.of), /fees paid/i);
  assert.ok(get('limitation_of_consequential_damages'));
  assert.ok(get('anti_assignment')?.values?.flags?.includes('mutual'));
  for (const c of found) {
    assert.ok(taxonomy.byId.has(c.clauseId));
    assert.ok(c.confidence > 0 && c.confidence < 1);
  }
  // Nothing that is not in the text.
  for (const id of ['most_favored_nation', 'non_compete', 'source_code_escrow', 'liquidated_damages', 'insurance', 'audit_rights']) assert.equal(get(id), undefined, id);
});

// CUAD contracts against the lawyers' labels (the bench does all 40; here two, as a guard).
const rows = parseCsv(readFileSync(corpusPath('cuad-dev/labels.csv'), 'utf8')).filter((r) => r.length > 1);
const header = rows[0]!;
function labelled(id: string): Map<string, boolean> {
  const row = rows.find((r) => r[0] === id)!;
  const out = new Map<string, boolean>();
  header.forEach((h, i) => {
    if (i >= 3 && !/answer/i.test(h)) out.set(h, parsePyList(row[i]!).length > 0);
  });
  return out;
}

for (const id of ['cuad-002', 'cuad-005']) {
  test(`${id}: detection agrees with the lawyers on most categories`, () => {
    const found = new Set(detectClauses(readPlainText(readFileSync(corpusPath(`cuad-dev/txt/${id}.txt`), 'utf8'))).map((c) => c.clauseId));
    const labels = labelled(id);
    let agree = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const c of taxonomy.clauses.filter((x) => x.spec.cuad)) {
      total++;
      if (found.has(c.id) === labels.get(c.spec.cuad!)) agree++;
      else wrong.push(`${c.id} (labelled ${labels.get(c.spec.cuad!)})`);
    }
    assert.ok(agree / total >= 0.85, `${agree}/${total} agree; wrong: ${wrong.join(', ')}`);
    for (const must of ['parties', 'agreement_date', 'governing_law', 'anti_assignment', 'license_grant']) {
      if (labels.get(taxonomy.byId.get(must)!.spec.cuad!)) assert.ok(found.has(must), `${must} found`);
    }
  });
}

test('cuad-002 values: Illinois law, January 15, 2008', () => {
  const found = detectClauses(readPlainText(readFileSync(corpusPath('cuad-dev/txt/cuad-002.txt'), 'utf8')));
  assert.equal(found.find((c) => c.clauseId === 'governing_law')?.values?.jurisdiction, 'Illinois');
  assert.equal(found.find((c) => c.clauseId === 'agreement_date')?.values?.date, '2008-01-15');
  assert.deepEqual(found.find((c) => c.clauseId === 'parties')?.values?.parties, ['eFashion Solutions, LLC', 'Playboy.com, Inc.']);
  assert.equal(found.find((c) => c.clauseId === 'renewal_term')?.values?.duration?.days, 3 * 365);
});

test('detection is fast: the largest CUAD text in well under a second', () => {
  const doc = readPlainText(readFileSync(corpusPath('cuad-dev/txt/cuad-011.txt'), 'utf8'));
  detectClauses(doc);
  const t0 = performance.now();
  detectClauses(doc);
  const ms = performance.now() - t0;
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
});
