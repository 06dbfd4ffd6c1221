// Durations: "thirty (30) days", "one (1) year", "12 months", "successive one year periods",
// "an additional month", "sixty (60) calendar days", "ten business days".
import type { Duration } from './model.js';
import { NUMBER_WORDS, digitsToNumber, wordsToNumber } from './numbers.js';

const ADJ = '(?:(?:additional|further|successive|consecutive|full|renewal|extension|initial|contract)\\s+){0,2}';
const DURATION_RE = new RegExp(
  `\\b(?:(${NUMBER_WORDS})\\s*(?:\\(\\s*([\\dIlO,]{1,5})\\s*\\)\\s*)?|\\(?(\\d{1,4})\\)?\\s*(?:\\(\\s*${NUMBER_WORDS}\\s*\\)\\s*)?|(an?|another)\\s+)[-\\s]?${ADJ}(calendar[\\s-]+|business[\\s-]+|working[\\s-]+)?(day|week|month|year)s?\\b`,
  'gi',
);

const DAYS: Record<Duration['unit'], number> = { day: 1, business_day: 1.4, week: 7, month: 30, year: 365 };

export interface FoundDuration extends Duration {
  index: number;
  end: number;
}

export function findDurations(text: string): FoundDuration[] {
  const out: FoundDuration[] = [];
  for (const m of text.matchAll(DURATION_RE)) {
    const [whole, words, paren, digits, article, kind, unitWord] = m;
    let value: number | undefined;
    if (paren) value = digitsToNumber(paren);
    if (value === undefined && words) value = wordsToNumber(words);
    if (value === undefined && digits) value = Number(digits);
    if (value === undefined && article) value = 1;
    if (value === undefined || value <= 0 || value > 5000) continue;
    // Years written as "2008 days" do not exist; a four-digit "number" before a unit is a year.
    if (digits && digits.length === 4 && !paren) continue;
    const base = unitWord!.toLowerCase() as 'day' | 'week' | 'month' | 'year';
    const unit: Duration['unit'] = base === 'day' && kind && /business|working/i.test(kind) ? 'business_day' : base;
    out.push({
      value,
      unit,
      days: Math.round(value * DAYS[unit]),
      text: whole!.trim(),
      index: m.index!,
      end: m.index! + whole!.length,
    });
  }
  return out;
}

/**
 * The first duration in the text or, with `near`, the duration closest to a match of `near`
 * within `window` words ("sixty (60) days" rather than "one (1) year" when near is /notice/).
 * `skip` leaves out durations that plainly play another part in the sentence.
 */
export function pickDuration(text: string, near?: RegExp, window = 12, skip?: (d: FoundDuration) => boolean): Duration | undefined {
  const all = findDurations(text).filter((d) => !skip?.(d));
  if (all.length === 0) return undefined;
  let chosen: FoundDuration | undefined = all[0];
  if (near) {
    const g = new RegExp(near.source, near.flags.includes('g') ? near.flags : `${near.flags}g`);
    const hits = [...text.matchAll(g)].map((m) => [m.index!, m.index! + m[0].length] as const);
    let best = Infinity;
    chosen = undefined;
    for (const d of all) {
      const before = text.slice(0, d.index).split(/\s+/).slice(-window).join(' ').length;
      const after = text.slice(d.end).split(/\s+/).slice(0, window + 1).join(' ').length;
      for (const [s, e] of hits) {
        const dist = e <= d.index ? d.index - e : s >= d.end ? s - d.end : 0;
        const inWindow = e <= d.index ? d.index - s <= before + 1 : s >= d.end ? e - d.end <= after + 1 : true;
        if (inWindow && dist < best) {
          best = dist;
          chosen = d;
        }
      }
    }
  }
  return chosen ? strip(chosen) : undefined;
}

function strip(d: FoundDuration): Duration {
  const { index: _i, end: _e, ...rest } = d;
  return rest;
}

// ------------------------------------------------------------------ what a duration is for
// A sentence about the term often holds three lengths: "two (2) years from the Effective Date",
// "successive one (1) year terms", "at least sixty (60) days prior to the end of the term". The
// words right around each tell which is which.

