// Who a clause binds and who it empowers, read from its sentence: the subject of "shall",
// "may terminate", "agrees not to", "grants"..., mapped to our side or the counterparty's through
// the contract's defined names (`Acme Corp. ("Customer")`) and role labels ("Provider",
// "Licensee", "Recipient"). Positions with a `direction` use it to hold only the clauses that
// bear against (or, for `required`, in favour of) the side we represent. Pure string work.
import type { DetectedClause } from '../clauses/model.js';
import type { Direction, Role } from '../playbook/schema.js';
import { normalizeRole } from './context.js';

/** Whose side a party label is on, relative to the represented party. */
export type Side = 'us' | 'them' | 'both';

/**
 * duty: must do something (shall pay, will indemnify, grants, assigns);
 * restraint: must not (shall not compete, may not assign, neither party may);
 * power: a right exercised against the other side (may terminate, audit, suspend, increase);
 * liberty: a freedom over one's own affairs (may assign, transfer, use, disclose to advisers).
 */
export type Effect = 'duty' | 'restraint' | 'power' | 'liberty';

export interface Bearing {
  /** The subject as written: "Customer", "either party", "Acme". */
  party: string;
  side?: Side;
  effect: Effect;
}

/** How a clause bears on the represented side. */
export type Leaning = 'against_us' | 'for_us' | 'balanced' | 'unknown';

export interface Reading {
  leaning: Leaning;
  /** The sides bound (duty/restraint) and empowered (power/liberty), for the explanation. */
  bound: Side[];
  empowered: Side[];
  /** "the Customer", "both parties": the party the clause binds, in words, when known. */
  boundLabel?: string;
  empoweredLabel?: string;
  /** Binds us or empowers the counterparty (a right both sides hold over their own affairs does not count). */
  againstUs: boolean;
  /** Binds only us, or gives only the counterparty a right. */
  oneSidedAgainstUs: boolean;
  /** Binds the counterparty or empowers us. */
  forUs: boolean;
  /** Whether only one party is bound (or, for a clause of rights, only one empowered). */
  oneSided: boolean;
}

export interface PartyLabel {
  /** Matches the label as a whole word sequence. */
  re: RegExp;
  label: string;
  side: 'us' | 'them';
}

export interface PartyMap {
  labels: PartyLabel[];
  /** The role we represent, when a concrete one (customer, vendor, disclosing/receiving party). */
  role?: Role;
  /** Whether role terms ("Recipient") apply to either party, as in mutual NDAs. */
  roleDefinedMutually: boolean;
}

const COUNTERPART: Partial<Record<Role, Role>> = {
  customer: 'vendor',
  vendor: 'customer',
  disclosing_party: 'receiving_party',
  receiving_party: 'disclosing_party',
};

const CONCRETE = new Set<Role>(['customer', 'vendor', 'disclosing_party', 'receiving_party']);
const NDA_ROLES = new Set<Role>(['disclosing_party', 'receiving_party']);

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function labelRe(label: string): RegExp {
  return new RegExp(`(?:^|[^\\w])${esc(label)}(?:['’]s)?$`, 'i');
}

/** The role a label names, limited to concrete roles. */
function concreteRole(label: string): Role | undefined {
  const r = normalizeRole(label);
  return r && CONCRETE.has(r) ? r : undefined;
}

/**
 * Which labels are ours and which the counterparty's: the defined names of the parties clause
 * (aliases, in the order the parties appear) and the represented party's name or role. Returns
 * undefined when neither the role nor the party name tells us which side we are on.
 */
