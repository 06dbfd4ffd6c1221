// How a mission's context shapes the review: whose side we protect, which package fits, how
// minor a deviation is still reported, and which findings the user's instructions put first.
import type { MissionContext, Severity } from '../types.js';
import type { PositionPackage, Position, Role } from '../playbook/schema.js';
import { SEVERITIES } from '../playbook/schema.js';

// ---------------------------------------------------------------- roles

const ROLE_WORDS: [Role, RegExp][] = [
  ['disclosing_party', /\b(disclos\w*|discloser|provider of (?:the )?information|information owner)\b/],
  ['receiving_party', /\b(recipient|receiv\w*|receiver)\b/],
  ['customer', /\b(customer|client|buyer|purchaser|licensee|subscriber|franchisee|distributor|reseller|company using)\b/],
  ['vendor', /\b(vendor|supplier|provider|seller|licensor|contractor|consultant|service provider|manufacturer|franchisor)\b/],
  ['mutual', /\b(mutual|both|neutral|balanced)\b/],
  ['either', /\b(either|any)\b/],
];

/** "Disclosing Party", "discloser", "the supplier" -> a package role; undefined when unrecognized. */
export function normalizeRole(text: string | undefined): Role | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase().replace(/[_-]+/g, ' ');
  for (const [role, re] of ROLE_WORDS) if (re.test(t)) return role;
  return undefined;
}

/**
 * The role of `partyName` as the contract itself defines it: `Acme Corp. ("Customer")` ->
 * customer. Looks only at the opening paragraphs, where parties are introduced.
 */
export function roleFromDocument(partyName: string, openingText: string): Role | undefined {
  const name = partyName.trim();
  if (name.length < 2) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(`${esc}[^"“”]{0,160}?(?:\\(|,)\\s*(?:the\\s+|hereinafter\\s+(?:referred\\s+to\\s+as\\s+)?)?["“]([A-Z][\\w ]{1,40})["”]`, 'i');
  const m = re.exec(openingText);
  return m ? normalizeRole(m[1]) : undefined;
}

/** Whether a position is in play for the side we represent. */
export function positionApplies(p: Position, role: Role | undefined, pkg: PositionPackage): boolean {
  if (!p.appliesTo) return true;
  const effective = role ?? pkg.representing;
  return p.appliesTo.includes(effective);
}

// ---------------------------------------------------------------- materiality

/** Accepted `materiality` words and the lowest severity each still reports. */
export const MATERIALITY_LEVELS: Record<string, Severity> = {
  all: 'info',
  any: 'info',
  trivial: 'info',
  info: 'info',
  minor: 'low',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  significant: 'medium',
  material: 'high',
  major: 'high',
  high: 'high',
  serious: 'high',
  critical: 'critical',
  fundamental: 'critical',
};

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The lowest severity still reported, and a note when the word was not understood. */
export function materialityThreshold(materiality: string | undefined): { min: Severity; note?: string } {
  if (!materiality || !materiality.trim()) return { min: 'info' };
  const key = materiality.trim().toLowerCase();
  const hit = MATERIALITY_LEVELS[key] ?? Object.entries(MATERIALITY_LEVELS).find(([w]) => new RegExp(`\\b${w}\\b`).test(key))?.[1];
  if (hit) return { min: hit };
  return {
    min: 'info',
    note: `Materiality "${materiality}" was not understood (use minor, significant, material or critical); all findings are reported.`,
  };
}

export function raiseSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, severityRank(s) + 1)];
}

// ---------------------------------------------------------------- instructions

const STOP = new Set(['of', 'to', 'for', 'on', 'the', 'a', 'an', 'and', 'or', 'in', 'by', 'no', 'non', 'party', 'parties', 'clause']);

