// Clause detection: the taxonomy (data) scored sentence by sentence, with section context, and
// the values each clause family knows how to read. Pure and synchronous: no I/O after load.
import type { DocumentModel } from '../document/model.js';
import type { ClauseValues, DetectedClause } from './model.js';
import { buildContext, DEFINITION, readText, type DocContext, type Unit } from './context.js';
import { scoreAll, scoreUnit, negated, confidence, type Hit } from './scoring.js';
import { loadTaxonomy, type CompiledClause, type Taxonomy } from './taxonomy.js';
import { jurisdictionMatcher, type JurisdictionMatcher } from './governing-law.js';
import { findParties } from './parties.js';
import { findAgreementDate, effectiveDateValues, pickExpiration, unitText } from './dates.js';
import { durationRole, pickDuration, pickNoticeDuration, pickRenewalDuration } from './durations.js';
import { findAmount } from './amounts.js';
import { findDates } from './date-values.js';
import { affiliateDirection } from './affiliates.js';
import { loadClassifier, type ClauseClassifier } from './classifier.js';

export { loadTaxonomy, parseTaxonomy, compileTaxonomy, TaxonomyError, CUAD_IDS } from './taxonomy.js';
export type { Taxonomy, CompiledClause, ClauseSpec } from './taxonomy.js';
export type { DetectedClause, ClauseValues, Duration, Amount, ClauseLocation } from './model.js';

/** The built-in taxonomy, loaded and validated once. */
export const taxonomy: Taxonomy = loadTaxonomy();

export interface DetectOptions {
  /** Another taxonomy (e.g. an edited copy); defaults to the built-in one. */
  taxonomy?: Taxonomy;
  /** How many places to report per clause (best first). Default 3. */
  maxPerClause?: number;
  /** The sentence classifier read beside the cues (classifier.ts); null for the cues alone. Defaults to the built-in model. */
  classifier?: ClauseClassifier | null;
}

let builtinClassifier: ClauseClassifier | undefined;
/** The built-in model (classifier.json), loaded on first use. */
export function classifier(): ClauseClassifier {
  return (builtinClassifier ??= loadClassifier());
}

const matchers = new WeakMap<Taxonomy, JurisdictionMatcher>();

function excerptOf(text: string): string {
  return text.length > 1200 ? `${text.slice(0, 1197)}...` : text;
}

function toDetected(clause: CompiledClause, unit: Unit, score: number, values?: ClauseValues, probability?: number): DetectedClause {
  const p = unit.paragraph;
  return {
    clauseId: clause.id,
    title: clause.title,
    excerpt: excerptOf(unit.text),
    location: {
      paragraphIndex: p.index,
      paragraphIndexes: [p.index],
      ...(unit.section ? { section: unit.section } : {}),
      ...(unit.sectionHeading ? { heading: unit.sectionHeading } : {}),
      ...(p.page !== undefined ? { page: p.page } : {}),
    },
    confidence: probability !== undefined ? Math.round(Math.min(0.99, probability) * 100) / 100 : confidence(score, clause.threshold),
    ...(values && Object.keys(values).length ? { values } : {}),
  };
}

function flagsFor(clause: CompiledClause, unit: Unit, ctx: DocContext): string[] {
  const out: string[] = [];
  for (const f of clause.flags) {
    const text = f.scope === 'paragraph' ? ctx.byParagraph.get(unit.paragraph.index)!.map((u) => u.text).join(' ') : unit.text;
    if (f.re.test(text) && !out.includes(f.name)) out.push(f.name);
  }
  return out;
}

interface DocState {
  ctx: DocContext;
  tax: Taxonomy;
  agreementDate?: ReturnType<typeof findAgreementDate>;
  effectiveIso?: string;
  /** Index of the first paragraph of the exhibits and schedules, when the document has any. */
  attachmentsFrom?: number;
}

/** The first EXHIBIT / SCHEDULE / ANNEX heading after the body has begun. */
function attachmentsStart(ctx: DocContext): number | undefined {
  const first = ctx.units[0]?.paragraph.index;
  if (first === undefined) return undefined;
  for (const p of ctx.doc.paragraphs) {
    if (p.index <= first + 5 || p.headingLevel === undefined) continue;
    if (/^(?:EXHIBIT|SCHEDULE|ANNEX|APPENDIX|ATTACHMENT)\s+[A-Z0-9]{1,4}\b/.test(p.text)) return p.index;
  }
  return undefined;
}

/** Duration pickers that know what a length is for, tried on every hit before the `near` rule. */
const ROLE_PICKERS: Record<string, { picks: ((text: string) => ClauseValues['duration'])[]; skip: 'notice' | 'renewal' }> = {
  renewal_term: { picks: [pickRenewalDuration], skip: 'notice' },
  // A notice given against renewal in any hit before a notice period in the best hit.
  notice_period_to_terminate_renewal: { picks: [(t) => pickNoticeDuration(t, true), (t) => pickNoticeDuration(t)], skip: 'renewal' },
};