/** After the length: "... days' prior written notice", "... days prior to", "... days in advance". */
const NOTICE_AFTER = /^\s*(?:['’]s?\s*)?(?:\([^)]{0,20}\)\s*)?(?:of\s+)?(?:(?:prior|advance|previous|advanced)\s+)?(?:written\s+)?(?:notice|notification|prior\b|before\b|in\s+advance|preceding|ahead\s+of)/i;
/** Before the length: "notice of termination at least ...", "notify the other party within ...". */
const NOTICE_BEFORE = /\b(?:notice|notif(?:y|ies|ied|ication)|written\s+request)\b[^.;:]{0,45}$/i;
/** Before the length: "renew for successive ...", "extended for an additional ...". */
const RENEWAL_BEFORE = /\b(?:renew\w*|extend\w*|extension|successive|additional|further|another)\b[^.;:]{0,50}$/i;
const RENEWAL_IN = /\b(?:successive|additional|further|renewal|extension)\b/i;
/** After the length: "... renewal terms", "... extension periods". */
const RENEWAL_AFTER = /^\s*(?:\([^)]{0,20}\)\s*)?(?:renewal|extension)\b/i;

export type DurationRole = 'notice' | 'renewal' | 'within' | 'survival' | 'other';

/** What a duration found in `text` measures, read from the words around it. */
export function durationRole(text: string, d: Pick<FoundDuration, 'index' | 'end' | 'text'>): DurationRole {
  const before = text.slice(Math.max(0, d.index - 90), d.index);
  const after = text.slice(d.end, d.end + 60);
  if (NOTICE_AFTER.test(after)) return 'notice';
  if (/\b(?:within|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?$/i.test(before)) return NOTICE_BEFORE.test(before) ? 'notice' : 'within';
  if (RENEWAL_IN.test(d.text) || RENEWAL_AFTER.test(after)) return 'renewal';
  if (/^\s*(?:after|following|from)\s+(?:the\s+|its\s+|any\s+)?(?:termination|expiration|expiry|end)\b/i.test(after) || /^\s*thereafter\b/i.test(after) && /\b(?:termination|expiration|expiry)\b[^.;]{0,40}$/i.test(before)) return 'survival';
  if (RENEWAL_BEFORE.test(before.slice(-60))) return 'renewal';
  if (NOTICE_BEFORE.test(before)) return 'notice';
  return 'other';
}

/** Renewal lengths written without a number: "automatic annual renewals", "from year to year". */
const ANNUAL = [
  /\b(?:successive|additional|further|automatic|consecutive)\s+(?:annual|yearly|one[-\s]year)\b/i,
  /\bannual(?:ly)?\s+(?:renewals?|renew|extensions?|basis)\b/i,
  /\b(?:renew\w*|extend\w*|continue\w*)\b[^.;]{0,40}\b(?:annually|every\s+year|each\s+year|yearly|year[-\s]to[-\s]year|from\s+year\s+to\s+year|per\s+annum)\b/i,
  /\b(?:renew\w*|extend\w*|continue\w*)\b[^.;]{0,60}\byear[-\s]to[-\s]year\b/i,
];
const MONTHLY = [/\b(?:renew\w*|extend\w*|continue\w*)\b[^.;]{0,40}\b(?:monthly|every\s+month|each\s+month|from\s+month\s+to\s+month)\b/i];

/**
 * The length of each renewal: a duration the sentence ties to renewing or extending, never the
 * notice period before it; "annual" renewals count as one year.
 */
export function pickRenewalDuration(text: string): Duration | undefined {
  const all = findDurations(text);
  const renewal = all.find((d) => durationRole(text, d) === 'renewal');
  if (renewal) return strip(renewal);
  for (const re of ANNUAL) {
    const m = re.exec(text);
    if (m) return { value: 1, unit: 'year', days: 365, text: m[0] };
  }
  for (const re of MONTHLY) {
    const m = re.exec(text);
    if (m) return { value: 1, unit: 'month', days: 30, text: m[0] };
  }
  return undefined;
}

/**
 * The notice period: a duration written as notice ("sixty (60) days prior written notice"),
 * preferably one given against renewal; with `onlyAgainstRenewal`, only such a one.
 */
export function pickNoticeDuration(text: string, onlyAgainstRenewal = false): Duration | undefined {
  const notices = findDurations(text).filter((x) => durationRole(text, x) === 'notice');
  // Of several notice periods, the one given against renewal or the end of the term, not the one
  // for terminating at will: "... upon ninety (90) days' notice; ... non-renewal sixty (60) days prior".
  const aboutRenewal = (d: FoundDuration) => {
    // The clause the length sits in, between semicolons (or the sentence's ends).
    const from = Math.max(text.lastIndexOf(';', d.index), d.index - 150, 0);
    const stop = text.indexOf(';', d.end);
    const around = text.slice(from, Math.min(stop < 0 ? text.length : stop, d.end + 150));
    return /\b(?:renew\w*|non-?renewal|extend\w*|extension|expir\w*|end\s+of\s+the\s+(?:then[-\s]+current\s+|initial\s+|renewal\s+)?(?:term|period))/i.test(around);
  };
  const d = notices.find(aboutRenewal) ?? (onlyAgainstRenewal ? undefined : notices[0]);
  return d ? strip(d) : undefined;
}

/** Compare durations by length ("12 months" equals "1 year" within a few days). */
export function sameDuration(a: Pick<Duration, 'days'>, b: Pick<Duration, 'days'>): boolean {
  return Math.abs(a.days - b.days) <= Math.max(2, 0.03 * Math.max(a.days, b.days));
}
