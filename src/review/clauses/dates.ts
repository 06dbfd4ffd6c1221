// The date family: the agreement date (from the preamble), the effective date, the expiration
// date (stated, or computed from the effective date and the term).
import { DEFINITION, type DocContext, type Unit } from './context.js';
import type { ClauseValues } from './model.js';
import { addToDate, endOfMonth, findDates, ordinalNumber, ORDINAL, type FoundDate } from './date-values.js';
import { durationRole, findDurations, type FoundDuration } from './durations.js';
import { frontUnits } from './parties.js';

const PREAMBLE_CUE = /\b(?:dated|made|entered\s+into|executed|effective|as\s+of|day\s+of|this\s+agreement|agreement|is\s+made|concluded|signed)\b/i;

/** A sentence that an abbreviation split off ("as of _Dec." / "8, 2005 ..."): read it with the next one. */
export function unitText(u: Unit, ctx?: DocContext): string {
  if (!ctx || !/(?<![A-Za-z])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$/.test(u.text)) return u.text;
  const next = ctx.byParagraph.get(u.paragraph.index)?.[u.n + 1];
  return next ? `${u.text} ${next.text}` : u.text;
}

/**
 * A date that belongs to another document the sentence names: "Amendment No. 2 to the Supply
 * Agreement dated June 1, 2008 is made as of ...", "supersedes the letter of intent dated ...".
 */
function datesAnotherDocument(text: string, d: FoundDate): boolean {
  const before = text.slice(Math.max(0, d.index - 100), d.index);
  return /\b(?:(?:to|of|under|amends?|amending|supersed\w*|replac\w*|terminat\w*|with|and|in|by|between)\s+(?:the|that|a|an|said|their|its|such|that\s+certain)|that\s+certain)\s+(?:[\w-]+\s+){0,5}?(?:agreement|contract|amendment|letter(?:\s+of\s+intent)?|lease|license|licence|memorandum|plan|indenture|note)\b(?:\s*\([^)]{0,40}\))?,?\s+(?:dated|entered\s+into|executed|made|signed)\s+(?:as\s+of\s+|on\s+|effective\s+)?(?:the\s+)?$/i.test(before);
}

/** A definition of some other term ("Maintenance Agreement" means the agreement entered into on ...). */
function definesOtherTerm(text: string): boolean {
  const m = DEFINITION.exec(text);
  return !!m && !/\b(?:effective|agreement|execution|signing)\s+date\b|\bdate\s+of\s+(?:this\s+)?agreement\b/i.test(m[1]!);
}

/**
 * A line that is only a date: the date line of a letter or a title page ("May 14, 2014",
 * "April 2013 1"), or a "Dated" line ("DATED 13 October 2005 DCL").
 */
function dateLine(text: string): FoundDate | undefined {
  const t = text.trim();
  if (t.length > 60) return undefined;
  const d = findDates(t)[0];
  if (!d || !d.month) return undefined;
  const lead = t.slice(0, d.index);
  if (/^\s*(?:dated\s*:?|date\s*:)\s*(?:as\s+of\s+)?(?:the\s+)?$/i.test(lead)) return d;
  if (t.length > 40) return undefined;
  const rest = lead + t.slice(d.index + d.text.length);
  return /^[\s,.\d]*$/.test(rest) && rest.replace(/\D/g, '').length <= 3 ? d : undefined;
}

