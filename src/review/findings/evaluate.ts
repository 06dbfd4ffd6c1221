// One position against the clauses detected in the document: does the contract meet it?
// A failure always points at detected text (or at its absence): nothing here guesses.
import type { DetectedClause } from '../clauses/model.js';
import type { Position } from '../playbook/schema.js';
import {
  compareAmounts,
  formatDays,
  jurisdictionMatches,
  normalizeDetectedAmount,
  parseRuleAmount,
  parseRuleDuration,
} from '../playbook/values.js';
import { describeReading, directionHolds, lean, readBearings, readClause, type PartyMap, type Reading } from './direction.js';

export type FailureKind = 'missing' | 'prohibited' | 'too_long' | 'too_short' | 'too_high' | 'too_low' | 'not_allowed' | 'one_sided';

export interface Failure {
  kind: FailureKind;
  /** The detected clause the failure is about; null when the clause is missing. */
  clause: DetectedClause | null;
  /** What was found, in words: "ten (10) years", "Texas", "only the Customer". */
  found?: string;
  /** The exact text of the offending value, when a value swap can fix it (a substring of the excerpt's paragraph). */
  valueText?: string;
  /** The position's limit, in words: "5 years", "Delaware, New York". */
  limit?: string;
  /** One sentence stating the deviation. */
  statement: string;
  /** Who the clause binds or empowers, relative to the represented side, when the sentence tells. */
  reading?: Reading;
}

/** What a document says about which party a clause binds, from the detector's flags or the text. */
export type Sidedness = { kind: 'mutual' } | { kind: 'one_sided'; bound?: string } | { kind: 'unknown' };

