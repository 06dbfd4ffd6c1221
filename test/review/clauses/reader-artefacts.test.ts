// Clause cues must not depend on how a reader cut the text: a PDF or DOCX puts a list item in
// its own paragraph where a plain-text export may glue it onto its lead-in, a PDF reads a table
// of contents one entry per paragraph, and "(a)" may follow a run-in heading on the same line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectClauses } from '../../../src/review/clauses/index.js';
import { splitSentences } from '../../../src/review/clauses/context.js';
import { readPlainText } from '../../../src/review/document/text.js';

const ids = (text: string) => new Set(detectClauses(readPlainText(text)).map((c) => c.clauseId));

test('a lead-in ending in a colon is read with its first list item', () => {
  const glued = '9.1 You will not contest, either directly or indirectly during or after the Term: 9.1.1 our ownership of, rights to and interest in the System and the Marks.';
  const split = '9.1 You will not contest, either directly or indirectly during or after the Term:\n\n9.1.1 our ownership of, rights to and interest in the System and the Marks;\n\n9.1.2 our sole right to grant licenses to use the System.';
  assert.ok(ids(glued).has('covenant_not_to_sue'));
  assert.ok(ids(split).has('covenant_not_to_sue'));
});

test('a list item glued after a full stop opens a sentence', () => {
  const s = splitSentences('7. Limitation of Liability. (a) EXCEPT FOR INDEMNIFICATION, NEITHER PARTY SHALL BE LIABLE.');
  assert.equal(s[s.length - 1], '(a) EXCEPT FOR INDEMNIFICATION, NEITHER PARTY SHALL BE LIABLE.');
  // "clause 3." does not end a sentence, whatever follows it.
  assert.equal(splitSentences('as set out in clause 3. (b) and (c) below apply.').length, 1);
});

test('a long table of contents, one entry per paragraph, does not hide the preamble', () => {
  const toc = Array.from({ length: 90 }, (_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1} Heading Number ${i + 1} ${i + 3}`).join('\n\n');
  const text = `MASTER SUPPLY AGREEMENT\n\nTABLE OF CONTENTS\n\n${toc}\n\nTHIS MASTER SUPPLY AGREEMENT (this "Agreement"), dated as of March 3, 2019, is by and between Alpha Industries Inc., a Delaware corporation ("Supplier"), and Beta Foods LLC, a Texas limited liability company ("Customer").\n\n1. Supply. Supplier shall supply the Products.`;
  const found = detectClauses(readPlainText(text));
  const parties = found.find((c) => c.clauseId === 'parties');
  assert.ok(parties, 'parties');
  assert.deepEqual(parties.values?.parties, ['Alpha Industries Inc.', 'Beta Foods LLC']);
  assert.equal(found.find((c) => c.clauseId === 'agreement_date')?.values?.date, '2019-03-03');
});

test('a "Last updated:" line dates an agreement that has no other date', () => {
  const found = detectClauses(readPlainText('Last Updated: April 6, 2007\n\nAFFILIATE PROGRAM AGREEMENT\n\nTHIS AGREEMENT sets forth the terms agreed between Chase Bank USA, N.A. and you as an Affiliate.\n\n1. Fees. Chase will pay Affiliate a fee for each approved account.'));
  assert.equal(found.find((c) => c.clauseId === 'agreement_date')?.values?.date, '2007-04-06');
});

test('a section headed "Transitional Support" is post-termination services when the heading is read as a heading', () => {
  const text = '2.10 Transitional Support\n\n(a) On a Product-by-Product basis, Customer may elect, upon written notice to Manufacturer, for Manufacturer to provide Customer with reasonable technical support to transfer production of a Product to a facility designated by Customer.';
  const doc = readPlainText(text);
  assert.equal(doc.paragraphs[0]!.headingLevel !== undefined, true);
  assert.ok(detectClauses(doc).some((c) => c.clauseId === 'post_termination_services'));
});

test("an exhibit's recital does not give the agreement its effective date", () => {
  const text = [
    'SERVICES AGREEMENT',
    'This Services Agreement is entered into by Alpha Inc. and Beta LLC and is dated March 14, 2018.',
    '1. Services. Alpha shall provide the Services described in Exhibit A.',
    '2. Fees. Beta shall pay the fees in Exhibit B.',
    '3. Confidentiality. Each party shall keep the other party\'s information confidential.',
    '4. Warranties. Alpha warrants that the Services will be performed in a workmanlike manner.',
    '5. Term. This Agreement shall commence as of the Effective Date and continue for one (1) year.',
    'EXHIBIT D',
    'WHEREAS, Licensee and Vendor have entered into a Hosting Agreement dated March 7, 2018 (the "Effective Date").',
  ].join('\n\n');
  const eff = detectClauses(readPlainText(text)).find((c) => c.clauseId === 'effective_date');
  assert.notEqual(eff?.values?.date, '2018-03-07');
});
