// Dates as contracts write them, normalized to ISO: "January 15, 2008", "the 1st day of January, 1996",
// "15 January 2008", "1/15/08", "2008-01-15", OCR'd "June 1s t 2020"; partial "March __, 1999".
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// Ordinal suffixes, also as a PDF or OCR letter-spaces them ("1s t", "20t h", "2n d").
const ORD = '(?:\\s?(?:st|nd|rd|th|s\\s?t|n\\s?d|r\\s?d|t\\s?h)(?![A-Za-z]))?';
const BLANK = '(?:_+|\\[\\s*_*\\s*\\]|\\s)';

const PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => { y?: string; m?: string; d?: string } }[] = [
  // January 15, 2008 / Jan. 15 2008 / June 1s t 2020
  { re: new RegExp(`(?<![A-Za-z])${MONTH}\\s+(\\d{1,2})${ORD},?\\s*(\\d{4})\\b`, 'gi'), parts: (m) => ({ m: m[1], d: m[2], y: m[3] }) },
  // 1st day of January, 1996 / 15 January 2008 / 15th of January, 2008
  { re: new RegExp(`\\b(\\d{1,2})${ORD}\\s+(?:day\\s+)?(?:of\\s+)?${MONTH},?\\s*(?:of\\s+)?(\\d{4})\\b`, 'gi'), parts: (m) => ({ d: m[1], m: m[2], y: m[3] }) },
  // 1/15/2008, 01-15-08; 30/06/2012 (day first when the first number cannot be a month)
  { re: /\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b/g, parts: (m) => (Number(m[1]) > 12 && Number(m[2]) <= 12 ? { d: m[1], m: m[2], y: m[3] } : { m: m[1], d: m[2], y: m[3] }) },
  // 30.06.2012: dotted dates are written day first
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, parts: (m) => ({ d: m[1], m: m[2], y: m[3] }) },
  // 2008-01-15
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => ({ y: m[1], m: m[2], d: m[3] }) },
  // March __, 1999 / this ___ day of March, 1999 / March 1999
  { re: new RegExp(`\\b(?:${BLANK}*day\\s+of\\s+)?${MONTH}\\s*${BLANK}*,?\\s*(\\d{4})\\b`, 'gi'), parts: (m) => ({ m: m[1], y: m[2] }) },
  // A form with the month and day left blank: "as of [___], 2020", "____ __, 2020"
  { re: /(?:\[\s*_+\s*\]|_{2,})(?:\s*_*)?,?\s*(\d{4})\b/g, parts: (m) => ({ y: m[1] }) },
];

export interface FoundDate {
  /** YYYY-MM-DD when the day is known; YYYY-MM or YYYY when only part is. */
  iso: string;
  year: number;
  month?: number;
  day?: number;
  text: string;
  index: number;
}

function monthNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const k = s.toLowerCase().replace('.', '').slice(0, 3);
  const i = MONTHS.findIndex((m) => m.startsWith(k));
  return i >= 0 ? i + 1 : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  const taken: [number, number][] = [];
  for (const { re, parts } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const p = parts(m);
      let year = Number(p.y);
      if (p.y && p.y.length === 2) year += year < 50 ? 2000 : 1900;
      if (!(year >= 1900 && year <= 2100)) continue;
      const month = p.m ? monthNumber(p.m) : undefined;
      if (p.m && (!month || month > 12)) continue;
      const day = p.d ? Number(p.d) : undefined;
      if (day !== undefined && (day < 1 || day > 31)) continue;
      taken.push([start, end]);
      const iso = month ? (day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`) : `${year}`;
      out.push({ iso, year, ...(month ? { month } : {}), ...(day ? { day } : {}), text: m[0].trim(), index: start });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Add a duration to an ISO date (calendar arithmetic for months and years). A date known only to
 * the year or month ("[___], 2020") moves by whole years or months and stays as partial as it was.
 */
export function addToDate(iso: string, value: number, unit: 'day' | 'business_day' | 'week' | 'month' | 'year'): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return undefined;
  if (m[3] === undefined) {
    const months = unit === 'year' ? 12 * value : unit === 'month' ? value : undefined;
    if (months === undefined || !Number.isInteger(months)) return undefined;
    if (m[2] === undefined) return months % 12 === 0 ? String(Number(m[1]) + months / 12) : undefined;
    const total = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
    return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (unit === 'year') d.setUTCFullYear(d.getUTCFullYear() + value);
  else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + value);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7 * value);
  else d.setUTCDate(d.getUTCDate() + Math.round(value * (unit === 'business_day' ? 1.4 : 1)));
  return d.toISOString().slice(0, 10);
}

/** The last day of the month of an ISO date ("at midnight on the last day of the month ..."). */
export function endOfMonth(iso: string): string {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(iso);
  if (!m) return iso;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${m[1]}-${m[2]}-${pad(last)}`;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
/** Regex source for an ordinal: "third", "3rd", "tenth (10th)". */
export const ORDINAL = `(?:${ORDINAL_WORDS.join('|')}|\\d{1,2}\\s?(?:st|nd|rd|th))`;

/** "third" -> 3, "5th" -> 5. */
export function ordinalNumber(text: string): number | undefined {
  const t = text.toLowerCase().trim();
  const i = ORDINAL_WORDS.indexOf(t);
  if (i >= 0) return i + 1;
  const m = /^(\d{1,2})\s?(?:st|nd|rd|th)$/.exec(t);
  return m ? Number(m[1]) : undefined;
}
