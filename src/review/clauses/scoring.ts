// Sentence-level scoring with the taxonomy's data-driven cues.
import type { Unit } from './context.js';
import type { CompiledClause } from './taxonomy.js';

export interface Hit {
  clause: CompiledClause;
  unit: Unit;
  score: number;
}

/** Score one sentence for one clause; undefined when no positive cue matches the sentence itself. */
export function scoreUnit(clause: CompiledClause, unit: Unit): number | undefined {
  if (!clause.any.test(unit.text)) return undefined;
  let score = 0;
  let positive = false;
  for (const c of clause.cues) {
    if (c.re.test(unit.text)) {
      score += c.weight;
      if (c.weight > 0) positive = true;
    }
  }
  if (!positive) return undefined;
  for (const c of clause.negative) if (c.re.test(unit.text)) score -= Math.abs(c.weight);
  if (unit.heading) {
    let best = 0;
    for (const c of clause.headings) if (c.re.test(unit.heading)) best = Math.max(best, c.weight);
    score += best;
  }
  return score;
}

export function scoreAll(clause: CompiledClause, units: Unit[]): Hit[] {
  const hits: Hit[] = [];
  for (const unit of units) {
    const score = scoreUnit(clause, unit);
    if (score !== undefined && score >= clause.threshold) hits.push({ clause, unit, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.unit.paragraph.index - b.unit.paragraph.index);
}

export function confidence(score: number, threshold: number): number {
  const c = score / (score + Math.max(threshold, 0.5));
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}
