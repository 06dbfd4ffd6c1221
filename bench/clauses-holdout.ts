// What the classifier adds on real contracts neither it nor the cues have seen.
//   node --import tsx bench/clauses-holdout.ts [--sweep] [--verbose]
// Every cue in today's taxonomy has been written with all 40 CUAD dev contracts in view, so the dev
// score cannot say what the classifier adds on new contracts. Git history can: until commit
// 094159a only cuad-001..020 had been read. This script checks that commit out (a git worktree in a
// temporary folder), lets its engine read cuad-021..040, trains a model on cuad-001..020 and the
// phrasing sets, and scores the contracts both ways: that commit's cues alone, and the same cues
// with the model added by the rule the engine uses (index.ts, learnedHits). Needs the repository's
// git history (a full clone). --sweep adds a grid of the model's thresholds; --verbose lists what
// the model added.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClauseClassifier } from '../src/review/clauses/classifier.js';
import { DEFINITION } from '../src/review/clauses/context.js';
import { cuadDir, loadLabels } from './lib/cuad.js';
import { CLAUSES, GRID, IDS, cuadInstances, setFiles, setInstances, train, withThresholds } from './lib/train.js';

const BEFORE_HELD_OUT = '094159a';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const rows = loadLabels();
const trainRows = rows.filter((r) => r.id <= 'cuad-020');
const testRows = rows.filter((r) => r.id > 'cuad-020');

interface OldUnit { text: string; heading: string; scores: Record<string, number>; negated: string[] }
interface OldDoc { present: string[]; units: OldUnit[]; thresholds: Record<string, number> }

// Run inside the old checkout: its own engine, its own taxonomy.
const DUMP = `
import { readFileSync, writeFileSync } from 'node:fs';
import { detectClauses, taxonomy } from './src/review/clauses/index.js';
import { buildContext } from './src/review/clauses/context.js';
import { scoreUnit, matchText } from './src/review/clauses/scoring.js';
import { readPlainText } from './src/review/document/text.js';
const [cuadDir, out, ...ids] = process.argv.slice(2);
const docs = {};
for (const id of ids) {
  const doc = readPlainText(readFileSync(cuadDir + '/txt/' + id + '.txt', 'utf8'));
  const units = buildContext(doc).units.map((u) => {
    const scores = {};
    const negated = [];
    for (const c of taxonomy.clauses) {
      const s = scoreUnit(c, u);
      if (s !== undefined) scores[c.id] = s;
      if (c.negative.some((n) => n.re.test(matchText(u)))) negated.push(c.id);
    }
    return { text: u.continued ? u.text + ' ' + u.continued : u.text, heading: u.heading, scores, negated };
  });
  docs[id] = { present: [...new Set(detectClauses(doc).map((d) => d.clauseId))], units, thresholds: Object.fromEntries(taxonomy.clauses.map((c) => [c.id, c.threshold])) };
}
writeFileSync(out, JSON.stringify(docs));
`;

const dir = mkdtempSync(join(tmpdir(), 'docket-holdout-'));
const tree = join(dir, 'tree');
let old: Record<string, OldDoc>;
try {
  execFileSync('git', ['-C', repoRoot, 'worktree', 'add', '--detach', tree, BEFORE_HELD_OUT], { stdio: 'ignore' });
  symlinkSync(resolve(repoRoot, 'node_modules'), join(tree, 'node_modules'));
  writeFileSync(join(tree, 'dump.ts'), DUMP);
  const out = join(dir, 'old.json');
  execFileSync(process.execPath, ['--import', 'tsx', 'dump.ts', cuadDir, out, ...testRows.map((r) => r.id)], { cwd: tree, stdio: 'inherit' });
  old = JSON.parse(readFileSync(out, 'utf8')) as Record<string, OldDoc>;
} finally {
  execFileSync('git', ['-C', repoRoot, 'worktree', 'remove', '--force', tree], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

const base = train([...cuadInstances(trainRows), ...setInstances(setFiles)]);
interface Counts { tp: number; fp: number; fn: number }
const add = (c: Counts, got: boolean, want: boolean) => { if (got && want) c.tp++; else if (got) c.fp++; else if (want) c.fn++; };
const f1 = (c: Counts) => (c.tp + c.fp + c.fn ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : undefined);
const macro = (x: Counts[]) => {
  const fs = x.map(f1).filter((v): v is number => v !== undefined);
  return fs.reduce((a, b) => a + b, 0) / fs.length;
};
const total = (x: Counts[]) => x.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });

/** Old cues alone, and with the model by the engine's rule (index.ts, learnedHits). */
function score(model: ClauseClassifier, changes?: string[]): { cues: Counts[]; both: Counts[] } {
  const cues = IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 }));
  const both = IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 }));
  for (const row of testRows) {
    const d = old[row.id]!;
    const probs = d.units.map((u) => model.probabilities(u.text, u.heading));
    IDS.forEach((id, c) => {
      const want = row.labels.get(CLAUSES[c]!.spec.cuad!)!.present;
      const byCues = d.present.includes(id);
      const mi = model.ids.indexOf(id);
      const learned = d.units.find((u, i) => {
        const p = probs[i]![mi]!;
        const s = u.scores[id];
        const near = s !== undefined && s < (d.thresholds[id] ?? 2);
        const family = CLAUSES[c]!.spec.family;
        if (family !== 'dates' && family !== 'durations' && DEFINITION.test(u.text)) return false;
        return !u.negated.includes(id) && (p >= model.alone[mi]! || (near && p >= model.confirm[mi]!));
      });
      add(cues[c]!, byCues, want);
      add(both[c]!, byCues || learned !== undefined, want);
      if (!byCues && learned) changes?.push(`${want ? 'found ' : 'FALSE '} ${row.id} ${id}: ${learned.text.slice(0, 140)}`);
    });
  }
  return { cues, both };
}

const changes: string[] = [];
const built = score(new ClauseClassifier(base), changes);
console.log(`cuad-021..040 (TXT), the ${IDS.length} categories the model reads; cues as of ${BEFORE_HELD_OUT}, model trained on cuad-001..020 and ${setFiles.length} phrasing sets, thresholds ${base.clauses[0]!.confirm} / ${base.clauses[0]!.alone}:`);
console.log('| | macro F1 | TP | FP | FN |\n|---|--:|--:|--:|--:|');
for (const [name, x] of [['cues alone', built.cues], ['cues and model', built.both]] as const) {
  const t = total(x);
  console.log(`| ${name} | **${macro(x).toFixed(3)}** | ${t.tp} | ${t.fp} | ${t.fn} |`);
}
if (process.argv.includes('--sweep')) {
  console.log('\nThe same with other thresholds (confirm / alone):\n| thresholds | macro F1 | TP | FP | FN |\n|---|--:|--:|--:|--:|');
  for (const [c, a] of GRID) {
    const x = score(new ClauseClassifier(withThresholds(base, c, a))).both;
    const t = total(x);
    console.log(`| ${c} / ${a} | ${macro(x).toFixed(3)} | ${t.tp} | ${t.fp} | ${t.fn} |`);
  }
}
if (process.argv.includes('--verbose')) for (const c of changes) console.error(c);