/** A "Dated ____" line left blank in the first paragraphs after `from`. */
function blankDateLine(ctx: DocContext, from: number): boolean {
  return ctx.doc.paragraphs.some((p) => p.index > from && p.index < from + 15 && /^\s*dated?\b\s*:?\s*(?:as\s+of\s+)?[[_]/i.test(p.text));
}

const SIGNATURE_BLOCK = /\/s\/|\bBy\s*:|\bName\s*:|\bTitle\s*:|\bSignature\b|\bIN\s+WITNESS\b/i;

/**
 * The agreement date: the first date in the preamble or a letter's or title page's date line,
 * else a "Dated:" line, else the signature block (the latest date signed).
 */
export function findAgreementDate(ctx: DocContext): { unit: Unit; date: FoundDate } | undefined {
  const firstIndex = ctx.units[0]?.paragraph.index ?? 0;
  const front = frontUnits(ctx, 40);
  const seen = new Set<number>();
  for (const u of front) {
    if (/^\s*WHEREAS\b/i.test(u.text) && u.paragraph.index > firstIndex + 3) break;
    // Heading-styled paragraphs before this one (a title page, a letter's date line) are not units.
    if (!seen.has(u.paragraph.index)) {
      for (const p of ctx.doc.paragraphs) {
        if (p.index >= u.paragraph.index) break;
        if (seen.has(p.index) || ctx.byParagraph.has(p.index)) continue;
        seen.add(p.index);
        const d = dateLine(p.text);
        // A template's title page dates the template ("July 2020") when its own date is left
        // blank further down ("DATED [__], 20[__]").
        if (d && !blankDateLine(ctx, p.index)) return { unit: u, date: d };
      }
      seen.add(u.paragraph.index);
    }
    const text = unitText(u, ctx);
    const line = u.n === 0 && u.text.length <= 40 ? dateLine(ctx.byParagraph.get(u.paragraph.index)!.map((x) => x.text).join(' ')) : undefined;
    if (line && !blankDateLine(ctx, u.paragraph.index)) return { unit: u, date: line };
    // A recital's date is another document's ("parties to an agreement dated as of ..."), as is a
    // definition's ('"Maintenance Agreement" means the agreement entered into on ...').
    if (!PREAMBLE_CUE.test(text) || definesOtherTerm(text) || /^\s*WHEREAS\b/i.test(text)) continue;
    const all = findDates(text);
    const d = all.find((x) => !/\b(?:amended|restated)\b.{0,30}$/i.test(text.slice(0, x.index)) && !datesAnotherDocument(text, x));
    if (d) return { unit: u, date: d };
  }
  // A "Dated:" line anywhere, or "DATED 13 October 2005" above the signatures.
  for (const p of ctx.doc.paragraphs) {
    const units = ctx.byParagraph.get(p.index);
    const d = units?.length ? undefined : dateLine(p.text);
    const at = d && (ctx.units.find((x) => x.paragraph.index >= p.index) ?? ctx.units[ctx.units.length - 1]);
    if (d && at && /^\s*date/i.test(p.text)) return { unit: at, date: d };
    for (const u of units ?? []) {
      if (!/^\s*(?:dated\b\s*:?|(?:date|effective\s+date|(?:last\s+)?(?:updated|revised)(?:\s+on)?)\s*:)|\b(?:order|signing|execution)\s+date\s*:/i.test(u.text)) continue;
      const found = findDates(unitText(u, ctx))[0];
      if (found) return { unit: u, date: found };
    }
  }
  // The signature block: the agreement is made when the last party signs ("Date: 3-14-18",
  // or a date over a "Date" caption).
  let signed: { unit: Unit; date: FoundDate } | undefined;
  const signatureParagraphs = new Set<number>();
  for (const [index, list] of ctx.byParagraph) if (list.some((x) => SIGNATURE_BLOCK.test(x.text))) signatureParagraphs.add(index);
  for (const u of ctx.units) {
    // Each party may sign in its own paragraph: read the block a little past the last date.
    if (signed && u.paragraph.index > signed.unit.paragraph.index + 8) break;
    if (!signatureParagraphs.has(u.paragraph.index)) continue;
    for (const d of findDates(u.text)) {
      if (!d.day) continue;
      const before = u.text.slice(Math.max(0, d.index - 20), d.index);
      const after = u.text.slice(d.index + d.text.length, d.index + d.text.length + 80);
      const labelled = /(?<!(?:effective|expiration|termination|commencement|closing|start|end)\s)\bdated?\s*:\s*$/i.test(before);
      // The caption may sit on the next line: "/s/ J. Smith 9/9/97" over "------ Acme Date".
      const below = u.n === ctx.byParagraph.get(u.paragraph.index)!.length - 1 ? ctx.units[ctx.units.indexOf(u) + 1]?.text.slice(0, 80) ?? '' : '';
      const captioned = /\/s\/|\bBy\s*:/.test(u.text) && /^[\s_\-|]*(?:[A-Z][\w.,&'’-]*\s+){0,6}dated?\b/i.test(`${after} ${below}`);
      // "IN WITNESS WHEREOF, the parties have executed this Agreement on March 3, 2004", "Agreed and accepted this 5th day of May, 2004".
      const witnessed = /\b(?:IN\s+WITNESS\b|executed|signed|agreed\s+(?:and|&)\s+accepted|accepted\s+(?:and|&)\s+agreed)\b[^.;]{0,60}\b(?:on|this|as\s+of|dated?)\s+(?:the\s+)?$/i.test(u.text.slice(Math.max(0, d.index - 90), d.index));
      if (!labelled && !captioned && !witnessed) continue;
      if (!signed || d.iso > signed.date.iso) signed = { unit: u, date: d };
    }
  }
  return signed;
}

const REFERS_TO_DATE_HEREOF = /\b(?:date\s+(?:first\s+)?(?:written|set\s+forth|stated|mentioned|above)|date\s+hereof|date\s+of\s+this\s+agreement|(?:upon|on|from|as\s+of)\s+(?:the\s+)?(?:date\s+of\s+)?(?:its\s+|the\s+)?(?:execution|signature|signing)|(?:execution|signature|signing)\s+(?:date|hereof|of\s+this\s+agreement)|date\s+(?:of|on\s+which)\s+(?:this\s+agreement\s+is\s+)?(?:executed|signed)|dates?\s+(?:shown|set\s+forth|written|indicated)\s+(?:by|with|beneath|below|under)\s+(?:the\s+)?signatures?|date\s+(?:last\s+)?signed\s+below|date\s+of\s+(?:the\s+)?last\s+signature|(?:signed|executed)\s+by\s+(?:both|all(?:\s+of\s+the)?)\s+parties|(?:signed|executed)\s+by\s+(?:the\s+)?(?:last|later|second)\s+(?:of\s+the\s+)?(?:part(?:y|ies)|signator(?:y|ies))|signature\s+dates?)\b/i;

/** A date a defined term stands for: '"Commencement Date" means 16 October 2005', 'March 1, 2010 (the "Launch Date")'. */
export function definedDate(term: string, ctx: DocContext): FoundDate | undefined {
  const t = term.trim().replace(/\s+/g, '\\s+');
  const means = new RegExp(`["“]${t}["”]\\s*(?:means|shall\\s+mean|is|shall\\s+be|will\\s+be|:)`, 'i');
  const named = new RegExp(`\\(\\s*(?:the\\s+|hereinafter\\s+(?:referred\\s+to\\s+as\\s+)?(?:the\\s+)?)?["“]${t}["”]\\s*\\)`, 'i');
  for (const u of ctx.units) {
    const m = means.exec(u.text);
    if (m) {
      const d = findDates(u.text.slice(m.index + m[0].length, m.index + m[0].length + 120))[0];
      if (d) return d;
    }
    const n = named.exec(u.text);
    if (n) {
      const d = findDates(u.text.slice(Math.max(0, n.index - 60), n.index)).pop();
      if (d) return d;
    }
  }
  return undefined;
}

/** 'commence on the Commencement Date' -> "Commencement Date". */
const START_TERM = /\b(?:commenc\w*|effective|begin\w*|start\w*|take\s+effect)\s+(?:as\s+)?(?:of|on|from|upon|with)\s+the\s+((?:[A-Z][\w-]*\s+){1,3}Date)\b/;

export function effectiveDateValues(unit: Unit, agreementDate: FoundDate | undefined, ctx?: DocContext): ClauseValues | undefined {
  const text = unitText(unit, ctx);
  // Not another document's date, nor the end of the term ("... and remain in effect until December 31, 2012").
  const dates = findDates(text).filter((x) => !datesAnotherDocument(text, x) && !isEndDate(text, x));
  const d = dates.find((x) => x.day) ?? dates[0];
  if (d) return { date: d.iso, dateText: d.text };
  const term = START_TERM.exec(text)?.[1];
  if (term && ctx && !/^Effective\s+Date$/i.test(term)) {
    const def = definedDate(term, ctx);
    if (def) return { date: def.iso, dateText: def.text };
  }
  if (agreementDate && REFERS_TO_DATE_HEREOF.test(text)) return { date: agreementDate.iso, dateText: agreementDate.text };
  // "shall commence as of the Effective Date": what the agreement says its Effective Date is.
  if (ctx && /\bthe\s+Effective\s+Date\b/.test(text)) {
    for (const u of ctx.units) {
      if (u === unit || /^\s*WHEREAS\b/i.test(u.text)) continue;
      const m = EFFECTIVE_DATE_IS.exec(u.text);
      if (!m) continue;
      const rest = u.text.slice(m.index + m[0].length);
      const def = findDates(rest)[0];
      if (def && def.index < 80) return { date: def.iso, dateText: def.text };
      if (agreementDate && REFERS_TO_DATE_HEREOF.test(rest)) return { date: agreementDate.iso, dateText: agreementDate.text };
    }
  }
  return undefined;
}

/** "The Effective Date of this Agreement shall be ...", '"Effective Date" means ...', "Effective Date: ...". */
const EFFECTIVE_DATE_IS = /\bEffective\s+Date["”]?(?:\s+of\s+this\s+(?:Agreement|Contract))?\s*(?:\([^)]{0,60}\)\s*)?(?:shall\s+(?:be|mean)|means|is|will\s+be|:)/;

// ------------------------------------------------------------------ expiration
const PERPETUAL = /\b(?:perpetu(?:al|ity|ally)|in\s+perpetuity|indefinite(?:ly)?|until\s+terminated|unless\s+and\s+until\s+terminated|no\s+fixed\s+term|evergreen|no\s+(?:expiration|expiry|end)\s+date|(?:end|expire|terminate)s?\s+(?:only\s+)?(?:when|if)\s+terminated)\b/i;

/** The sentence is about this agreement's own term, not another contract's or a party's right. */
const ABOUT_TERM = /\b(?:this\s+(?:agreement|contract|amendment|lease|licen[cs]e|addendum)|the\s+(?:initial\s+|original\s+|primary\s+)?term\b|term\s+of\s+(?:this|the)\b|initial\s+term|[A-Z][a-z]+\s+Term\b|hereof|hereunder|(?:its|the)\s+(?:duration|validity))/i;

/** Words before a date that make it an end: "until", "through", "expire on", "in no event later than". */
const END_BEFORE = /\b(?:until|till|through|thru|to|ending|ends?|expir\w*|terminat\w*|(?:in\s+no\s+event\s+|no\s+|not\s+)later\s+than|up\s+to(?:\s+and\s+including)?)\s+(?:and\s+including\s+)?(?:on\s+)?(?:the\s+)?(?:(?:earlier|earliest|later|latest)\s+(?:of|to\s+occur\s+of)\s*:?\s*(?:\(?[a-z0-9]{1,4}\)\s*)?)?(?:close\s+of\s+business\s+on\s+|midnight\s+(?:on\s+)?)?(?:the\s+)?$/i;
/** Words before a date that make it a start, whatever follows: "commence on", "effective as of". */
const START_BEFORE = /\b(?:commenc\w*|begin\w*|start\w*|effective|dated|from|as\s+of|since|entered\s+into|made|signed)\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?$/i;

function isEndDate(text: string, d: FoundDate): boolean {
  const before = text.slice(Math.max(0, d.index - 60), d.index);
  return END_BEFORE.test(before) && !START_BEFORE.test(before) && !/\bfrom\b/i.test(before.slice(-25));
}

/** What a duration is measured from, when the words after it say: "from the Effective Date". */
const ANCHOR_EFFECTIVE = /^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:commencing|beginning|starting|running)\s+(?:on|with|from)|from|after|following|of|since|subsequent\s+to)\s+(?:the\s+)?(?:Effective\s+Date|Commencement\s+Date|Start\s+Date|(?:said\s+)?effective\s+date|effectiveness|commencement|(?:date\s+of\s+)?(?:its\s+|the\s+)?(?:execution|signing|signature)|execution\s+date|date\s+(?:hereof|first\s+(?:written|set\s+forth|above)|above|(?:set\s+forth|written)\s+above)|date\s+of\s+(?:this\s+)?(?:agreement|contract))\b/i;
const ANCHOR_HEREOF = /date\s+(?:hereof|first|above|(?:set\s+forth|written)\s+above|of\s+(?:this\s+)?(?:agreement|contract))|execution|signing|signature/i;
/** "... from the date of launch", "... after the closing of any sale": measured from an event. */
const ANCHOR_OTHER = /^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:commencing|beginning|starting)\s+(?:on|with|from)|from|after|following|of|since|subsequent\s+to)\s+(?:the\s+|its\s+|any\s+|each\s+|such\s+)?\S/i;
/** The length reads as the term's: "term of two (2) years", "for a period of five years", "continue for one year". */
const TERM_BEFORE = /\b(?:term|period|duration)\b[^.;]{0,40}$|\b(?:continue|remain|be\s+(?:valid|effective|in\s+(?:full\s+)?(?:force|effect))|run|last|extend|in\s+effect|in\s+(?:full\s+)?force(?:\s+and\s+effect)?)\b[^.;]{0,40}$|\bshall\s+be\s+(?:for\s+)?$/i;