/** Values from the spec's extractor, trying hits best-first until one yields a value. */
function valuesFor(clause: CompiledClause, hits: Hit[], st: DocState): { hit: Hit; values: ClauseValues } | undefined {
  const ex = clause.spec.values?.extractor ?? 'none';
  // The agreement's own dates come from its body: an exhibit's recital ("the Services Agreement
  // dated March 7, 2018 (the "Effective Date")") defines another document's, and counts only
  // when the body says nothing about the date at all.
  if ((clause.id === 'effective_date' || clause.id === 'expiration_date') && st.attachmentsFrom !== undefined) {
    const body = hits.filter((h) => h.unit.paragraph.index < st.attachmentsFrom!);
    if (body.length) hits = body;
  }
  if (clause.id === 'expiration_date') {
    // Sentences are weighed against each other (a stated end beats a length measured from some
    // event), and the term may be stated where the cues did not look.
    const picked = pickExpiration(
      hits.map((h) => h.unit),
      { effective: st.effectiveIso ?? st.agreementDate?.date.iso, agreement: st.agreementDate?.date.iso ?? st.effectiveIso, ctx: st.ctx, bodyEnd: st.attachmentsFrom },
    );
    if (!picked) return undefined;
    return { hit: hits.find((h) => h.unit === picked.unit) ?? hits[0]!, values: picked.values };
  }
  // Renewal and notice lengths: first a duration the words around it make a renewal (or notice)
  // length, in any hit; only then the nearest duration to the taxonomy's `near` words.
  const role = ROLE_PICKERS[clause.id];
  if (role && ex === 'duration') {
    for (const pick of role.picks) {
      for (const hit of hits) {
        const d = pick(hit.unit.text);
        if (d) return { hit, values: { duration: d } };
      }
    }
  }
  for (const hit of hits) {
    const u = hit.unit;
    let v: ClauseValues | undefined;
    if (clause.id === 'effective_date') v = effectiveDateValues(u, st.agreementDate?.date, st.ctx);
    else if (ex === 'jurisdiction') {
      let m = matchers.get(st.tax);
      if (!m) matchers.set(st.tax, (m = jurisdictionMatcher(st.tax.jurisdictions)));
      const j = m.find(u.text);
      if (j) v = { jurisdiction: j.name, jurisdictionKind: j.kind };
    } else if (ex === 'duration') {
      const skip = role ? (d: Parameters<typeof durationRole>[1]) => durationRole(u.text, d) === role.skip : undefined;
      const d = pickDuration(u.text, clause.near, clause.spec.values?.window, skip);
      if (d) v = { duration: d };
    } else if (ex === 'amount') {
      const a = findAmount(u.text);
      if (a) v = { amount: a };
    } else if (ex === 'date') {
      const d = findDates(unitText(u, st.ctx)).find((x) => x.day);
      if (d) v = { date: d.iso, dateText: d.text };
    }
    if (v) return { hit, values: v };
  }
  // "effective as of the Effective Date set forth above / on the signature page", "the later of the
  // dates below": the date the parties signed or dated the agreement.
  if (clause.id === 'effective_date' && st.agreementDate && hits[0]) {
    return { hit: hits[0], values: { date: st.agreementDate.date.iso, dateText: st.agreementDate.date.text, fromAgreementDate: true } };
  }
  return undefined;
}

/**
 * Affiliate licences turn on direction (whose affiliates, grantor's or grantee's), which cues alone
 * cannot tell apart: a sentence counts when affiliates.ts puts the affiliates on this clause's side.
 */
const AFFILIATES = /affiliat|subsidiar|group\s+compan|\bgroup\b|related\s+bod(?:y|ies)\s+corporate|common\s+control/i;

function affiliateHits(clause: CompiledClause, ctx: DocContext): Hit[] {
  const side = clause.id === 'affiliate_license_licensor' ? 'licensor' : 'licensee';
  const other = side === 'licensor' ? 'licensee' : 'licensor';
  const hits: Hit[] = [];
  for (const unit of ctx.units) {
    if (!AFFILIATES.test(unit.text)) continue;
    const dir = affiliateDirection(unit.text);
    const cue = scoreUnit(clause, unit);
    // The direction read from the sentence decides; where it reads nothing, the taxonomy's cues
    // stand, unless the sentence plainly puts the affiliates on the other side.
    if (dir[side]) hits.push({ clause, unit, score: Math.max(cue ?? 0, clause.threshold + 1) });
    else if (cue !== undefined && cue >= clause.threshold && !dir[other]) hits.push({ clause, unit, score: cue });
  }
  return hits.sort((a, b) => b.score - a.score || a.unit.paragraph.index - b.unit.paragraph.index);
}

