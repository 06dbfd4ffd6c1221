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
// --sweep prints the engine's macro F1 on phrasing sets 6 and up (never used for cues), each left out
// of the model's training in turn, for a grid of the model's two thresholds (confirm / alone).
// --fresh a.json [b.json ...] scores new phrasing sets the way each set is first measured: with a
// model trained on everything except them, the cues alone against the engine (cues and model).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClauses } from '../src/review/clauses/index.js';
import { buildContext, readText } from '../src/review/clauses/context.js';
import { ClauseClassifier } from '../src/review/clauses/classifier.js';
import { readPlainText } from '../src/review/document/text.js';
import { cuadDir, loadLabels, type Row } from './lib/cuad.js';
import { C, CLAUSES, IDS, GRID, cuadInstances, setCases, setFiles, setInstances, setNumber, train, trainBuiltin, unitsOf, withThresholds, type Instance } from './lib/train.js';

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
  const grid = GRID.map(() => IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 })));
  for (let k = 0; k < folds; k++) {
    const base = train([...cuadInstances(rows.filter((_, i) => i % folds !== k)), ...sets]);
    const model = new ClauseClassifier(base);
    const grids = GRID.map(([c, a]) => new ClauseClassifier(withThresholds(base, c, a)));
    for (const row of rows.filter((_, i) => i % folds === k)) {
      const max = new Float64Array(C);
      for (const u of unitsOf(row.id)) {
        const p = model.probabilities(readText(u), u.heading);
        for (let c = 0; c < C; c++) max[c] = Math.max(max[c]!, p[c]!);
      }
      const doc = readPlainText(readFileSync(resolve(cuadDir, 'txt', `${row.id}.txt`), 'utf8'));
      const byCues = new Set(detectClauses(doc, { classifier: null }).map((d) => d.clauseId));
      const byEngine = new Set(detectClauses(doc, { classifier: model }).map((d) => d.clauseId));
      const byGrid = grids.map((g) => new Set(detectClauses(doc, { classifier: g }).map((d) => d.clauseId)));
      IDS.forEach((id, c) => {
        const want = row.labels.get(CLAUSES[c]!.spec.cuad!)!.present;
        add(cues[c]!, byCues.has(id), want);
        add(engine[c]!, byEngine.has(id), want);
        byGrid.forEach((g, gi) => add(grid[gi]![c]!, g.has(id), want));
        THRESHOLDS.forEach((t, ti) => add(alone[ti]![c]!, max[c]! >= t, want));
      });
    }
  }
  console.log(`CUAD dev (TXT), ${folds}-fold by contract: each contract scored by a model that never saw it (the cues have seen all 40, so "cues" and "engine" are development scores; their difference is the model's doing)`);
  console.log(`  cues alone ${fmtCounts(cues)}; engine (cues and model) ${fmtCounts(engine)}`);
  console.log(`  model alone: ${THRESHOLDS.map((t, ti) => `p>=${t} ${fmtCounts(alone[ti]!)}`).join('; ')}`);
  console.log(`  engine with other thresholds (confirm / alone): ${GRID.map(([c, a], gi) => `${c} / ${a} ${fmtCounts(grid[gi]!)}`).join('; ')}`);
}

function setsCv(cuad: Instance[]): void {
  console.log('Phrasing sets, leave one set out: each set scored by a model trained on CUAD and the other sets. The cues were written with sets 1 to 5 in view, never with the later ones, so for sets 6 and up the engine figure is held out as a whole.');
  console.log(`| set | model alone ${THRESHOLDS.map((t) => `p>=${t}`).join(' | ')} | cues alone | engine |\n|---|${THRESHOLDS.map(() => '--:|').join('')}--:|--:|`);
  for (const held of setFiles) {
    const model = new ClauseClassifier(train([...cuad, ...setInstances(setFiles.filter((f) => f !== held))]));
    const alone = THRESHOLDS.map(() => IDS.map((): Counts => ({ tp: 0, fp: 0, fn: 0 })));
    const by = { cues: new Map<string, Counts>(), engine: new Map<string, Counts>() };
    for (const c of setCases(held)) {
      const doc = readPlainText(c.text);
      for (const [name, opt] of [['engine', model], ['cues', null]] as const) {
        const s = by[name].get(c.clause) ?? { tp: 0, fp: 0, fn: 0 };
        add(s, detectClauses(doc, { classifier: opt }).some((d) => d.clauseId === c.clause), c.present);
        by[name].set(c.clause, s);
      }
      const ci = IDS.indexOf(c.clause);
      if (ci < 0) continue;
      let max = 0;
      for (const u of buildContext(doc).units) max = Math.max(max, model.probabilities(readText(u), u.heading)[ci]!);
      THRESHOLDS.forEach((t, ti) => add(alone[ti]![ci]!, max >= t, c.present));
    }
    console.log(`| \`${held}\` | ${THRESHOLDS.map((_, ti) => macro(alone[ti]!).toFixed(3)).join(' | ')} | ${macro([...by.cues.values()]).toFixed(3)} | **${macro([...by.engine.values()]).toFixed(3)}** |`);
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

function sweep(): void {
  const cuad = cuadInstances(loadLabels());
  const held = setFiles.filter((f) => setNumber(f) >= 6);
  const sums = GRID.map(() => 0);
  console.log(`| set | ${GRID.map((g) => g.join(' / ')).join(' | ')} |\n|---|${GRID.map(() => '--:|').join('')}`);
  for (const file of held) {
    const base = train([...cuad, ...setInstances(setFiles.filter((f) => f !== file))]);
    const models = GRID.map(([c, a]) => new ClauseClassifier(withThresholds(base, c, a)));
    const by = GRID.map(() => new Map<string, Counts>());
    for (const cs of setCases(file)) {
      const doc = readPlainText(cs.text);
      models.forEach((m, i) => {
        const s = by[i]!.get(cs.clause) ?? { tp: 0, fp: 0, fn: 0 };
        add(s, detectClauses(doc, { classifier: m }).some((d) => d.clauseId === cs.clause), cs.present);
        by[i]!.set(cs.clause, s);
      });
    }
    const f = by.map((m) => macro([...m.values()]));
    f.forEach((x, i) => (sums[i] += x));
    console.log(`| \`${file}\` | ${f.map((x) => x.toFixed(3)).join(' | ')} |`);
  }
  console.log(`| mean | ${sums.map((x) => `**${(x / held.length).toFixed(3)}**`).join(' | ')} |`);
}

const rows = loadLabels();
if (args.has('--sweep')) sweep();
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

