// Some templates (Common Paper) style whole clauses as "Heading 3": such prose is content to
// detect, not a heading to skip; and a definition of "control" is not a change-of-control clause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/corpus.js';
import { parseDocument } from '../../../src/review/document/index.js';
import { detectClauses } from '../../../src/review/clauses/index.js';

test('clauses written in heading-styled paragraphs are detected', async () => {
  const doc = await parseDocument(new Uint8Array(readFileSync(corpusPath('docx/commonpaper-professional-services-agreement.docx'))));
  const para = doc.paragraphs.find((p) => p.text.startsWith('Either party may terminate this Agreement or an SOW immediately if the other party'));
  assert.ok(para && para.headingLevel, 'the corpus file styles this clause as a heading');
  const found = detectClauses(doc).filter((c) => c.clauseId === 'termination_for_cause');
  assert.ok(found.some((c) => c.location.paragraphIndex === para!.index), 'termination for cause is found in it');
});

test('the definition of Affiliate is not a change-of-control clause', async () => {
  const doc = await parseDocument(new Uint8Array(readFileSync(corpusPath('docx/commonpaper-cloud-service-agreement.docx'))));
  const cc = detectClauses(doc).filter((c) => c.clauseId === 'change_of_control');
  assert.ok(cc.every((c) => !/^\W*Affiliate\W*\s+means/.test(c.excerpt)), cc.map((c) => c.excerpt).join('\n'));
});
