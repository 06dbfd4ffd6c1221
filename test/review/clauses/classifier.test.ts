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

test('features: stemmed words (numbers as #), adjacent pairs, and heading words marked h:', () => {
  assert.deepEqual(words('Licensee shall pay 8.5% of Net Sales ($1,000)'), ['license', 'shall', 'pai', '#', '%', 'of', 'net', 'sale', '$', '#']);
  assert.deepEqual([...featuresOf('Shall not solicit', 'Non-Solicitation')], ['shall', 'not', 'shall not', 'solicit', 'not solicit', 'h:non', 'h:solicit']);
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
  assert.ok(p >= classifier().alone[classifier().ids.indexOf('no_solicit_of_employees')]!);
  // Its confidence is the model's probability; the excerpt and place are the sentence's.
  assert.equal(hit.confidence, Math.round(Math.min(0.99, p) * 100) / 100);
  assert.equal(hit.excerpt, text);
  assert.equal(hit.location.paragraphIndex, 0);
});

/** A one-word model: `word` gives `clause` probability 0.8 (logit ln 4), whatever else the sentence says. */
function oneWord(clause: string, word: string, confirm: number, alone: number) {
  return parseClassifier(JSON.stringify({ version: 1, trainedOn: 'test', features: [word], clauses: [{ id: clause, bias: 0, confirm, alone, weights: [0, Math.log(4)] }] }));
}

test('a sentence counts on the model alone only at the stand-alone threshold', () => {
  const doc = readPlainText('The Supplier shall recruit and train enough staff to perform the Services.');
  assert.equal(detectClauses(doc, { classifier: oneWord('no_solicit_of_employees', 'recruit', 0.7, 0.9) }).some((c) => c.clauseId === 'no_solicit_of_employees'), false);
  const hit = detectClauses(doc, { classifier: oneWord('no_solicit_of_employees', 'recruit', 0.7, 0.75) }).find((c) => c.clauseId === 'no_solicit_of_employees');
  assert.equal(hit?.confidence, 0.8);
});

test('a sentence a cue saw below its threshold counts at the lower confirming threshold', () => {
  // A notice-period cue matches this sentence without reaching the clause threshold (no renewal in it).
  const doc = readPlainText('The Company may bring this Agreement to an end at its discretion by giving the Supplier not less than sixty days notice in writing.');
  const id = 'notice_period_to_terminate_renewal';
  assert.equal(detectClauses(doc, { classifier: null }).some((c) => c.clauseId === id), false);
  assert.equal(detectClauses(doc, { classifier: oneWord(id, 'notic', 0.85, 0.9) }).some((c) => c.clauseId === id), false);
  assert.equal(detectClauses(doc, { classifier: oneWord(id, 'notic', 0.75, 0.9) }).some((c) => c.clauseId === id), true);
  // Without any cue of the clause in the sentence, the confirming threshold does not apply.
  const plain = readPlainText('Notices under this Agreement shall be in writing and delivered by hand or by courier.');
  assert.equal(detectClauses(plain, { classifier: oneWord(id, 'notic', 0.5, 0.9) }).some((c) => c.clauseId === id), false);
});

test('a negative cue overrules the model, and the cues keep their own hits', () => {
  // Notice against renewal at the end of the initial term is not termination for convenience.
  const doc = readPlainText("Either party may terminate this Agreement at the end of the Initial Term by giving ninety (90) days' prior written notice to the other party.");
  assert.equal(detectClauses(doc, { classifier: oneWord('termination_for_convenience', 'termin', 0.5, 0.6) }).some((c) => c.clauseId === 'termination_for_convenience'), false);
  // A cap the cues find is reported as the cues report it, whatever the model says.
  const cap = readPlainText("IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY UNDER THIS AGREEMENT EXCEED THE FEES PAID HEREUNDER.");
  const byCues = detectClauses(cap, { classifier: null }).find((c) => c.clauseId === 'cap_on_liability');
  assert.ok(byCues);
  assert.deepEqual(detectClauses(cap, { classifier: oneWord('cap_on_liability', 'liabil', 0.5, 0.6) }).find((c) => c.clauseId === 'cap_on_liability'), byCues);
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
