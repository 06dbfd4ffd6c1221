// The sentence classifier beside the cues: what it adds to detection, that its model file is checked,
// and that the committed classifier.json is exactly what bench/clauses-train.ts trains from the data
// in this repository (so the model can be rebuilt, and never drifts from its training data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectClauses, classifier } from '../../../src/review/clauses/index.js';
import { featuresOf, parseClassifier, words } from '../../../src/review/clauses/classifier.js';
import { readPlainText } from '../../../src/review/document/text.js';
import { CUAD_IDS } from '../../../src/review/clauses/taxonomy.js';
import { corpusPath } from '../../support/corpus.js';

test('features: words (numbers as #), adjacent pairs, and heading words marked h:', () => {
  assert.deepEqual(words('Licensee shall pay 8.5% of Net Sales ($1,000)'), ['licensee', 'shall', 'pay', '#', '%', 'of', 'net', 'sales', '$', '#']);
  assert.deepEqual([...featuresOf('Shall not solicit', 'Non-Solicitation')], ['shall', 'not', 'shall not', 'solicit', 'not solicit', 'h:non', 'h:solicitation']);
});

test('the built-in model covers every CUAD category except those with readers of their own', () => {
  const m = classifier();
  const own = ['parties', 'agreement_date', 'affiliate_license_licensor', 'affiliate_license_licensee'];
  assert.deepEqual([...m.ids].sort(), CUAD_IDS.filter((id) => !own.includes(id)).sort());
  for (let i = 0; i < m.ids.length; i++) assert.ok(m.confirm[i]! < m.alone[i]!, `${m.ids[i]}: confirm threshold below the stand-alone one`);
});

test('the classifier finds what the cues miss: a sentence it is sure of on its own', () => {
  const text = 'Each Party shall refrain from recruiting any person who is, or within the preceding twelve months was, on the payroll of the other Party.';
  const doc = readPlainText(text);
  assert.equal(detectClauses(doc, { classifier: null }).some((c) => c.clauseId === 'no_solicit_of_employees'), false);
  const hit = detectClauses(doc).find((c) => c.clauseId === 'no_solicit_of_employees');
  assert.ok(hit, 'detected with the classifier');
  const p = classifier().probabilities(text)[classifier().ids.indexOf('no_solicit_of_employees')]!;
  assert.ok(p >= 0.9);
  // Its confidence is the model's probability; the excerpt and place are the sentence's.
  assert.equal(hit.confidence, Math.round(Math.min(0.99, p) * 100) / 100);
  assert.equal(hit.excerpt, text);
  assert.equal(hit.location.paragraphIndex, 0);
});

test('the classifier leaves alone what it is unsure of, and the cues keep their own hits first', () => {
  // A most-favoured-customer promise the model rates around 0.7 with no cue to confirm it: not reported.
  const mfn = readPlainText('Supplier will not charge Customer more for the Services than it charges any other customer purchasing comparable volumes.');
  const m = classifier();
  const p = m.probabilities(mfn.paragraphs[0]!.text)[m.ids.indexOf('most_favored_nation')]!;
  assert.ok(p > 0.5 && p < 0.9, `p = ${p}`);
  assert.equal(detectClauses(mfn).some((c) => c.clauseId === 'most_favored_nation'), false);
  // A cap the cues find is reported with the cues' confidence, unchanged by the model.
  const cap = readPlainText("IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY UNDER THIS AGREEMENT EXCEED THE FEES PAID HEREUNDER.");
  assert.deepEqual(detectClauses(cap, { classifier: null }).find((c) => c.clauseId === 'cap_on_liability'), detectClauses(cap).find((c) => c.clauseId === 'cap_on_liability'));
});

test('a model file that does not fit the schema is refused with the place that is wrong', () => {
  const good = readFileSync(new URL('../../../src/review/clauses/classifier.json', import.meta.url), 'utf8');
  const bad = JSON.parse(good) as { clauses: { confirm: unknown }[] };
  bad.clauses[3]!.confirm = 'high';
  assert.throws(() => parseClassifier(JSON.stringify(bad)), /^Error: classifier model: \/clauses\/3\/confirm /);
  const dangling = JSON.parse(good) as { clauses: { weights: number[] }[] };
  dangling.clauses[0]!.weights.push(10_000_000, 1);
  assert.throws(() => parseClassifier(JSON.stringify(dangling)), /weight for feature 10000000, which the model does not list/);
});

test('classifier.json is exactly what bench/clauses-train.ts trains from the CUAD dev sample and the phrasing sets', async () => {
  corpusPath('cuad-dev/labels.csv');
  const { trainBuiltin } = await import('../../../bench/lib/train.js');
  const committed = JSON.parse(readFileSync(new URL('../../../src/review/clauses/classifier.json', import.meta.url), 'utf8')) as unknown;
  assert.deepEqual(trainBuiltin(), committed, 'retrain with: node --import tsx bench/clauses-train.ts --write');
});