const MUTUAL_TEXT = /\b(?:each|either|both|neither)\s+(?:of\s+the\s+)?part(?:y|ies)\b|\bmutual(?:ly)?\b|\bthe\s+parties\s+(?:shall|will|agree|each)\b|\beach\s+of\s+(?:us|them)\b|\breciprocal/i;
/** Terms that name a role either party can take; an obligation on "the Recipient" is mutual when the document defines the role for either party. */
const ROLE_TERM = /\b(recipient|receiving party|disclosing party|discloser|indemnifying party|indemnified party|breaching party)\b/i;
const FIXED_SUBJECT = /\b(?:the\s+)?(customer|client|company|supplier|vendor|provider|service provider|licensee|licensor|contractor|consultant|distributor|reseller|buyer|seller|purchaser|subscriber|employee|franchisee|franchisor|manufacturer|developer|agent)\b(?:['’]s)?\s+(?:shall|will|must|agrees|undertakes|may not|shall not|will not|is responsible|hereby)/i;

/**
 * Mutual or one-sided. `roleDefinedMutually` says whether the document defines its role terms
 * ("Recipient", "Disclosing Party") as applying to each party, as mutual NDAs do.
 */
export function sidedness(clause: DetectedClause, roleDefinedMutually: boolean): Sidedness {
  const flags = clause.values?.flags ?? [];
  if (flags.includes('mutual')) return { kind: 'mutual' };
  if (flags.includes('one_sided') || flags.includes('unilateral')) {
    const m = FIXED_SUBJECT.exec(clause.excerpt) ?? ROLE_TERM.exec(clause.excerpt);
    return { kind: 'one_sided', bound: m ? titleCase(m[1]) : undefined };
  }
  const text = clause.excerpt;
  if (MUTUAL_TEXT.test(text)) return { kind: 'mutual' };
  const fixed = FIXED_SUBJECT.exec(text);
  if (fixed) return { kind: 'one_sided', bound: titleCase(fixed[1]) };
  const role = ROLE_TERM.exec(text);
  if (role) return roleDefinedMutually ? { kind: 'mutual' } : { kind: 'one_sided', bound: titleCase(role[1]) };
  return { kind: 'unknown' };
}

const DISCLAIMS = [
  /\b(?:no|nor any)\s+(?:other\s+)?(?:right|licen[cs]e|title|interest)s?\b[^.;]{0,80}\b(?:is|are|will be|shall be)\s+(?:hereby\s+)?(?:granted|conveyed|transferred|implied)/i,
  /\bnothing\s+in\s+this\s+(?:agreement|section|mnda)\b[^.;]{0,120}\b(?:grants?|licen[cs]es?|assigns?|transfers?|prevents?|restricts?|limits?|prohibits?|obligates?|requires?)\b/i,
  /\b(?:does|do|will|shall)\s+not\s+(?:be\s+construed\s+to\s+)?(?:grant|transfer|assign|convey|create)\b[^.;]{0,60}\b(?:right|licen[cs]e|title|interest|ownership|exclusiv)/i,
  /\bretains?\s+all\s+(?:of\s+its\s+)?(?:right|intellectual\s+property|ownership)/i,
  /\b(?:is|are)\s+not\s+(?:obligated|required)\s+to\s+(?:enter|deal|purchase)/i,
];

/** Whether the sentence states the absence of what a clause family grants or restricts. */
export function disclaims(text: string): boolean {
  return DISCLAIMS.some((re) => re.test(text));
}

function titleCase(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Whether the document defines its role terms for either party ("each party ... as the "Recipient""). */
export function rolesDefinedMutually(fullText: string, title?: string): boolean {
  if (title && /\bmutual\b/i.test(title)) return true;
  const t = fullText.slice(0, 200_000);
  if (/["“](?:recipient|receiving party|discloser|disclosing party)["”]\s+(?:means|shall mean|refers to)\s+(?:a|any|each|either|the)\s+party\b/i.test(t)) return true;
  if (/\b(?:each|any|either)\s+(?:recipient|receiving party|discloser|disclosing party)\b|\bby\s+or\s+on\s+behalf\s+of\s+a\s+(?:discloser|disclosing party)\b/i.test(t)) return true;
  return (
    /\b(?:each|either|a|the)\s+party\b[^.]{0,160}?\b(?:as\s+(?:the\s+|a\s+)?)?["“']?(?:recipient|receiving party|disclosing party|discloser)["”']?/i.test(t) &&
    /\b(?:each|either)\s+party\b[^.]{0,200}?\b(?:recipient|receiving|disclos)/i.test(t)
  ) || /\bmutual\s+(?:non[-\s]?disclosure|confidentiality|nda)\b/i.test(t);
}

function clauseTitle(p: Position, c: DetectedClause | null): string {
  return (c?.title ?? p.clauseId.replace(/_/g, ' ')).toLowerCase();
}

function where(c: DetectedClause): string {
  const l = c.location;
  if (l.section) return ` (section ${l.section})`;
  if (l.heading) return ` (under "${l.heading}")`;
  if (l.page) return ` (page ${l.page})`;
  return '';
}

export interface EvaluateOptions {
  roleDefinedMutually: boolean;
  /** Which party labels are ours and which the counterparty's (findings/direction.ts); without it, `direction` is not applied. */
  parties?: PartyMap;
}

/** Whether the map tells our side from theirs. */
function knowsSides(map: PartyMap | undefined): map is PartyMap {
  return !!map && (!!map.role || map.labels.some((l) => l.side === 'us'));
}

/** " It binds the Customer (the counterparty)." or "" when the sentence does not say. */
function whoSentence(r: Reading | undefined): string {
  const d = r && describeReading(r);
  if (!d) return '';
  const lean =
    r!.leaning === 'against_us' ? ', which works against your side' : r!.leaning === 'for_us' ? ', which favours your side' : '';
  return ` It ${d}${lean}.`;
}

/** Evaluates one position; null when the contract meets it (or nothing in it can be compared). */
export function evaluatePosition(p: Position, found: DetectedClause[], opts: EvaluateOptions): Failure | null {
  const r = p.rule;
  const all = found;
  const map = opts.parties;
  const direction = p.direction ?? 'any';
  const readings = new Map<DetectedClause, Reading>(all.map((c) => [c, readClause(c, map)]));
  // A position with a direction holds only the clauses that bear the way it cares about; clauses
  // whose direction cannot be read (or a review whose side is unknown) are held as before.
  const directed = direction !== 'any' && knowsSides(map);
  found = directed ? all.filter((c) => directionHolds(direction, readings.get(c)!)) : all;
  const unread = (c: DetectedClause) =>
    direction !== 'any' && (!knowsSides(map) || readings.get(c)!.leaning === 'unknown')
      ? ` Docket could not tell which party it ${/for_us/.test(direction) ? 'benefits' : 'binds'}, so it is reported as found.`
      : '';
  // For `required`, a clause bearing the wrong way counts as present unless the position asks for one in our favour.
  const present = (direction === 'for_us' || !r.required ? found : all).length > 0;
  const first = found[0] ?? null;

  if (r.prohibited) {
    // A sentence that disclaims the thing ("no licence is granted", "nothing restricts either party
    // from competing") is the opposite of the clause the position prohibits.
    const real = found.filter((c) => !disclaims(c.excerpt));
    if (!real.length) return null;
    const c = real[0]!;
    const rd = readings.get(c);
    return {
      kind: 'prohibited',
      clause: c,
      statement: `The contract contains a ${clauseTitle(p, c)} provision${where(c)}, which this playbook does not accept.${whoSentence(rd)}${unread(c)}`,
      ...(rd ? { reading: rd } : {}),
    };
  }
  if (r.required && !present) {
    // Present, but only in a form that does not protect us ("Provider may terminate for convenience").
    const other = all.find((c) => !disclaims(c.excerpt));
    if (other) {
      const rd = readings.get(other)!;
      const d = describeReading(rd);
      return {
        kind: 'missing',
        clause: null,
        statement: `The ${clauseTitle(p, other)} provision${where(other)} ${d ? `${d}, not your side` : 'does not protect your side'}; the contract has none in your favour.`,
        reading: rd,
      };
    }
    return {
      kind: 'missing',
      clause: null,
      statement: `No ${clauseTitle(p, null)} provision was found in the contract.`,
    };
  }
  if (!present || !found.length) return null;

  if (r.max_duration || r.min_duration) {
    const withValue = found.find((c) => c.values?.duration || c.values?.flags?.includes('perpetual'));
    if (withValue) {
      const d = withValue.values?.duration;
      const perpetual = !d && withValue.values?.flags?.includes('perpetual');
      const days = d ? d.days : Infinity;
      const text = d ? d.text : 'perpetual';
      const max = r.max_duration ? parseRuleDuration(r.max_duration) : null;
      const min = r.min_duration ? parseRuleDuration(r.min_duration) : null;
      if (max && days > max.days) {
        return {
          kind: 'too_long',
          clause: withValue,
          found: perpetual ? 'perpetual (no end date)' : text,
          valueText: d?.text,
          limit: r.max_duration,
          statement: perpetual
            ? `The ${clauseTitle(p, withValue)}${where(withValue)} has no end: it is perpetual, while the playbook allows at most ${r.max_duration}.`
            : `The ${clauseTitle(p, withValue)}${where(withValue)} is ${text}${approx(d!.days, text)}, longer than the ${r.max_duration} the playbook allows.`,
        };
      }
      if (min && days < min.days) {
        return {
          kind: 'too_short',
          clause: withValue,
          found: text,
          valueText: d?.text,
          limit: r.min_duration,
          statement: `The ${clauseTitle(p, withValue)}${where(withValue)} is ${text}${approx(days, text)}, shorter than the ${r.min_duration} the playbook requires.`,
        };
      }
    }
  }

  if (r.max_amount || r.min_amount) {
    for (const c of found) {
      const a = c.values?.amount;
      if (!a) continue;
      const detected = normalizeDetectedAmount(a);
      if (!detected) continue;
      const max = r.max_amount ? parseRuleAmount(r.max_amount) : null;
      const min = r.min_amount ? parseRuleAmount(r.min_amount) : null;
      const vsMax = max ? compareAmounts(detected, max) : null;
      const vsMin = min ? compareAmounts(detected, min) : null;
      if (vsMax === 1) {
        return {
          kind: 'too_high',
          clause: c,
          found: a.text,
          valueText: a.text,
          limit: r.max_amount,
          statement: `The ${clauseTitle(p, c)}${where(c)} is set at "${a.text}", above the playbook's maximum of ${r.max_amount}.`,
        };
      }
      if (vsMin === -1) {
        return {
          kind: 'too_low',
          clause: c,
          found: a.text,
          valueText: a.text,
          limit: r.min_amount,
          statement: `The ${clauseTitle(p, c)}${where(c)} is set at "${a.text}", below the playbook's minimum of ${r.min_amount}.`,
        };
      }
      if (vsMax !== null || vsMin !== null) break; // compared and within limits
    }
  }

  if (r.one_of) {
    const withJ = found.find((c) => typeof c.values?.jurisdiction === 'string' && c.values.jurisdiction);
    if (withJ) {
      const j = withJ.values!.jurisdiction as string;
      if (!jurisdictionMatches(j, r.one_of)) {
        return {
          kind: 'not_allowed',
          clause: withJ,
          found: j,
          valueText: j,
          limit: r.one_of.join(', '),
          statement: `The ${clauseTitle(p, withJ)}${where(withJ)} names ${j}, which is not among the accepted choices (${r.one_of.join(', ')}).`,
        };
      }
    } else {
      const withFlag = found.find((c) => c.values?.flags?.length);
      const allowed = r.one_of.map((v) => v.toLowerCase());
      if (withFlag && !withFlag.values!.flags!.some((f) => allowed.includes(f.toLowerCase()))) {
        const f = withFlag.values!.flags!.join(', ');
        return {
          kind: 'not_allowed',
          clause: withFlag,
          found: f,
          limit: r.one_of.join(', '),
          statement: `The ${clauseTitle(p, withFlag)}${where(withFlag)} is "${f}", not one of ${r.one_of.join(', ')}.`,
        };
      }
    }
  }

  if (r.mutual) {
    // The clause is one-sided only if every place it was found is one-sided (and, where the
    // sentences name the parties, the places do not bind each side in turn).
    const sides = all.map((c) => ({ c, s: sidedness(c, opts.roleDefinedMutually) }));
    if (sides.some((x) => x.s.kind === 'mutual')) return null;
    if (knowsSides(map)) {
      const whole = lean(all.flatMap((c) => readBearings(c.excerpt, map)));
      if (whole.leaning !== 'unknown') {
        if (!whole.oneSided) return null;
        // One-sided in our favour: a problem only for positions without a direction.
        if (direction !== 'any' && !whole.oneSidedAgainstUs) return null;
        const c = all.find((x) => readings.get(x)!.oneSidedAgainstUs) ?? all.find((x) => readings.get(x)!.leaning !== 'unknown') ?? all[0]!;
        const who = whole.boundLabel ?? whole.empoweredLabel ?? 'one party';
        const verb = whole.boundLabel ? 'bind' : 'benefit';
        const favour = whole.oneSidedAgainstUs ? ' It favours the counterparty.' : whole.forUs ? ' It favours your side.' : '';
        return {
          kind: 'one_sided',
          clause: c,
          found: `${verb}s only ${who}`,
          statement: `The ${clauseTitle(p, c)}${where(c)} appears to ${verb} only ${who}, not both parties.${favour}`,
          reading: whole,
        };
      }
    }
    const one = sides.find((x) => x.s.kind === 'one_sided');
    if (one && one.s.kind === 'one_sided') {
      return {
        kind: 'one_sided',
        clause: one.c,
        found: one.s.bound ? `binds only the ${one.s.bound}` : 'one-sided',
        statement: `The ${clauseTitle(p, one.c)}${where(one.c)} appears to bind only ${one.s.bound ? `the ${one.s.bound}` : 'one party'}, not both parties.${unread(one.c)}`,
      };
    }
  }
  return null;
}

function approx(days: number, text: string): string {
  if (!Number.isFinite(days)) return '';
  const f = formatDays(days);
  const n = /^\d+/.exec(f)?.[0];
  return n && !text.includes(n) ? ` (about ${f})` : '';
}