interface ExpiryCandidate {
  values: ClauseValues;
  /**
   * 3: stated, or computed from the start of the term; 2.6: the term's length with no start date
   * to count from; 2: perpetual; 1: computed from another event.
   */
  rank: number;
}

export interface ExpiryAnchors {
  effective?: string;
  agreement?: string;
  ctx?: DocContext;
  /** Index of the first paragraph of the exhibits: a form attached to the agreement has its own term. */
  bodyEnd?: number;
}

/**
 * The end of a term of `d` from `base`. "Five years from the Effective Date" ends on the fifth
 * anniversary itself, not the day before: that is how the term is usually read (and how CUAD's
 * annotators wrote it: 1/15/2008 + 5 years = 1/15/2013).
 */
function computeFrom(base: string | undefined, d: FoundDuration, text: string): string | undefined {
  if (!base) return undefined;
  let iso = addToDate(base, d.value, d.unit);
  // "at midnight on the last day of the month fifteen (15) years from the Effective Date"
  if (iso && /\blast\s+day\s+of\s+the\s+(?:calendar\s+)?month\b[^.;]{0,30}$/i.test(text.slice(Math.max(0, d.index - 60), d.index))) iso = endOfMonth(iso);
  return iso;
}

/** The best reading of one sentence's end of term, with how sure it is. */
export function expiryCandidate(text: string, anchors: ExpiryAnchors): ExpiryCandidate | undefined {
  const about = ABOUT_TERM.test(text);
  // A stated end date: "expiring May 31, 2021", "through December 31, 2010", "in no event later than ...".
  for (const d of findDates(text)) {
    const before = text.slice(Math.max(0, d.index - 60), d.index);
    if (!END_BEFORE.test(before) || START_BEFORE.test(before)) continue;
    // "... to April 30, 2015" after "from May 1, 2013": a span; a lone "to" is too loose otherwise.
    if (/\bto\s+(?:the\s+)?$/i.test(before) && !/\b(?:from|between)\b/i.test(before) && !/\b(?:term|period)\b/i.test(text)) continue;
    return { values: { date: d.iso, dateText: d.text }, rank: about ? 3 : 1 };
  }
  // "will terminate on the third anniversary of the Effective Date", "... the [tenth] anniversary thereof"
  const ann = new RegExp(`\\b(?:(until|through|expir\\w*|terminat\\w*|end\\w*|on|upon)\\s+)?(?:the\\s+)?\\[?(${ORDINAL})\\]?\\s+(?:\\(\\d{1,2}(?:st|nd|rd|th)?\\)\\s+)?anniversary\\s+(?:of\\s+(?:the\\s+)?([^,;.()]{0,50})|(thereof|hereof)\\b)`, 'i').exec(text);
  if (ann) {
    const n = ordinalNumber(ann[2]!);
    const of = ann[3] ?? (ann[4]!.toLowerCase() === 'hereof' ? 'date hereof' : text.slice(0, ann.index));
    const hereof = ANCHOR_HEREOF.test(of) && !/effective\s+date|commencement/i.test(of);
    const base = hereof ? anchors.agreement ?? anchors.effective : anchors.effective ?? anchors.agreement;
    const iso = n && base ? addToDate(base, n, 'year') : undefined;
    if (iso) return { values: { date: iso, computed: true }, rank: ann[1] && about && /effective|commencement|hereof|date\s+of\s+this|execution|signing/i.test(of) ? 3 : 1 };
  }
  // A length of term, measured from the start of the term or from some event. A start date the
  // sentence itself gives ("shall commence on January 1, 2010 and continue for three years") is
  // the start, whatever date the preamble carries.
  const own = findDates(text).find((x) => x.day && START_BEFORE.test(text.slice(Math.max(0, x.index - 40), x.index)) && !datesAnotherDocument(text, x));
  const start = own?.iso ?? anchors.effective ?? anchors.agreement;
  let best: ExpiryCandidate | undefined;
  for (const d of findDurations(text)) {
    if (d.unit === 'day' && d.value < 30) continue;
    if (durationRole(text, d) !== 'other') continue;
    const before = text.slice(Math.max(0, d.index - 80), d.index);
    const after = text.slice(d.end, d.end + 120);
    const { index: _i, end: _e, ...duration } = d;
    let rank = 0;
    let base: string | undefined;
    if (ANCHOR_EFFECTIVE.test(after)) {
      rank = 3;
      base = ANCHOR_HEREOF.test(after.slice(0, 60)) ? anchors.agreement ?? anchors.effective : anchors.effective ?? anchors.agreement;
    } else if (/^\s*(?:\([^)]{0,30}\)\s*)?thereafter\b/i.test(after) && /\b(?:commenc|effective|begin|start)/i.test(before + text.slice(0, d.index))) {
      rank = 3;
      base = start;
    } else if (ANCHOR_OTHER.test(after) && !/^\s*of\s+(?:service|time)\b/i.test(after)) {
      rank = 1;
      base = anchors.effective ?? anchors.agreement;
    } else if (TERM_BEFORE.test(before) && about) {
      rank = 3;
      base = start;
    } else continue;
    if (!about) rank = Math.min(rank, 1);
    const iso = computeFrom(base, d, text);
    const c: ExpiryCandidate = { values: iso ? { date: iso, duration, computed: true } : { duration }, rank: iso ? rank : rank === 3 ? 2.6 : Math.min(rank, 1) };
    if (!best || c.rank > best.rank) best = c;
    if (best.rank === 3) break;
  }
  if (best && best.rank > 2) return best;
  if (PERPETUAL.test(text)) return { values: { flags: ['perpetual'] }, rank: 2 };
  return best;
}

