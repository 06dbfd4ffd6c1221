// Normalizing the values a rule compares: durations, amounts and jurisdictions. Used both to
// validate a package (does "5 yeers" parse?) and to compare against what detection extracted.

const UNIT_DAYS: Record<string, number> = { day: 1, business_day: 1.4, week: 7, month: 30, year: 365 };

export interface RuleDuration {
  /** Approximate calendar days (month = 30, year = 365); Infinity for "perpetual". */
  days: number;
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, eighteen: 18, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};

/** "5 years", "6 months", "30 days", "10 business days", "two years", "perpetual" -> days; null if not a duration. */
export function parseRuleDuration(text: string): RuleDuration | null {
  const t = text.trim().toLowerCase();
  if (/^(perpetual|perpetuity|indefinite|unlimited|forever)$/.test(t)) return { days: Infinity, text };
  const m = /^([0-9]+(?:\.[0-9]+)?|[a-z]+)\s*(business\s+days?|calendar\s+days?|days?|weeks?|months?|years?)$/.exec(t);
  if (!m) return null;
  const n = /^[0-9]/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
  if (n === undefined || !Number.isFinite(n) || n < 0) return null;
  const unitWord = m[2].replace(/\s+/g, ' ');
  const unit = unitWord.startsWith('business') ? 'business_day' : unitWord.replace(/^calendar /, '').replace(/s$/, '');
  return { days: n * UNIT_DAYS[unit], text };
}

/** An amount in a rule: money ("USD 1,000,000", "$500k") or a multiple of fees ("12 months of fees", "2x annual fees"). */
export type RuleAmount =
  | { kind: 'money'; value: number; currency?: string; text: string }
  | { kind: 'fees'; /** in multiples of 12 months' fees */ annualMultiple: number; text: string };

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

function scaled(num: string, suffix: string | undefined): number {
  const v = Number(num.replace(/,/g, ''));
  const s = (suffix ?? '').toLowerCase();
  if (s === 'k' || s === 'thousand') return v * 1e3;
  if (s === 'm' || s === 'million') return v * 1e6;
  if (s === 'bn' || s === 'b' || s === 'billion') return v * 1e9;
  return v;
}

