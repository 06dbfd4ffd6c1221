// The engine's public input and output. Plain data: it crosses a worker-thread boundary.
import type { DocumentStats } from './document/model.js';
import type { DetectedClause, ClauseLocation } from './clauses/model.js';

export type MissionType = 'redline' | 'analysis' | 'draft' | 'research' | 'addendum';
export const MISSION_TYPES: readonly MissionType[] = ['redline', 'analysis', 'draft', 'research', 'addendum'];

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface MissionContext {
  counterparty?: string;
  agreementType?: string;
  representingParty?: string;
  representingPartyRole?: string;
  materiality?: string;
  instructions?: string;
}

export interface Finding {
  id: string;
  positionId: string;
  clauseId: string;
  severity: Severity;
  title: string;
  explanation: string;
  recommendation: string;
  excerpt: string | null;
  location: ClauseLocation | null;
  /** The playbook's proposed language for this finding (replacement or clause to insert), when it has one. */
  suggestedText?: string;
}

/** A document the review produced, before it is stored (the worker adds id, size and URL). */
export interface ProducedDocument {
  kind: 'redline' | 'report' | 'draft' | 'addendum';
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface ReviewInput {
  bytes: Uint8Array;
  filename: string;
  mimeType: string;
  missionType: MissionType;
  context?: MissionContext;
  /** The position package chosen by the API layer (team default or override); undefined = pick by context. */
  positionPackage?: unknown;
  /** Called as the engine moves between stages ("parsing", "reviewing", "drafting", ...). */
  onStage?: (stage: string) => void;
}

export interface ReviewResults {
  summary: string;
  riskLevel: RiskLevel | null;
  findingsCount: number;
  findings: Finding[];
  clauses: DetectedClause[];
  document: { format: 'docx' | 'pdf'; title?: string; stats: DocumentStats; warnings: string[] };
  positionPackage?: { id: string; name: string; version?: string } | null;
  /** How the context shaped the review (engine-filled; optional for older results). */
  review?: ReviewDetails;
}

export interface ReviewDetails {
  /** The side whose positions were applied: a package role ("disclosing_party", "customer", ...). */
  representing: string;
  /** Why this package: "chosen for this mission", "matched to the agreement type “NDA”"... */
  packageChoice: string;
  /** The lowest severity reported (from `materiality`). */
  minimumSeverity: Severity;
  positionsChecked: number;
  /** Deviations found but below the materiality threshold (not in `findings`). */
  belowThresholdCount: number;
  /** Position ids the instructions matched (their findings were raised one severity step). */
  instructionMatches: string[];
  /** For redline missions: edits planned, applied to the document, and skipped. */
  redline?: { edits: number; applied: number; skipped: number };
  /** Sentences a user may want to know (ignored context values, conflicts, unplaced edits). */
  notes: string[];
}

export interface ReviewOutput {
  results: ReviewResults;
  documents: ProducedDocument[];
}
