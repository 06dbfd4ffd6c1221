// What clause detection produces. The taxonomy itself is data (see taxonomy files in this folder).

/** A normalized duration: "thirty (30) days" -> { value: 30, unit: 'day', days: 30, text: 'thirty (30) days' }. */
export interface Duration {
  value: number;
  unit: 'day' | 'business_day' | 'week' | 'month' | 'year';
  /** Approximate length in calendar days, for comparisons (month = 30, year = 365). */
  days: number;
  text: string;
}

/** A money amount or a multiple of fees: "$1,000,000" or "twelve (12) months of fees" or "2x". */
export interface Amount {
  currency?: string;
  value?: number;
  /** e.g. { multiple: 1, of: 'fees paid in the 12 months before the claim' } */
  multiple?: number;
  of?: string;
  text: string;
}

export interface ClauseValues {
  jurisdiction?: string;
  /** ISO date (YYYY-MM-DD) when a date was found. */
  date?: string;
  duration?: Duration;
  amount?: Amount;
  parties?: string[];
  /** "perpetual", "mutual", "one_sided", ... where a clause family defines such flags. */
  flags?: string[];
  [extra: string]: unknown;
}

export interface ClauseLocation {
  paragraphIndex: number;
  /** All paragraphs the clause spans (first is `paragraphIndex`). */
  paragraphIndexes: number[];
  /** The section number of the paragraph or its nearest numbered ancestor, e.g. "12.3". */
  section?: string;
  /** The heading the clause sits under, when known. */
  heading?: string;
  page?: number;
}

export interface DetectedClause {
  /** Stable taxonomy id, e.g. "governing_law". */
  clauseId: string;
  title: string;
  excerpt: string;
  location: ClauseLocation;
  /** 0..1 */
  confidence: number;
  values?: ClauseValues;
}