export function parseRuleAmount(text: string): RuleAmount | null {
  const t = text.trim();
  const fees = parseFeesMultiple(t);
  if (fees !== null) return { kind: 'fees', annualMultiple: fees, text };
  const m = /^(?:([A-Z]{3})\s*|([$€£¥])\s*)?([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m|bn|b|thousand|million|billion)?(?:\s*([A-Z]{3}))?$/i.exec(t);
  if (!m) return null;
  const currency = (m[1] ?? (m[2] ? CURRENCY_SYMBOLS[m[2]] : undefined) ?? m[5])?.toUpperCase();
  const value = scaled(m[3], m[4]);
  if (!Number.isFinite(value)) return null;
  return { kind: 'money', value, currency, text };
}

/**
 * A multiple of fees, in units of twelve months' fees: "12 months of fees" -> 1, "2x annual fees" -> 2,
 * "fees paid in the six (6) months preceding the claim" -> 0.5, "the fees paid" (no period) -> 1.
 */
export function parseFeesMultiple(text: string): number | null {
  const t = text.toLowerCase();
  if (!/\bfees?\b|\bcharges\b|\bamounts? (?:paid|payable)\b|\bconsideration\b/.test(t)) return null;
  const mult = /([0-9]+(?:\.[0-9]+)?)\s*(?:x|times)\b/.exec(t) ?? /\b(one|two|three|four|five)\s+times\b/.exec(t);
  const months = /(?:\(([0-9]+)\)|\b([0-9]+)|\b(one|two|three|six|twelve|eighteen|twenty-four|thirty-six))\s*(?:\([0-9]+\)\s*)?(?:-|\s)?(months?|years?)\b/.exec(t);
  let multiple = 1;
  if (mult) multiple = /^[0-9]/.test(mult[1]) ? Number(mult[1]) : (NUMBER_WORDS[mult[1]] ?? 1);
  let period = 1; // in years
  if (months) {
    const raw = months[1] ?? months[2] ?? months[3];
    const n = /^[0-9]/.test(raw) ? Number(raw) : raw === 'twenty-four' ? 24 : raw === 'thirty-six' ? 36 : (NUMBER_WORDS[raw] ?? 12);
    period = months[4].startsWith('year') ? n : n / 12;
  }
  return multiple * period;
}

/** The period a fee base covers, in years: "fees paid in the six (6) months before" -> 0.5; null when none is stated. */
export function feePeriodYears(text: string): number | null {
  const t = text.toLowerCase();
  const m = /(?:\(([0-9]+)\)|\b([0-9]+)|\b(one|two|three|six|twelve|eighteen|twenty-four|thirty-six))\s*(?:\([0-9]+\)\s*)?(?:-|\s)?(months?|years?)\b/.exec(t);
  if (m) {
    const raw = m[1] ?? m[2] ?? m[3];
    const n = /^[0-9]/.test(raw) ? Number(raw) : raw === 'twenty-four' ? 24 : raw === 'thirty-six' ? 36 : (NUMBER_WORDS[raw] ?? 12);
    return m[4].startsWith('year') ? n : n / 12;
  }
  if (/\bannual\b|\byearly\b|\bper (?:annum|year)\b/.test(t)) return 1;
  return null;
}

/**
 * Detected amount (clauses/model.ts Amount) -> comparable form, or null when it says nothing
 * comparable (e.g. "the fees paid under this Agreement" with no period: total fees to date).
 */
export function normalizeDetectedAmount(a: { currency?: string; value?: number; multiple?: number; of?: string; text: string }): RuleAmount | null {
  if (typeof a.value === 'number' && Number.isFinite(a.value) && a.multiple === undefined) {
    return { kind: 'money', value: a.value, currency: a.currency?.toUpperCase(), text: a.text };
  }
  if (a.multiple !== undefined) {
    const period = feePeriodYears(a.of ?? '') ?? feePeriodYears(a.text);
    if (period === null) return null;
    return { kind: 'fees', annualMultiple: a.multiple * period, text: a.text };
  }
  const fromText = parseFeesMultiple(a.text);
  if (fromText !== null && feePeriodYears(a.text) !== null) return { kind: 'fees', annualMultiple: fromText, text: a.text };
  return parseRuleAmount(a.text);
}

/** -1, 0, 1, or null when the two cannot be compared (money vs multiple of fees, different currencies). */
export function compareAmounts(a: RuleAmount, b: RuleAmount): number | null {
  if (a.kind !== b.kind) return null;
  if (a.kind === 'money' && b.kind === 'money') {
    if (a.currency && b.currency && a.currency !== b.currency) return null;
    return Math.sign(a.value - b.value);
  }
  if (a.kind === 'fees' && b.kind === 'fees') return Math.sign(Math.round((a.annualMultiple - b.annualMultiple) * 1000));
  return null;
}

const JURISDICTION_ALIASES: Record<string, string> = {
  'england': 'england and wales',
  'england & wales': 'england and wales',
  'english': 'england and wales',
  'uk': 'england and wales',
  'united kingdom': 'england and wales',
  'ny': 'new york',
  'de': 'delaware',
  'ca': 'california',
  'usa': 'united states',
  'u.s.': 'united states',
  'us': 'united states',
  'the netherlands': 'netherlands',
  'federal republic of germany': 'germany',
};

/** "the State of New York" -> "new york"; "laws of England & Wales" -> "england and wales". */
export function normalizeJurisdiction(text: string): string {
  let t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  t = t.replace(/^(?:the\s+)?(?:laws?\s+of\s+)?(?:the\s+)?/, '');
  t = t.replace(/^(?:state|commonwealth|province|republic|kingdom|canton)\s+of\s+/, '');
  t = t.replace(/[.,;]+$/, '').replace(/,?\s*(?:usa|u\.s\.a\.?|united states(?: of america)?)$/, '').trim();
  return JURISDICTION_ALIASES[t] ?? t;
}

/** Whether a detected jurisdiction is one of the allowed ones (exact after normalizing, or contains it as words). */
export function jurisdictionMatches(detected: string, allowed: string[]): boolean {
  const d = normalizeJurisdiction(detected);
  return allowed.some((a) => {
    const n = normalizeJurisdiction(a);
    if (n === d) return true;
    const re = new RegExp(`(^|[^a-z])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z]|$)`);
    return re.test(d);
  });
}

export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return 'perpetual';
  if (days >= 365 && days % 365 === 0) return `${days / 365} year${days === 365 ? '' : 's'}`;
  if (days >= 30 && days % 30 === 0) return `${days / 30} month${days === 30 ? '' : 's'}`;
  return `${Math.round(days)} day${days === 1 ? '' : 's'}`;
}
