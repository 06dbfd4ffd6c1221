// The literal gates in front of the taxonomy's cues (literals.ts) must never change a result: a
// sentence a cue matches always contains one of the words read from that cue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { literals, LiteralIndex } from '../../../src/review/clauses/literals.js';
import { taxonomy } from '../../../src/review/clauses/index.js';
import { buildContext } from '../../../src/review/clauses/context.js';
import { matchText } from '../../../src/review/clauses/scoring.js';
import { readPlainText } from '../../../src/review/document/text.js';

test('literals: the rarest mandatory word of each branch, none where a branch has none', () => {
  assert.deepEqual(literals('\\bin\\s+no\\s+event\\b[^.]{0,160}\\bliab\\w*'), ['event']);
  assert.deepEqual(literals('\\b(?:may|shall)\\s+not\\s+(?:\\w+\\s+){0,2}(?:assign|transfer)'), ['assign', 'transfer']);
  assert.deepEqual(literals('\\blicen[cs]e\\b|\\bfavou?rable'), ['licen', 'rable']);
  assert.deepEqual(literals('(?<!non-)\\bexclusivity\\b'), ['exclusivity']);
  assert.deepEqual(literals('\\b(?:automatically\\s+)?renew'), ['renew']);
  assert.equal(literals('\\b(?:is|are)\\s+(?:\\w+\\s+)?to\\b'), undefined, 'only short words');
  assert.equal(literals('^\\W*(?:except|save)\\b|[%§]\\s*\\d'), undefined, 'a branch with no word');
});

test('LiteralIndex: one pass finds every literal a text contains, overlapping ones included', () => {
  const index = new LiteralIndex();
  const ids = ['renew', 'newal', 'licen', 'sublicense', 'cen'].map((l) => index.id(l));
  const seen = index.scan('the sublicense may not be renewed');
  assert.deepEqual(ids.map((id) => seen[id]), [1, 0, 1, 1, 1]);
});

test('literal gates never hide a match: over the phrasing sets, every sentence a cue matches holds one of its words', () => {
  const texts: string[] = [];
  for (const f of ['./independent-phrasings.json', './independent-phrasings-2.json', './independent-phrasings-3.json', './independent-phrasings-4.json', './independent-phrasings-5.json']) {
    for (const c of JSON.parse(readFileSync(new URL(f, import.meta.url), 'utf8')) as { text: string }[]) {
      for (const u of buildContext(readPlainText(c.text)).units) texts.push(matchText(u));
    }
  }
  const misses: string[] = [];
  let gated = 0;
  for (const clause of taxonomy.clauses) {
    for (const cue of [...clause.cues, ...clause.negative]) {
      const lits = literals(cue.source);
      if (!lits) continue;
      gated++;
      for (const t of texts) {
        const lower = t.toLowerCase();
        if (cue.re.test(t) && !lits.some((l) => lower.includes(l))) misses.push(`${clause.id}: /${cue.source}/ matched "${t.slice(0, 80)}" without ${lits.join('|')}`);
      }
    }
  }
  assert.ok(gated > 500, `only ${gated} cues gated`);
  assert.deepEqual(misses, []);
});