export function buildPartyMap(
  clauses: DetectedClause[],
  opts: { role?: Role; representingParty?: string; roleDefinedMutually?: boolean },
): PartyMap | undefined {
  const role = opts.role && CONCRETE.has(opts.role) ? opts.role : undefined;
  const parties = clauses.find((c) => c.clauseId === 'parties');
  const names = (parties?.values?.parties ?? []) as string[];
  const aliases = ((parties?.values?.aliases ?? []) as unknown[]).filter((a): a is string => typeof a === 'string');
  const labels: PartyLabel[] = [];
  const add = (label: string, side: 'us' | 'them') => {
    const l = label.trim();
    if (l.length < 2 || labels.some((x) => x.label.toLowerCase() === l.toLowerCase())) return;
    if (/^(?:either|each|both|neither|any|the)\s+part/i.test(l)) return;
    labels.push({ re: labelRe(l), label: l, side });
  };
  const rep = opts.representingParty?.trim().toLowerCase();
  // Pair each party's name with its defined alias (same order in the preamble) when the counts agree.
  const pairs: { name?: string; alias?: string }[] =
    names.length === aliases.length ? names.map((n, i) => ({ name: n, alias: aliases[i] })) : aliases.map((a) => ({ alias: a }));
  const sideOf = (p: { name?: string; alias?: string }): 'us' | 'them' | undefined => {
    if (rep && rep.length >= 2) {
      const hit = [p.name, p.alias].some((x) => x && (x.toLowerCase() === rep || x.toLowerCase().startsWith(rep) || rep.startsWith(x.toLowerCase())));
      if (hit) return 'us';
    }
    const r = p.alias ? concreteRole(p.alias) : undefined;
    if (r && role) {
      if (r === role) return 'us';
      if (r === COUNTERPART[role]) return 'them';
    }
    return undefined;
  };
  const sides = pairs.map(sideOf);
  // Two parties and one side known: the other party is the other side.
  if (pairs.length === 2 && sides.filter(Boolean).length === 1) {
    const known = sides[0] ?? sides[1];
    const other = known === 'us' ? 'them' : 'us';
    if (!sides[0]) sides[0] = other;
    else sides[1] = other;
  }
  pairs.forEach((p, i) => {
    const s = sides[i];
    if (!s) return;
    if (p.alias) add(p.alias, s);
    if (p.name) {
      add(p.name, s);
      // "Acme Corp." is "Acme" in the operative text.
      const short = p.name.replace(/,?\s+(?:Inc|Incorporated|Corp|Corporation|Company|Co|LLC|L\.L\.C|Ltd|Limited|LP|LLP|PLC|GmbH|AG|S\.A|SA|B\.V|N\.V|Pty)\.?$/i, '').trim();
      if (short !== p.name && short.length >= 3) add(short, s);
    }
  });
  if (rep && !labels.some((l) => l.side === 'us') && opts.representingParty) add(opts.representingParty, 'us');
  if (!role && !labels.length) return undefined;
  return { labels, role, roleDefinedMutually: opts.roleDefinedMutually ?? false };
}

// ---------------------------------------------------------------- reading a sentence

const BOTH = /(?:^|\s)(?:either|each|both|neither|any|all)\s+(?:of\s+the\s+)?part(?:y|ies)$|(?:^|\s)the\s+parties$|(?:^|\s)each\s+of\s+(?:us|them)$/i;
/** Role terms either party can take; a duty on "the Recipient" binds both when the document says so. */
const SWITCHING_ROLE = /(?:^|\s)(?:recipient|receiving\s+party|disclosing\s+party|discloser|indemnifying\s+party|indemnified\s+party|protected\s+party|breaching\s+party|non-breaching\s+party|terminating\s+party|assigning\s+party|affected\s+party|other\s+party)$/i;

// The predicate after the subject: negatives first (restraint), then rights, then duties.
const PREDICATE =
  /\s+(?:(?:also|hereby|further|expressly|irrevocably|unconditionally|shall|will|agrees?|undertakes?|covenants?)\s+)*?(?:(shall\s+not|will\s+not|must\s+not|may\s+not|cannot|can\s+not|agrees?\s+not\s+to|undertakes?\s+not\s+to|covenants?\s+not\s+to|(?:is|are)\s+(?:prohibited|not\s+(?:permitted|allowed|entitled))|shall\s+(?:refrain|be\s+prohibited)|will\s+refrain|refrains?)|(may|can|(?:is|are|shall\s+be|will\s+be)\s+(?:entitled|permitted|allowed|free)|(?:has|have|shall\s+have|will\s+have|reserves?|retains?)\s+(?:the\s+|an?\s+|sole\s+)*(?:right|option|power|discretion))|(shall|will|must|agrees?\s+to|undertakes?\s+to|covenants?\s+to|(?:is|are|shall\s+be|will\s+be)\s+(?:required|obligated|obliged|responsible|liable)|hereby\s+(?:grants?|assigns?|transfers?|licen[cs]es?|waives?)|grants?|assigns?\s+to|indemnif(?:y|ies)|pays?))\b(?:\s+(?:to|the\s+right\s+to|at\s+any\s+time|(?:for\s+)?any\s+reason|,)?\s*)?([a-z-]+)?/gi;

const SHIELD = /^\s+(?:(?:shall|will|does|do|is|are|must)\s+)?(?:not\s+(?:be|become)\s+(?:liable|responsible|obligated|required)|(?:have|has|bear|bears|assume|assumes)\s+no\s+(?:liability|responsibility|obligation)|not\s+(?:have|bear|assume)\s+(?:any\s+)?(?:liability|responsibility))/i;

/** Verbs of a right over one's own affairs: held by both parties, such a right is balanced. */
const LIBERTY = /^(?:assign|transfer|delegate|subcontract|use|disclose|retain|share|sublicen[cs]e|engage|novate|keep|copy|continue)/i;

