// Trains the sentence classifier (src/review/clauses/classifier.ts) and measures it.
//   node --import tsx bench/clauses-train.ts [--write] [--cv]
// The data and the learner are in bench/lib/train.ts:
//   - the CUAD dev sample (TXT): every sentence the engine reads, a positive for a category when it
//     lies in a span the lawyers marked for it, a negative for every category whose spans it does
//     not touch;
//   - the independent phrasing sets (test/review/clauses/independent-phrasings*.json): each passage
//     a positive (or, for near-misses, a negative) for its own category only.
// --write trains on all of it and writes src/review/clauses/classifier.json.
// --cv prints held-out figures instead: CUAD 5-fold by contract (the model alone, the cues alone,
// and the engine with both) and leave-one-set-out on the phrasing sets.
// --fresh a.json [b.json ...] scores new phrasing sets the way each set is first measured: with a
// model trained on everything except them, the cues alone against the engine (cues and model).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClauses } from '../src/review/clauses/index.js';
import { buildContext } from '../src/review/clauses/context.js';
import { ClauseClassifier } from '../src/review/clauses/classifier.js';
import { readPlainText } from '../src/review/document/text.js';
import { cuadDir, loadLabels, type Row } from './lib/cuad.js';
import { C, CLAUSES, IDS, cuadInstances, setCases, setFiles, setInstances, train, trainBuiltin, unitText, unitsOf, type Instance } from './lib/train.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));

// ------------------------------------------------------------------ evaluation
interface Counts { tp: number; fp: number; fn: number }
const f1 = (c: Counts) => (c.tp + c.fp + c.fn ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : undefined);
function macro(by: Counts[]): number {
  const fs = by.map(f1).filter((x): x is number => x !== undefined);
  return fs.reduce((a, b) => a + b, 0) / fs.length;
}
const THRESHOLDS = [0.5, 0.7, 0.9];
const add = (c: Counts, got: boolean, want: boolean) => { if (got && want) c.tp++; else if (got) c.fp++; else if (want) c.fn++; };
const fmtCounts = (x: Counts[]) => `macro F1 ${macro(x).toFixed(3)} (TP ${x.reduce((a, c) => a + c.tp, 0)}, FP ${x.reduce((a, c) => a + c.fp, 0)}, FN ${x.reduce((a, c) => a + c.fn, 0)})`;

function cuadCv(rows: Row[], sets: Instance[]): void {
  const folds = 5;
  const alone = THRESHOLDS.map(() => IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 })));
  const cues = IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 }));
  const engine = IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 }));
  for (let k = 0; k < folds; k++) {
    const model = new ClauseClassifier(train([...cuadInstances(rows.filter((_, i) => i % folds !== k)), ...sets]));
    for (const row of rows.filter((_, i) => i % folds === k)) {
      const max = new Float64Array(C);
      for (const u of unitsOf(row.id)) {
        const p = model.probabilities(unitText(u), u.heading);
        for (let c = 0; c < C; c++) max[c] = Math.max(max[c]!, p[c]!);
      }
      const doc = readPlainText(readFileSync(resolve(cuadDir, 'txt', `${row.id}.txt`), 'utf8'));
      const byCues = new Set(detectClauses(doc, { classifier: null }).map((d) => d.clauseId));
      const byEngine = new Set(detectClauses(doc, { classifier: model }).map((d) => d.clauseId));
      IDS.forEach((id, c) => {
        const want = row.labels.get(CLAUSES[c]!.spec.cuad!)!.present;
        add(cues[c]!, byCues.has(id), want);
        add(engine[c]!, byEngine.has(id), want);
        THRESHOLDS.forEach((t, ti) => add(alone[ti]![c]!, max[c]! >= t, want));
      });
    }
  }
  console.log(`CUAD dev (TXT), ${folds}-fold by contract: each contract scored by a model that never saw it (the cues have seen all 40, so "cues" and "engine" are development scores; their difference is the model's doing)`);
  console.log(`  cues alone ${fmtCounts(cues)}; engine (cues and model) ${fmtCounts(engine)}`);
  console.log(`  model alone: ${THRESHOLDS.map((t, ti) => `p>=${t} ${fmtCounts(alone[ti]!)}`).join('; ')}`);
}

function setsCv(cuad: Instance[]): void {
  console.log('Phrasing sets, leave one set out: each set scored by a model trained on CUAD and the other sets (the cues have seen every set)');
  for (const held of setFiles) {
    const model = new ClauseClassifier(train([...cuad, ...setInstances(setFiles.filter((f) => f !== held))]));
    const alone = THRESHOLDS.map(() => IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 })));
    for (const c of setCases(held)) {
      const ci = IDS.indexOf(c.clause);
      if (ci < 0) continue;
      let max = 0;
      for (const u of buildContext(readPlainText(c.text)).units) max = Math.max(max, model.probabilities(unitText(u), u.heading)[ci]!);
      THRESHOLDS.forEach((t, ti) => add(alone[ti]![ci]!, max >= t, c.present));
    }
    console.log(`  ${held}: model alone ${THRESHOLDS.map((t, ti) => `p>=${t} ${macro(alone[ti]!).toFixed(3)}`).join(', ')}`);
  }
}

function fresh(files: string[]): void {
  const held = new Set(files.map((f) => basename(f)));
  const model = new ClauseClassifier(train([...cuadInstances(loadLabels()), ...setInstances(setFiles.filter((f) => !held.has(f)))]));
  console.log('| set | passages | engine: macro F1 | recall | near-misses detected | cues alone: macro F1 | recall | near-misses |\n|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const file of files) {
    const cases = JSON.parse(readFileSync(file, 'utf8')) as { clause: string; present: boolean; text: string }[];
    const by = { engine: new Map<string, Counts>(), cues: new Map<string, Counts>() };
    const near = { engine: 0, cues: 0 };
    for (const c of cases) {
      const doc = readPlainText(c.text);
      for (const [name, opt] of [['engine', model], ['cues', null]] as const) {
        const got = detectClauses(doc, { classifier: opt }).some((d) => d.clauseId === c.clause);
        const m = by[name];
        const s = m.get(c.clause) ?? { tp: 0, fp: 0, fn: 0 };
        add(s, got, c.present);
        m.set(c.clause, s);
        if (got && !c.present) near[name]++;
      }
    }
    const pos = cases.filter((c) => c.present).length;
    const cells = (['engine', 'cues'] as const).map((n) => {
      const x = [...by[n].values()];
      return `${macro(x).toFixed(3)} | ${x.reduce((a, c) => a + c.tp, 0)}/${pos} | ${near[n]}/${cases.length - pos}`;
    });
    console.log(`| \`${basename(file)}\` | ${cases.length} | ${cells.join(' | ')} |`);
  }
}

const rows = loadLabels();
if (args.has('--fresh')) fresh(process.argv.slice(2).filter((a) => a.endsWith('.json')));
if (args.has('--cv')) {
  const sets = setInstances(setFiles);
  cuadCv(rows, sets);
  setsCv(cuadInstances(rows));
}
if (args.has('--write')) {
  const model = trainBuiltin();
  const file = resolve(repoRoot, 'src/review/clauses/classifier.json');
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${file}: ${model.features.length} features, ${model.clauses.reduce((a, c) => a + c.weights.length / 2, 0)} weights`);
}

