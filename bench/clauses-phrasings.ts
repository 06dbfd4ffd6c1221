// Clause detection on test/review/clauses/independent-phrasings.json: 12 sentences per CUAD category
// (8 that are the clause, 4 near-misses that are not), written by an author who had not seen the
// detector's cues or the CUAD dev files. Each sentence is read as a document of its own.
//   node --import tsx bench/clauses-phrasings.ts [--verbose]
// Prints per category: recall on the positives, how many near-misses were wrongly detected, and F1
// (positives as TP/FN, near-misses detected as FP), then the macro average.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectClauses } from '../src/review/clauses/index.js';
import { readPlainText } from '../src/review/document/text.js';

interface Case { clause: string; present: boolean; text: string }
const file = fileURLToPath(new URL('../test/review/clauses/independent-phrasings.json', import.meta.url));
const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];
const verbose = process.argv.includes('--verbose');

const by = new Map<string, { tp: number; fn: number; fp: number; tn: number }>();
const misses: string[] = [];
for (const c of cases) {
  const got = detectClauses(readPlainText(c.text)).some((d) => d.clauseId === c.clause);
  const s = by.get(c.clause) ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
  if (c.present) got ? s.tp++ : s.fn++;
  else got ? s.fp++ : s.tn++;
  by.set(c.clause, s);
  if (got !== c.present) misses.push(`${c.present ? 'missed  ' : 'invented'} ${c.clause}: ${c.text}`);
}

console.log('| clause id | positives found | near-misses detected | F1 |\n|---|--:|--:|--:|');
let sum = 0;
for (const [id, s] of [...by].sort()) {
  const f1 = (2 * s.tp) / (2 * s.tp + s.fp + s.fn);
  sum += f1;
  console.log(`| \`${id}\` | ${s.tp}/${s.tp + s.fn} | ${s.fp}/${s.fp + s.tn} | ${f1.toFixed(2)} |`);
}
const tot = [...by.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tn: a.tn + s.tn }), { tp: 0, fn: 0, fp: 0, tn: 0 });
console.log(`\nmacro F1 ${(sum / by.size).toFixed(3)} over ${by.size} categories; recall ${tot.tp}/${tot.tp + tot.fn}, near-misses detected ${tot.fp}/${tot.fp + tot.tn}`);
if (verbose) for (const m of misses) console.error(m);