// Subject: the words right before the predicate, after the last clause boundary. A subject after
// "if", "unless", "when"... names a condition ("if Customer will not renew"), not the party bound.
const BOUNDARY = /(?:^|[;:.!?]\s+|,\s+(?:and\s+|but\s+|or\s+|then\s+)?|\(\w{1,4}\)\s+|\b(that|which|who|whereby|however|provided|and|or|but|then|except|unless|if|when|whenever|where|whereas|until|after|before|upon|whether|in\s+the\s+event)\s+)([^;:,()]{1,80})$/i;
const CONDITIONAL = /^(?:unless|if|when|whenever|where|until|after|before|upon|whether|in\s+the\s+event)$/i;

function subjectBefore(before: string): string | undefined {
  const m = BOUNDARY.exec(before);
  if (m?.[1] && CONDITIONAL.test(m[1])) return undefined;
  const s = (m?.[2] ?? before).trim().replace(/^(?:however|accordingly|thereafter|further|also|in\s+addition|otherwise)\s*,?\s*/i, '');
  if (!s || s.split(/\s+/).length > 8) return undefined;
  return s;
}

const MUTUAL_ROLE = /^(?:recipient|receiving\s+party|disclosing\s+party|discloser)$/i;
const ROLE_NOUN = /^(?:customer|client|buyer|purchaser|licensee|subscriber|franchisee|distributor|reseller|vendor|supplier|provider|service\s+provider|seller|licensor|contractor|consultant|manufacturer|franchisor|recipient|receiving\s+party|disclosing\s+party|discloser)$/i;

