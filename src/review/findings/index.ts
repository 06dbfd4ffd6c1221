// Positions x detected clauses -> findings: one per failed position, each traced to the
// position and to the detected text (or its absence), then shaped by the mission's context.
import type { DetectedClause } from '../clauses/model.js';
import type { Finding, MissionContext, Severity } from '../types.js';
import type { Position, PositionPackage, Role } from '../playbook/schema.js';
import { evaluatePosition, type Failure } from './evaluate.js';
import { buildPartyMap } from './direction.js';
import {
  instructionMatches,
  materialityThreshold,
  positionApplies,
  raiseSeverity,
  severityRank,
} from './context.js';

export { riskLevel } from './risk.js';
export { evaluatePosition, sidedness, rolesDefinedMutually } from './evaluate.js';
export type { Failure, FailureKind } from './evaluate.js';
export { buildPartyMap, readBearings, readClause, lean, directionHolds, describeReading } from './direction.js';
export type { PartyMap, Bearing, Reading, Side, Effect, Leaning } from './direction.js';
export * from './context.js';

export interface ReviewedFinding {
  finding: Finding;
  position: Position;
  failure: Failure;
  /** Severity before instructions raised it. */
  baseSeverity: Severity;
  /** Instruction terms that raised the severity, if any. */
  raisedBy: string[];
}

export interface FindingsInput {
  pkg: PositionPackage;
  clauses: DetectedClause[];
  context?: MissionContext;
  /** The side we represent, already resolved from the context (undefined = the package's own side). */
  role?: Role;
  /** Whether the document defines role terms ("Recipient") for either party: see rolesDefinedMutually. */
  roleDefinedMutually?: boolean;
}

export interface FindingsResult {
  /** Reported findings, most severe first, then in document order. */
  findings: ReviewedFinding[];
  /** Failed positions below the materiality threshold (not reported). */
  belowThreshold: ReviewedFinding[];
  /** Positions evaluated (after role filtering). */
  positionsChecked: number;
  minSeverity: Severity;
  /** Positions the instructions matched, whether or not they failed. */
  instructionMatches: { positionId: string; clauseId: string; terms: string[] }[];
  notes: string[];
}

export function buildFindings(input: FindingsInput): FindingsResult {
  const { pkg, clauses, context = {} } = input;
  const byClause = new Map<string, DetectedClause[]>();
  for (const c of clauses) {
    const list = byClause.get(c.clauseId);
    if (list) list.push(c);
    else byClause.set(c.clauseId, [c]);
  }
  const { min, note } = materialityThreshold(context.materiality);
  const notes = note ? [note] : [];
  const positions = pkg.positions.filter((p) => positionApplies(p, input.role, pkg));
  const matches: FindingsResult['instructionMatches'] = [];
  // Whose side each party label is on: the defined names in the preamble and the side we represent.
  const parties = buildPartyMap(clauses, {
    role: input.role ?? (pkg.representing === 'mutual' || pkg.representing === 'either' ? undefined : pkg.representing),
    representingParty: context.representingParty,
    roleDefinedMutually: input.roleDefinedMutually ?? false,
  });
  const failed: ReviewedFinding[] = [];

  for (const p of positions) {
    const terms = instructionMatches(p, context.instructions);
    if (terms.length) matches.push({ positionId: p.id, clauseId: p.clauseId, terms });
    const failure = evaluatePosition(p, byClause.get(p.clauseId) ?? [], { roleDefinedMutually: input.roleDefinedMutually ?? false, parties });
    if (!failure) continue;
    const severity = terms.length ? raiseSeverity(p.severity) : p.severity;
    let explanation = `${failure.statement} ${p.rationale.trim()}`;
    if (terms.length && severity !== p.severity) {
      explanation += ` Priority raised from ${p.severity} to ${severity} because your instructions mention ${terms.map((t) => `"${t}"`).join(', ')}.`;
    } else if (terms.length) {
      explanation += ` Your instructions mention ${terms.map((t) => `"${t}"`).join(', ')}.`;
    }
    const suggestion = suggestionFor(p, failure);
    failed.push({
      position: p,
      failure,
      baseSeverity: p.severity,
      raisedBy: terms,
      finding: {
        id: '',
        positionId: p.id,
        clauseId: p.clauseId,
        severity,
        title: p.title,
        explanation,
        recommendation: p.recommendation.trim(),
        excerpt: failure.clause?.excerpt ?? null,
        location: failure.clause?.location ?? null,
        ...(suggestion ? { suggestedText: suggestion } : {}),
      },
    });
  }

  failed.sort(
    (a, b) =>
      severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
      (a.finding.location?.paragraphIndex ?? Infinity) - (b.finding.location?.paragraphIndex ?? Infinity) ||
      positions.indexOf(a.position) - positions.indexOf(b.position),
  );
  const reported = failed.filter((f) => severityRank(f.finding.severity) >= severityRank(min));
  const below = failed.filter((f) => severityRank(f.finding.severity) < severityRank(min));
  reported.forEach((f, i) => (f.finding.id = `F${String(i + 1).padStart(2, '0')}`));
  below.forEach((f, i) => (f.finding.id = `B${String(i + 1).padStart(2, '0')}`));
  return { findings: reported, belowThreshold: below, positionsChecked: positions.length, minSeverity: min, instructionMatches: matches, notes };
}

/** The language the redline would propose for this failure, if the position has any. */
export function suggestionFor(p: Position, failure: Failure): string | undefined {
  const f = p.fallback;
  if (!f) return undefined;
  const clean = (s?: string) => s?.replace(/\s+/g, ' ').trim();
  if (failure.kind === 'missing') return clean(f.insert);
  if (failure.valueText && f.replaceValue) return clean(f.replaceValue);
  return clean(f.replace) ?? (failure.kind === 'prohibited' ? undefined : undefined);
}
