// Sentence-level scoring with the taxonomy's data-driven cues.
import { readText, type Unit } from './context.js';
import type { CompiledClause } from './taxonomy.js';
import { present, type LiteralIndex } from './literals.js';

export interface Hit {
  clause: CompiledClause;
  unit: Unit;
  score: number;
  /** The classifier's probability, for a sentence only the classifier found (index.ts). */
  p?: number;
}

const matchTexts = new WeakMap<Unit, string>();

/**
 * The sentence as cues see it: full stops that do not end anything ("Section 10.6", "$1.5 million",
 * "Inc.", "e.g.", "U.S.") become a one-dot leader (U+2024), so a cue's `[^.]{0,N}` window is not cut
 * short by a section number or an abbreviation. Excerpts and values still use the original text.
 */
export function matchText(unit: Unit): string {
  let t = matchTexts.get(unit);
  if (t === undefined) {
    t = readText(unit)
      .replace(/(\d)\.(?=\d)/g, '$1\u2024')
      .replace(/\b(Inc|Ltd|Corp|Co|No|Nos|Sec|Art|etc|vs|approx|Mr|Ms|Mrs|Dr|St|Jr|Sr)\.(?=\s*[,;:)(a-z0-9])/g, '$1\u2024')
      .replace(/\b([a-zA-Z])\.(?=[a-zA-Z]\.)/g, '$1\u2024')
      .replace(/\b(e\u2024g|i\u2024e|U\u2024S|U\u2024K)\./g, '$1\u2024');
    matchTexts.set(unit, t);
  }
  return t;
}

const scans = new WeakMap<LiteralIndex, WeakMap<Unit, Uint8Array>>();

/** Which of the taxonomy's literals the sentence contains (literals.ts), scanned once per sentence. */
function literalsIn(index: LiteralIndex, unit: Unit): Uint8Array {
  let byUnit = scans.get(index);
  if (!byUnit) scans.set(index, (byUnit = new WeakMap()));
  let seen = byUnit.get(unit);
  if (!seen) byUnit.set(unit, (seen = index.scan(matchText(unit).toLowerCase())));
  return seen;
}

/** Score one sentence for one clause; undefined when no positive cue matches the sentence itself. */
export function scoreUnit(clause: CompiledClause, unit: Unit): number | undefined {
  const seen = literalsIn(clause.index, unit);
  // A sentence with none of the words the clause's cues need cannot match any of them.
  if (!present(clause.anyLits, seen)) return undefined;
  const text = matchText(unit);
  if (!clause.any.test(text)) return undefined;
  let score = 0;
  let positive = false;
  for (const c of clause.cues) {
    if (present(c.lits, seen) && c.re.test(text)) {
      score += c.weight;
      if (c.weight > 0) positive = true;
    }
  }
  if (!positive) return undefined;
  for (const c of clause.negative) if (present(c.lits, seen) && c.re.test(text)) score -= Math.abs(c.weight);
  if (unit.heading) {
    let best = 0;
    for (const c of clause.headings) if (c.re.test(unit.heading)) best = Math.max(best, c.weight);
    score += best;
  }
  return score;
}

/** Does one of the clause's negative cues (language that looks like the clause but means otherwise) match the sentence? */
export function negated(clause: CompiledClause, unit: Unit): boolean {
  if (clause.negative.length === 0) return false;
  const seen = literalsIn(clause.index, unit);
  const text = matchText(unit);
  return clause.negative.some((c) => present(c.lits, seen) && c.re.test(text));
}

/**
 * The sentences that reach the clause's threshold, best first. `near`, when given, collects the
 * sentences where a positive cue matched but the score stayed below the threshold.
 */
export function scoreAll(clause: CompiledClause, units: Unit[], near?: Hit[]): Hit[] {
  const hits: Hit[] = [];
  for (const unit of units) {
    const score = scoreUnit(clause, unit);
    if (score === undefined) continue;
    if (score >= clause.threshold) hits.push({ clause, unit, score });
    else near?.push({ clause, unit, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.unit.paragraph.index - b.unit.paragraph.index);
}

export function confidence(score: number, threshold: number): number {
  const c = score / (score + Math.max(threshold, 0.5));
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}
