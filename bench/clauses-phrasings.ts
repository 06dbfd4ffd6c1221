// Clause detection on the independent phrasing sets, test/review/clauses/independent-phrasings*.json:
// 12 to 14 passages per CUAD category (most of them the clause, 4 near-misses that are not), each
// set written by an author who had seen neither the detector's cues nor the other sets. Each passage
// is read as a document of its own.
//   node --import tsx bench/clauses-phrasings.ts [--verbose] [file.json ...]
// Prints, per set, the macro F1 over categories (positives as TP/FN, detected near-misses as FP),
// recall and near-misses detected, for the engine (cues and classifier) and for the cues alone;
// with one file, the per-category table too. --verbose lists the passages the engine detects
// wrongly (on stderr).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClauses } from '../src/review/clauses/index.js';
import { readPlainText } from '../src/review/document/text.js';
import { setFiles } from './lib/train.js';

interface Case { clause: string; present: boolean; text: string }
interface Counts { tp: number; fn: number; fp: number; tn: number }

const dir = fileURLToPath(new URL('../test/review/clauses/', import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => a.endsWith('.json'));
const sets = files.length ? files : setFiles.map((f) => dir + f);

function score(file: string, cuesOnly = false): { by: Map<string, Counts>; misses: string[] } {
  const by = new Map<string, Counts>();
  const misses: string[] = [];
  for (const c of JSON.parse(readFileSync(file, 'utf8')) as Case[]) {
    const got = detectClauses(readPlainText(c.text), cuesOnly ? { classifier: null } : {}).some((d) => d.clauseId === c.clause);
    const s = by.get(c.clause) ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
    if (c.present) got ? s.tp++ : s.fn++;
    else got ? s.fp++ : s.tn++;
    by.set(c.clause, s);
    if (got !== c.present) misses.push(`${c.present ? 'missed  ' : 'invented'} ${c.clause}: ${c.text.replace(/\s+/g, ' ')}`);
  }
  return { by, misses };
}

const f1 = (s: Counts) => (2 * s.tp) / (2 * s.tp + s.fp + s.fn);

const f1Macro = (by: Map<string, Counts>) => [...by.values()].reduce((a, s) => a + f1(s), 0) / by.size;
const sum = (by: Map<string, Counts>) => [...by.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tn: a.tn + s.tn }), { tp: 0, fn: 0, fp: 0, tn: 0 });
console.log('| set | passages | macro F1 | recall | near-misses detected | cues alone: macro F1 | recall | near-misses |\n|---|--:|--:|--:|--:|--:|--:|--:|');
const results = sets.map((file) => ({ file, ...score(file), cues: score(file, true).by }));
for (const { file, by, cues } of results) {
  const tot = sum(by);
  const c = sum(cues);
  console.log(`| \`${basename(file)}\` | ${tot.tp + tot.fn + tot.fp + tot.tn} | **${f1Macro(by).toFixed(3)}** | ${tot.tp}/${tot.tp + tot.fn} | ${tot.fp}/${tot.fp + tot.tn} | ${f1Macro(cues).toFixed(3)} | ${c.tp}/${c.tp + c.fn} | ${c.fp}/${c.fp + c.tn} |`);
}
if (results.length === 1) {
  console.log('\n| clause id | positives found | near-misses detected | F1 |\n|---|--:|--:|--:|');
  for (const [id, s] of [...results[0]!.by].sort()) console.log(`| \`${id}\` | ${s.tp}/${s.tp + s.fn} | ${s.fp}/${s.fp + s.tn} | ${f1(s).toFixed(2)} |`);
}
if (verbose) for (const r of results) for (const m of r.misses) console.error(`${basename(r.file)}: ${m}`);