/**
 * What the classifier adds to the cues' sentences, most probable first: sentences where the cues
 * saw the clause's language but not enough of it (a positive cue matched, the score stayed under
 * the threshold) and the model, reading all of the sentence's words, confirms them; and sentences
 * the model is sure of on its own. A negative cue (a look-alike a lawyer wrote down: a non-renewal
 * notice is not termination for convenience) overrules the model, and a definition ('"Client IP"
 * means ...') is not a clause on the model's word, except where a definition states the term's dates.
 */
function learnedHits(clause: CompiledClause, ctx: DocContext, near: Hit[], cued: Hit[], model: ClauseClassifier, probs: () => Float64Array[]): Hit[] {
  const ci = model.ids.indexOf(clause.id);
  if (ci < 0) return [];
  const p = probs();
  const nearUnits = new Set(near.map((h) => h.unit));
  const cuedUnits = new Set(cued.map((h) => h.unit));
  const out: Hit[] = [];
  ctx.units.forEach((unit, i) => {
    if (cuedUnits.has(unit)) return;
    const pi = p[i]![ci]!;
    if (pi < model.confirm[ci]! || (pi < model.alone[ci]! && !nearUnits.has(unit))) return;
    if (negated(clause, unit)) return;
    if (clause.spec.family !== 'dates' && clause.spec.family !== 'durations' && DEFINITION.test(unit.text)) return;
    out.push({ clause, unit, score: clause.threshold, p: pi });
  });
  return out.sort((a, b) => b.p! - a.p! || a.unit.paragraph.index - b.unit.paragraph.index);
}

export function detectClauses(doc: DocumentModel, options: DetectOptions = {}): DetectedClause[] {
  const tax = options.taxonomy ?? taxonomy;
  const max = options.maxPerClause ?? 3;
  const ctx = buildContext(doc);
  const st: DocState = { ctx, tax, attachmentsFrom: attachmentsStart(ctx) };
  const out: DetectedClause[] = [];
  const model = options.classifier === undefined ? classifier() : options.classifier;
  let probs: Float64Array[] | undefined;
  const allProbs = () => (probs ??= ctx.units.map((u) => model!.probabilities(readText(u), u.heading)));

  const partiesClause = tax.byId.get('parties');
  if (partiesClause) {
    const p = findParties(ctx);
    if (p) out.push(toDetected(partiesClause, p.unit, partiesClause.threshold + 2, { parties: p.parties, ...(p.aliases.length ? { aliases: p.aliases } : {}) }));
  }
  st.agreementDate = findAgreementDate(ctx);
  const agreementClause = tax.byId.get('agreement_date');
  if (agreementClause && st.agreementDate) {
    out.push(toDetected(agreementClause, st.agreementDate.unit, agreementClause.threshold + 2, { date: st.agreementDate.date.iso, dateText: st.agreementDate.date.text }));
  }

  // Effective date before expiration: the expiration is often computed from it.
  const order = [...tax.clauses].sort((a, b) => (a.id === 'effective_date' ? -1 : b.id === 'effective_date' ? 1 : 0));
  for (const clause of order) {
    if (clause.id === 'parties' || clause.id === 'agreement_date') continue;
    const near: Hit[] = [];
    const cued = clause.id === 'affiliate_license_licensor' || clause.id === 'affiliate_license_licensee' ? affiliateHits(clause, ctx) : scoreAll(clause, ctx.units, near);
    // The cues' sentences first (they say why they matched), then those the classifier confirmed.
    const hits: Hit[] = [...cued, ...(model ? learnedHits(clause, ctx, near, cued, model, allProbs) : [])];
    if (hits.length === 0) continue;
    const withValue = valuesFor(clause, hits, st);
    if (clause.id === 'effective_date' && typeof withValue?.values.date === 'string') st.effectiveIso = withValue.values.date;
    const chosen: Hit[] = [];
    const seenParagraphs = new Set<number>();
    for (const h of hits) {
      if (seenParagraphs.has(h.unit.paragraph.index)) continue;
      seenParagraphs.add(h.unit.paragraph.index);
      chosen.push(h);
      if (chosen.length >= max) break;
    }
    // The clause's values (read from the best hit that has one) go on its first place; flags per place.
    chosen.forEach((h, i) => {
      const values: ClauseValues = i === 0 && withValue ? { ...withValue.values } : {};
      const flags = flagsFor(clause, i === 0 && withValue ? withValue.hit.unit : h.unit, ctx);
      if (flags.length) values.flags = [...new Set([...(values.flags ?? []), ...flags])];
      out.push(toDetected(clause, h.unit, h.score, values, h.p));
    });
  }
  return out;
}

/** Clause ids present in a document (each once), for quick checks and benchmarks. */
export function presentClauseIds(clauses: DetectedClause[]): Set<string> {
  return new Set(clauses.map((c) => c.clauseId));
}
