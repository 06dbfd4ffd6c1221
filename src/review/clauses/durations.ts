// Durations: "thirty (30) days", "one (1) year", "12 months", "successive one year periods",
// "an additional month", "sixty (60) calendar days", "ten business days".
import type { Duration } from './model.js';
import { NUMBER_WORDS, digitsToNumber, wordsToNumber } from './numbers.js';

const ADJ = '(?:(?:additional|further|successive|consecutive|full|renewal|extension|initial)\\s+){0,2}';
const DURATION_RE = new RegExp(
  `\\b(?:(${NUMBER_WORDS})\\s*(?:\\(\\s*([\\dIlO,]{1,5})\\s*\\)\\s*)?|\\(?(\\d{1,4})\\)?\\s*|(an?)\\s+)[-\\s]?${ADJ}(calendar[\\s-]+|business[\\s-]+|working[\\s-]+)?(day|week|month|year)s?\\b`,
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
 */
export function pickDuration(text: string, near?: RegExp, window = 12): Duration | undefined {
  const all = findDurations(text);
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
  if (!chosen) return undefined;
  const { index: _i, end: _e, ...d } = chosen;
  return d;
}

/** Compare durations by length ("12 months" equals "1 year" within a few days). */
export function sameDuration(a: Pick<Duration, 'days'>, b: Pick<Duration, 'days'>): boolean {
  return Math.abs(a.days - b.days) <= Math.max(2, 0.03 * Math.max(a.days, b.days));
}
