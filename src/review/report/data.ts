// What every document writer of the review gets: the review itself, plainly laid out.
import type { DocumentModel } from '../document/model.js';
import type { DetectedClause, ClauseLocation, ClauseValues } from '../clauses/model.js';
import type { MissionContext, MissionType, RiskLevel, Severity } from '../types.js';
import type { PositionPackage, Role } from '../playbook/schema.js';
import type { FindingsResult, ReviewedFinding } from '../findings/index.js';

export interface ReviewData {
  filename: string;
  date: Date;
  missionType: MissionType;
  context: MissionContext;
  role?: Role;
  pkg: PositionPackage;
  /** How the package was chosen, in words ("given by the team", "matched to the agreement type NDA"). */
  packageReason: string;
  doc: DocumentModel;
  clauses: DetectedClause[];
  result: FindingsResult;
  riskLevel: RiskLevel;
  summary: string;
  parties: string[];
  notes: string[];
}

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const ROLE_LABEL: Record<Role, string> = {
  mutual: 'both parties (mutual)',
  either: 'either party (balanced)',
  disclosing_party: 'the disclosing party',
  receiving_party: 'the receiving party',
  customer: 'the customer',
  vendor: 'the vendor / supplier',
};

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function locationText(l: ClauseLocation | null): string {
  if (!l) return 'Not found in the contract';
  const parts: string[] = [];
  if (l.section) parts.push(`Section ${l.section}`);
  if (l.heading) parts.push(`"${truncate(l.heading, 60)}"`);
  if (l.page) parts.push(`page ${l.page}`);
  if (!parts.length) parts.push(`paragraph ${l.paragraphIndex + 1}`);
  return parts.join(', ');
}

/** "Section 7.1" or "the provision under "Term"" for amendment language. */
export function sectionRef(l: ClauseLocation | null): string {
  if (!l) return 'the Agreement';
  if (l.section) return `Section ${l.section}`;
  if (l.heading) return `the section headed "${truncate(l.heading, 60)}"`;
  return 'the Agreement';
}

export function valuesText(v: ClauseValues | undefined): string {
  if (!v) return '';
  const out: string[] = [];
  if (v.jurisdiction) out.push(`jurisdiction: ${v.jurisdiction}`);
  if (v.date) out.push(`date: ${v.date}`);
  if (v.duration) out.push(`duration: ${v.duration.text}`);
  if (v.amount) out.push(`amount: ${v.amount.text}`);
  if (v.parties?.length) out.push(`parties: ${v.parties.join('; ')}`);
  if (v.flags?.length) out.push(v.flags.join(', ').replace(/_/g, ' '));
  return out.join(' · ');
}

export function truncate(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1).trimEnd()}…` : t;
}

export function documentName(d: ReviewData): string {
  return d.doc.title && d.doc.title.length < 120 ? `${d.doc.title} (${d.filename})` : d.filename;
}

export function byServerity(findings: ReviewedFinding[]): [Severity, ReviewedFinding[]][] {
  return SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.finding.severity === s)] as [Severity, ReviewedFinding[]]).filter(([, l]) => l.length > 0);
}

export function baseName(filename: string): string {
  const b = filename.replace(/^.*[\\/]/, '').replace(/\.(docx|pdf)$/i, '');
  const safe = b.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return safe.slice(0, 80) || 'contract';
}

export const DISCLAIMER =
  'Prepared automatically by Docket by holding the contract against the position package named above. ' +
  'It flags deviations from that playbook; it is not legal advice. Check the quoted text and the recommendations before relying on them.';
