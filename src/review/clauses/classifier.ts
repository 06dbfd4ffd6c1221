// A learned second opinion beside the taxonomy's cues: one logistic-regression model per clause
// over the words and word pairs of a sentence and the words of the headings it sits under. The
// cues say exactly why they matched, but each covers only the phrasings someone wrote down; the
// model has read every labelled passage (bench/clauses-train.ts) and weighs all of their words,
// so it recognises rephrasings no cue names ("shall not, directly or indirectly, engage in any
// business that ..." without the word "compete").
//
// The model is data, like the taxonomy: classifier.json, written by the training script and
// versioned with the code. Scoring is a sparse dot product: no network, no model download, a few
// microseconds per sentence.
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { stemmer } from 'stemmer';

const ModelSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** How the model was trained (data, epochs, regularisation), for the record. */
    trainedOn: Type.String(),
    /** Feature strings; a feature's index is its position here. */
    features: Type.Array(Type.String()),
    clauses: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          bias: Type.Number(),
          /** The probability a sentence needs to count as the clause when a cue of the clause matched it too (below the cue threshold). */
          confirm: Type.Number({ minimum: 0, maximum: 1 }),
          /** The probability a sentence needs to count as the clause on the model's word alone. */
          alone: Type.Number({ minimum: 0, maximum: 1 }),
          /** Flat pairs: feature index, weight, feature index, weight, ... */
          weights: Type.Array(Type.Number()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ModelFile = Static<typeof ModelSchema>;

const stems = new Map<string, string>();
function stem(w: string): string {
  let s = stems.get(w);
  if (s === undefined) stems.set(w, (s = stemmer(w)));
  return s;
}

/** The words a feature is built from: lower-cased letters, numbers as "#", money and percent signs. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|\d+(?:[.,\u2024]\d+)*|[$£€%]/g)?.map((w) => (/^\d/.test(w) ? '#' : stem(w))) ?? [];
}

/** A sentence's features: its words and adjacent word pairs, and "h:" + each word of its headings. */
export function featuresOf(text: string, heading = ''): Set<string> {
  const out = new Set<string>();
  const w = words(text);
  for (let i = 0; i < w.length; i++) {
    out.add(w[i]!);
    if (i > 0) out.add(`${w[i - 1]} ${w[i]}`);
  }
  for (const h of words(heading)) out.add(`h:${h}`);
  return out;
}

export class ClauseClassifier {
  readonly version: number;
  readonly ids: string[];
  readonly confirm: Float64Array;
  readonly alone: Float64Array;
  private readonly bias: Float64Array;
  /** Feature -> [clause index, weight, clause index, weight, ...]: a sentence touches only its own features. */
  private readonly index = new Map<string, Float64Array>();

  constructor(model: ModelFile) {
    this.version = model.version;
    this.ids = model.clauses.map((c) => c.id);
    this.bias = Float64Array.from(model.clauses.map((c) => c.bias));
    this.confirm = Float64Array.from(model.clauses.map((c) => c.confirm));
    this.alone = Float64Array.from(model.clauses.map((c) => c.alone));
    const lists = new Map<number, number[]>();
    model.clauses.forEach((c, ci) => {
      for (let i = 0; i < c.weights.length; i += 2) {
        const f = c.weights[i]!;
        let l = lists.get(f);
        if (!l) lists.set(f, (l = []));
        l.push(ci, c.weights[i + 1]!);
      }
    });
    for (const [f, l] of lists) {
      const name = model.features[f];
      if (name === undefined) throw new Error(`classifier model: weight for feature ${f}, which the model does not list`);
      this.index.set(name, Float64Array.from(l));
    }
  }

  /** Probability per clause (in `ids` order) that the sentence is that clause. */
  probabilities(text: string, heading = ''): Float64Array {
    const z = Float64Array.from(this.bias);
    for (const f of featuresOf(text, heading)) {
      const l = this.index.get(f);
      if (!l) continue;
      for (let i = 0; i < l.length; i += 2) z[l[i]!] += l[i + 1]!;
    }
    for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
    return z;
  }
}

export function parseClassifier(json: string): ClauseClassifier {
  const data: unknown = JSON.parse(json);
  if (!Value.Check(ModelSchema, data)) {
    const e = [...Value.Errors(ModelSchema, data)][0];
    throw new Error(`classifier model: ${e?.path || '/'} ${e?.message ?? 'is invalid'}`);
  }
  return new ClauseClassifier(data);
}

export function loadClassifier(url: URL = new URL('./classifier.json', import.meta.url)): ClauseClassifier {
  return parseClassifier(readFileSync(url, 'utf8'));
}