/** Resolves a subject phrase to a side; `party` keeps the words as written. */
function resolve(subject: string, map: PartyMap | undefined): { party: string; side?: Side } | undefined {
  if (BOTH.test(` ${subject}`)) {
    const m = /(?:either|each|both|any|all)\s+(?:of\s+the\s+)?part(?:y|ies)|the\s+parties|each\s+of\s+(?:us|them)/i.exec(subject);
    return { party: m ? m[0].toLowerCase() : 'either party', side: 'both' };
  }
  const s = subject.replace(/^(?:the|a|an|such|each|any)\s+/i, '').replace(/['’]s$/, '').trim();
  if (!s) return undefined;
  for (const l of map?.labels ?? []) if (l.re.test(s)) return { party: l.label, side: l.side };
  if (SWITCHING_ROLE.test(` ${s}`)) {
    const word = titleCase(SWITCHING_ROLE.exec(` ${s}`)![0].trim());
    if (MUTUAL_ROLE.test(word) && map?.roleDefinedMutually) return { party: word, side: 'both' };
    if (!MUTUAL_ROLE.test(word)) return { party: word };
  }
  // A role label: a defined term ("Provider") or a role noun ("the supplier").
  const words = s.split(/\s+/);
  const tail = words.slice(-2).join(' ');
  const head = ROLE_NOUN.test(tail) ? tail : words[words.length - 1]!;
  if (!ROLE_NOUN.test(head)) return undefined;
  const r = concreteRole(head);
  const party = titleCase(head);
  const role = map?.role;
  // NDA roles and commercial roles do not compare ("Recipient" when we are the customer).
  if (!r || !role || NDA_ROLES.has(r) !== NDA_ROLES.has(role)) return { party };
  if (r === role) return { party, side: 'us' };
  if (r === COUNTERPART[role]) return { party, side: 'them' };
  return { party };
}

function titleCase(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Every "X shall / may / shall not / grants" in the sentence, with the side X is on when known. */
export function readBearings(text: string, map: PartyMap | undefined): Bearing[] {
  const out: Bearing[] = [];
  const t = text.replace(/\s+/g, ' ');
  // "neither party may/shall": a restraint on both, whatever the verb.
  if (/\bneither\s+(?:of\s+the\s+)?part(?:y|ies)\b/i.test(t)) out.push({ party: 'neither party', side: 'both', effect: 'restraint' });
  for (const m of t.matchAll(PREDICATE)) {
    const before = t.slice(0, m.index);
    const subject = subjectBefore(before);
    if (!subject || /\bneither\b/i.test(subject)) continue;
    const who = resolve(subject, map);
    if (!who) continue;
    const verb = (m[4] ?? '').toLowerCase();
    let effect: Effect;
    // "shall not be liable", "will have no liability": a protection for the subject, not a restraint.
    if (SHIELD.test(t.slice(m.index, m.index + 80))) effect = 'liberty';
    else if (m[1]) effect = 'restraint';
    else if (m[2]) effect = verb === 'not' ? 'restraint' : LIBERTY.test(verb) ? 'liberty' : 'power';
    else effect = verb === 'not' ? 'restraint' : 'duty';
    out.push({ party: who.party, ...(who.side ? { side: who.side } : {}), effect });
  }
  // Passive rights: "may be terminated by Customer", "at the option of Provider".
  for (const m of t.matchAll(/\b(?:may|can)\s+be\s+(\w+ed)\s+(?:[^.;]{0,40}?\s)?by\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|either\s+party|each\s+party)/g)) {
    const who = resolve(m[2]!, map);
    if (!who) continue;
    out.push({ party: who.party, ...(who.side ? { side: who.side } : {}), effect: LIBERTY.test(m[1]!) ? 'liberty' : 'power' });
  }
  return out;
}

const SIDE_WORDS: Record<Side, string> = { us: 'you', them: 'the counterparty', both: 'both parties' };

function sideLabel(bs: Bearing[], side: Side): string {
  const named = bs.find((b) => b.side === side && b.party && !/part(?:y|ies)$/i.test(b.party));
  if (side === 'both') return 'both parties';
  return named ? `the ${named.party} (${SIDE_WORDS[side]})` : SIDE_WORDS[side];
}

/** How the bearings of one or more sentences lean, for the side we represent. */
export function lean(bearings: Bearing[]): Reading {
  const known = bearings.filter((b) => b.side);
  const has = (effects: Effect[], sides: Side[]) => known.some((b) => effects.includes(b.effect) && sides.includes(b.side!));
  const boundUs = has(['duty', 'restraint'], ['us', 'both']);
  const boundThem = has(['duty', 'restraint'], ['them', 'both']);
  const powerUs = has(['power'], ['us', 'both']);
  const powerThem = has(['power'], ['them', 'both']);
  const libUs = has(['liberty'], ['us', 'both']);
  const libThem = has(['liberty'], ['them', 'both']);
  const sidesOf = (a: boolean, b: boolean): Side[] => (a && b ? ['both'] : a ? ['us'] : b ? ['them'] : []);
  const bound = sidesOf(boundUs, boundThem);
  const empowered = sidesOf(powerUs || libUs, powerThem || libThem);
  const reading: Reading = {
    leaning: 'unknown',
    bound,
    empowered,
    againstUs: boundUs || powerThem || (libThem && !libUs),
    oneSidedAgainstUs: (boundUs && !boundThem) || (powerThem && !powerUs) || (libThem && !libUs),
    forUs: boundThem || powerUs || (libUs && !libThem),
    oneSided: false,
  };
  if (bound[0]) reading.boundLabel = sideLabel(known, bound[0]);
  if (empowered[0]) reading.empoweredLabel = sideLabel(known, empowered[0]);
  if (!known.length) {
    // Nothing mapped to a side: still name who the sentence binds, when it names someone.
    const b = bearings.find((x) => x.effect === 'duty' || x.effect === 'restraint');
    const e = bearings.find((x) => x.effect === 'power' || x.effect === 'liberty');
    if (b) reading.boundLabel = /part(?:y|ies)$/i.test(b.party) ? b.party : `the ${b.party}`;
    if (e) reading.empoweredLabel = /part(?:y|ies)$/i.test(e.party) ? e.party : `the ${e.party}`;
    return reading;
  }
  reading.oneSided = (bound.length === 1 && bound[0] !== 'both') || (bound.length === 0 && empowered.length === 1 && empowered[0] !== 'both');
  if (bound[0] === 'both' || empowered[0] === 'both') reading.oneSided = false;
  reading.leaning = reading.againstUs && !reading.forUs ? 'against_us' : reading.forUs && !reading.againstUs ? 'for_us' : 'balanced';
  return reading;
}

/** Reads one detected clause. */
export function readClause(c: DetectedClause, map: PartyMap | undefined): Reading {
  return lean(readBearings(c.excerpt, map));
}

/**
 * Whether a position with this direction holds the clause. Unknown readings are always held
 * (today's behaviour: Docket does not drop a clause it cannot read).
 */
export function directionHolds(direction: Direction | undefined, reading: Reading): boolean {
  if (!direction || direction === 'any' || reading.leaning === 'unknown') return true;
  switch (direction) {
    case 'against_us':
      return reading.againstUs;
    case 'one_sided_against_us':
      return reading.oneSidedAgainstUs;
    case 'for_us':
      return reading.forUs || reading.bound.includes('both') || reading.empowered.includes('both');
  }
  return true;
}

/** "binds the Customer (the counterparty)", "gives both parties the right", for an explanation. */
export function describeReading(r: Reading): string | undefined {
  const parts: string[] = [];
  if (r.boundLabel) parts.push(`binds ${r.boundLabel}`);
  if (r.empoweredLabel) parts.push(`gives ${r.empoweredLabel} the right`);
  return parts.length ? parts.join(' and ') : undefined;
}