/** Values for one sentence (kept for callers that read one sentence only). */
export function expirationValues(unit: Unit, effective: string | undefined, agreement?: string): ClauseValues | undefined {
  return expiryCandidate(unit.text, { effective, agreement: agreement ?? effective })?.values;
}

/** A sentence that states the term of the agreement, wherever the taxonomy's cues scored it. */
const TERM_STATEMENT = /\b(?:(?:(?:the\s+)?(?:initial\s+|original\s+)?term\s+of\s+(?:this|the)\s+(?:agreement|contract)|(?:the\s+)?(?:initial\s+|original\s+)?term\s+(?:shall|will|is)|(?:the\s+)?[A-Z][a-z]+\s+Term\s+(?:of\s+the\s+parties\s+)?(?:shall|will|is)|this\s+(?:agreement|contract)\s+(?:shall|will)\s+(?:(?:commence|begin|be\s+effective|take\s+effect)\b[^.;]{0,80}\band\s+(?:shall\s+|will\s+)?)?(?:continue|remain|expire|terminate|end|be\s+(?:valid|effective|in\s+(?:full\s+)?(?:force|effect))\s+(?:for|until|through))))|\(\s*(?:the\s+)?["“](?:Initial\s+)?Term["”]\s*\)/i;
/** "shall continue indefinitely", "shall remain in force in perpetuity". */
const PERPETUAL_STATEMENT = /\b(?:this\s+(?:agreement|contract)|the\s+term(?:\s+of\s+this\s+(?:agreement|contract))?)\s+(?:shall|will)\s+(?:continue|remain|be\s+in\s+(?:full\s+)?(?:force|effect))\b[^.;]{0,40}\b(?:indefinitely|in\s+perpetuity|perpetually)\b/i;
/** "continue in effect until Achaogen ceases development": an event, not a date, ends the term. */
const UNTIL_EVENT = /\b(?:continue|remain)\s+(?:in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?\s+)?(?:for\s+)?(?:so|as)\s+long\s+as\b|\b(?:continue|remain)\s+(?:in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?\s+)?until\s+(?!the\s+(?:expiration|termination|end)\b|terminated\b|(?:the\s+)?(?:earlier|later)\b)[A-Za-z]|\b(?:end|expire|terminate)s?\s+(?:on|upon|at|with)\s+the\s+(?:expiration|termination|expiry|end|dissolution|liquidation)\s+(?:date\s+)?of\s+(?!this\b|the\s+(?:initial\s+|then[-\s]current\s+|renewal\s+|original\s+)?term\b)/i;