function norm(text: string): string {
  return ` ${text.toLowerCase().replace(/[_\-–—/]+/g, ' ').replace(/[^a-z0-9& ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

/** The words and phrases that tie free text to a position: its keywords, its clause id as a phrase, and the id's distinctive words. */
export function positionTerms(p: Position): string[] {
  const idPhrase = p.clauseId.replace(/_/g, ' ');
  const idWords = p.clauseId.split('_').filter((w) => w.length > 3 && !STOP.has(w));
  const terms = new Set<string>([idPhrase, ...idWords, ...(p.keywords ?? [])].map((t) => norm(t).trim()).filter(Boolean));
  if (p.clauseId === 'non_compete') terms.add('noncompete');
  return [...terms];
}

/** Terms of `p` that the instructions mention (whole words; a trailing "s" is ignored). */
export function instructionMatches(p: Position, instructions: string | undefined): string[] {
  if (!instructions || !instructions.trim()) return [];
  const text = norm(instructions);
  return positionTerms(p).filter((term) => {
    const stem = term.replace(/s$/, '');
    return text.includes(` ${term} `) || text.includes(` ${stem} `) || text.includes(` ${stem}s `);
  });
}

// ---------------------------------------------------------------- package choice

const TYPE_SYNONYMS: [RegExp, string][] = [
  [/\bnda\b/g, 'non disclosure'],
  [/\bcda\b/g, 'confidential disclosure'],
  [/\bnon ?disclosure\b/g, 'non disclosure'],
  [/\bconfidentiality\b/g, 'confidentiality non disclosure'],
  [/\bsaas\b/g, 'software as a service subscription'],
  [/\bmsa\b/g, 'master services'],
  [/\bone ?way\b|\bunilateral\b/g, 'one way'],
  [/\blicen[cs]e\b/g, 'license'],
];
const TYPE_STOP = new Set(['agreement', 'contract', 'the', 'a', 'and', 'of', 'as', 'for', 'to']);

function typeTokens(text: string): Set<string> {
  let t = text.toLowerCase().replace(/[_\-–—/]+/g, ' ').replace(/[^a-z0-9 ]+/g, ' ');
  for (const [re, rep] of TYPE_SYNONYMS) t = t.replace(re, rep);
  return new Set(t.split(/\s+/).filter((w) => w && !TYPE_STOP.has(w)));
}

/** 0..1: how well an agreement type (or document title) fits a package's agreementTypes. */
export function agreementTypeScore(agreementType: string, pkg: PositionPackage): number {
  const a = typeTokens(agreementType);
  if (a.size === 0) return 0;
  let best = 0;
  for (const t of pkg.agreementTypes) {
    const b = typeTokens(t);
    if (b.size === 0) continue;
    let inter = 0;
    for (const w of a) if (b.has(w)) inter++;
    // Containment of the package's type in the user's words counts most ("Mutual NDA" in "mutual nda for vendors").
    const score = inter === 0 ? 0 : 0.7 * (inter / b.size) + 0.3 * (inter / a.size);
    best = Math.max(best, score);
  }
  return best;
}

export interface PackageChoice {
  pkg: PositionPackage;
  how: 'given' | 'agreement_type' | 'document_title' | 'role' | 'default';
  /** What was matched, for the explanation: "NDA", the title... */
  matched?: string;
}

export const DEFAULT_PACKAGE_ID = 'general-commercial';

/**
 * The best built-in package for the context: agreement type (or, failing that, the document's
 * title) fuzzy-matched against each package's agreementTypes, then the side we represent.
 */
export function choosePackage(
  packages: PositionPackage[],
  ctx: { agreementType?: string; title?: string; role?: Role },
): PackageChoice {
  const fallback = packages.find((p) => p.id === DEFAULT_PACKAGE_ID) ?? packages[0];
  const roleFit = (p: PositionPackage): number => {
    if (!ctx.role) return p.representing === 'mutual' || p.representing === 'either' ? 0.15 : 0;
    if (p.representing === ctx.role) return 0.3;
    if (ctx.role === 'mutual' || ctx.role === 'either') return p.representing === 'mutual' || p.representing === 'either' ? 0.3 : 0;
    if (p.representing === 'mutual' || p.representing === 'either') return 0.05;
    return -0.5;
  };
  const sources: [PackageChoice['how'], string | undefined][] = [
    ['agreement_type', ctx.agreementType],
    ['document_title', ctx.title],
  ];
  for (const [how, text] of sources) {
    if (!text || !text.trim()) continue;
    let best: { p: PositionPackage; s: number } | null = null;
    const tokens = typeTokens(text);
    const oneWay = tokens.has('one') && tokens.has('way');
    for (const p of packages) {
      const t = agreementTypeScore(text, p);
      if (t < 0.34) continue;
      let s = t + roleFit(p);
      // "One-way" and "mutual" contradict each other whatever else matches.
      if (oneWay && p.representing === 'mutual') s -= 0.5;
      if (tokens.has('mutual') && !ctx.role && (p.representing === 'disclosing_party' || p.representing === 'receiving_party')) s -= 0.2;
      if (!best || s > best.s) best = { p, s };
    }
    if (best && best.s > 0.34) return { pkg: best.p, how, matched: text.trim() };
  }
  if (ctx.role === 'disclosing_party' || ctx.role === 'receiving_party') {
    const p = packages.find((x) => x.representing === ctx.role);
    if (p) return { pkg: p, how: 'role' };
  }
  return { pkg: fallback, how: 'default' };
}