/**
 * The expiration date from the sentences the taxonomy found, best reading first; then the term
 * stated elsewhere (an "Initial Term" defined in another section), a defined "Expiration Date",
 * or a perpetual term.
 */
export function pickExpiration(units: Unit[], anchors: ExpiryAnchors): { unit: Unit; values: ClauseValues } | undefined {
  const ctx = anchors.ctx;
  let best: { unit: Unit; c: ExpiryCandidate } | undefined;
  const consider = (unit: Unit, c: ExpiryCandidate | undefined) => {
    if (c && (!best || c.rank > best.c.rank)) best = { unit, c };
  };
  for (const u of units.slice(0, 8)) {
    consider(u, expiryCandidate(unitText(u, ctx), anchors));
    if (best?.c.rank === 3) return { unit: best.unit, values: best.c.values };
  }
  if (ctx && units[0]) {
    // "shall expire on the Expiration Date set forth above", "ending on the Termination Date".
    const term = /\b(?:expire|terminate|end)\w*\s+(?:on|upon|at)\s+the\s+((?:[A-Z][\w-]*\s+){0,2}(?:Expiration|Termination|End)\s+Date)\b/.exec(units.map((u) => u.text).join(' '))?.[1];
    const defined = term ? definedDate(term, ctx) : undefined;
    if (defined) return { unit: units[0], values: { date: defined.iso, dateText: defined.text } };
    for (const u of ctx.units) {
      // A cover page's table row: "Expiration Date | June 30, 2026".
      if (u.sectionHeading && /^\s*(?:expiration|expiry|end)\s+date\s*:?\s*$/i.test(u.sectionHeading) && u.sectionHeading !== u.text) {
        const d = dateLine(u.text);
        if (d) return { unit: units[0], values: { date: d.iso, dateText: d.text } };
      }
      if (!/\bexpiration\s+date\b\s*(?::|means|shall\s+(?:mean|be)|is)/i.test(u.text)) continue;
      const d = findDates(u.text).find((x) => x.day);
      if (d) return { unit: units[0], values: { date: d.iso, dateText: d.text } };
      // "Expiration Date: the last day of the month fifteen (15) years from the Effective Date"
      const c = expiryCandidate(u.text.replace(/^.*?\bexpiration\s+date\b\s*(?::|means|shall\s+(?:mean|be)|is)/i, 'the term shall end '), anchors);
      if (c && c.rank === 3) return { unit: units[0], values: c.values };
    }
    // The term stated where the cues did not look: '... for a period of two (2) years ("Initial Term")'.
    const scanEnd = ctx.units.length;
    for (let i = 0; i < scanEnd; i++) {
      const u = ctx.units[i]!;
      if (units.includes(u)) continue;
      if (anchors.bodyEnd !== undefined && u.paragraph.index >= anchors.bodyEnd) break;
      if (PERPETUAL_STATEMENT.test(u.text)) consider(units[0], { values: { flags: ['perpetual'] }, rank: 2.5 });
      if (!TERM_STATEMENT.test(u.text)) continue;
      const c = expiryCandidate(unitText(u, ctx), anchors);
      if (c && c.rank === 3) consider(units[0], { ...c, rank: 2.8 });
    }
    if (!best) {
      const open = units.slice(0, 8).find((u) => UNTIL_EVENT.test(u.text) && ABOUT_TERM.test(u.text));
      if (open) return { unit: open, values: { flags: ['perpetual'] } };
    }
  }
  const b = best as { unit: Unit; c: ExpiryCandidate } | undefined;
  return b ? { unit: b.unit, values: b.c.values } : undefined;
}
