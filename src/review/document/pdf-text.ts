// Text-level rules for PDF paragraphs: numbering, headings, page-number lines. No geometry here.

const ROMAN = /^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/i;

/** A paragraph's number as a reader would see it ("12.3", "(a)", "IV"), and the text after it. */
export function parseNumbering(text: string): { numbering: string; rest: string; kind: 'article' | 'section' | 'decimal' | 'paren' | 'letter' } | undefined {
  let m = /^(?:ARTICLE|Article)\s+([IVXLCDM]+|\d{1,3}|[A-Z])\b[.:]?\s*/.exec(text);
  if (m) return { numbering: m[1], rest: text.slice(m[0].length), kind: 'article' };
  m = /^(?:SECTION|Section|Sec\.|§{1,2})\s*(\d{1,3}(?:\.\d{1,3})*[A-Za-z]?)\b(\.?)\s*/.exec(text);
  if (m) {
    const rest = text.slice(m[0].length);
    // "Section 12(b) of the Act" at a line start is a reference, not a section.
    if (m[2] || /^[A-Z"“]|^$/.test(rest)) return { numbering: m[1], rest, kind: 'section' };
    return undefined;
  }
  m = /^(\d{1,3}(?:\.\d{1,3}){0,4})(\.|\))?(?=\s|$)\s*/.exec(text);
  if (m) {
    const rest = text.slice(m[0].length);
    // "30 days" or "100 shares" at a line start is not a number; "3 Term" or "3.1 The" is.
    if (m[2] || m[1].includes('.') || /^[A-Z("“]/.test(rest)) {
      return { numbering: m[1], rest, kind: 'decimal' };
    }
    return undefined;
  }
  m = /^\(([a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,3})\)\s*/.exec(text);
  if (m && (m[1].length <= 2 || ROMAN.test(m[1]))) return { numbering: `(${m[1]})`, rest: text.slice(m[0].length), kind: 'paren' };
  m = /^([a-zA-Z]|[ivxlcIVXLC]{2,6})([.)])\s+/.exec(text);
  if (m && (m[1].length === 1 || ROMAN.test(m[1]))) {
    return { numbering: m[2] === ')' ? `(${m[1]})` : m[1], rest: text.slice(m[0].length), kind: 'letter' };
  }
  return undefined;
}

/** Lines that are only a page number: "3", "- 3 -", "-3-", "Page 3", "Page 3 of 12", "iv", "[3]". */
export function isPageNumberLine(text: string): boolean {
  const t = text.trim();
  if (/^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?$/i.test(t)) return true;
  if (/^(page\s*)?\d{1,4}\s*(of|\/)\s*\d{1,4}$/i.test(t)) return true;
  if (/^(page\s*\|\s*\d{1,4}|\d{1,4}\s*\|\s*page)$/i.test(t)) return true;
  if (/^[[(]\s*\d{1,4}\s*[\])]$/.test(t)) return true;
  if (/^[-–—]?\s*[ivxlc]{1,7}\s*[-–—]?$/i.test(t) && ROMAN.test(t.replace(/[-–—\s]/g, ''))) return true;
  // Two page numbers on one line ("-8- 9"): the printed number and the filing's own.
  if (/^([-–—]?\s*\d{1,4}\s*[-–—]?\s+){1,2}[-–—]?\s*\d{1,4}\s*[-–—]?$/.test(t)) return true;
  return false;
}

/** A key that is equal for a running header or footer on every page it appears on. */
export function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'by', 'with', 'at', 'as', 'from', 'into', 'upon', 'under', 'its', 'non', 'vs', 'per', 'de', 'la', 'nor']);
const COMPANY = /\b(INC|LLC|L\.L\.C|CORP|CORPORATION|LTD|LIMITED|L\.?P|PLC|GMBH|N\.A|S\.A|AG|B\.V)\.?,?$/i;

export function letters(text: string): { upper: number; lower: number } {
  let upper = 0, lower = 0;
  for (const ch of text) {
    if (ch >= 'A' && ch <= 'Z') upper++;
    else if (ch >= 'a' && ch <= 'z') lower++;
  }
  return { upper, lower };
}

export function isAllCaps(text: string): boolean {
  const { upper, lower } = letters(text);
  return upper >= 3 && lower <= upper * 0.1;
}

function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).map((w) => w.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '')).filter((w) => w.length > 0);
  if (words.length === 0) return false;
  let caps = 0, counted = 0;
  for (const w of words) {
    if (SMALL_WORDS.has(w.toLowerCase())) continue;
    counted++;
    if (/^[A-Z]/.test(w)) caps++;
  }
  return counted > 0 && caps / counted >= 0.75 && /^[A-Z]/.test(words[0]);
}

export interface HeadingContext {
  /** The document uses "ARTICLE n" headings, so numbered sections sit one level below. */
  hasArticles: boolean;
  /** The paragraph is roughly centered in its column. */
  centered: boolean;
}

/** 1..9 when the paragraph reads as a heading, else undefined. */
export function headingLevel(text: string, ctx: HeadingContext): number | undefined {
  const t = text.trim();
  if (t.length > 120 || t.length < 2) return undefined;
  const words = t.split(/\s+/).length;
  if (words > 14) return undefined;
  if (/[,;]$/.test(t)) return undefined;
  // Parentheticals, amounts, dates and street addresses stand alone too, but are not headings.
  if (/^[($]/.test(t) || /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}\b/.test(t)) return undefined;
  if (/^\d+\s+[A-Z][a-z]+\s+(Street|St\.?|Avenue|Ave\.?|Drive|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Way|Place|Court|Suite)\b/.test(t)) return undefined;
  const num = parseNumbering(t);
  const rest = (num ? num.rest : t).trim();
  if (num?.kind === 'article') return 1;
  if (/^(EXHIBIT|SCHEDULE|ANNEX|APPENDIX|ATTACHMENT|ADDENDUM)\b/.test(t) && words <= 8) return 1;
  const lastWord = rest.split(/\s+/).pop() ?? '';
  // "... NON-USE. The" runs on into a sentence; "/s/ NAME" is a signature.
  if (/[a-z]/.test(lastWord) && isAllCaps(rest)) return undefined;
  if (/\/s\//i.test(rest)) return undefined;
  // A party's name in a title block ("AMERICAN GENERAL LIFE INSURANCE COMPANY") is not a heading;
  // "OBLIGATIONS OF THE COMPANY" is.
  if (/:$/.test(rest) || COMPANY.test(rest) || /(?<!\b(?:the|of|a|each|any|such)\s)\bcompany\.?$/i.test(rest) || /^(By|Name|Title|Date|Its|Attn|Attention|Address|Tel|Fax|Email|Phone)\b\s*:/i.test(rest)) return undefined;
  // A heading ends with its title, not mid-sentence; "12. Governing Law." is still a heading.
  const restWords = rest.split(/\s+/).filter(Boolean);
  const sentenceLike = /[.!?]["”)]?$/.test(rest) && restWords.length > 6;
  if (sentenceLike) return undefined;
  // "GOVERNING LAW. THIS AGREEMENT SHALL BE ...": a run-in heading with its text after it.
  if (/\b[A-Za-z]{3,}[.!?]["”’)]?\s+\S+\s+\S/.test(rest)) return undefined;
  const depth = num ? num.numbering.split('.').length : 1;
  const caps = isAllCaps(rest);
  if (num && (num.kind === 'section' || num.kind === 'decimal')) {
    if (!rest) return undefined;
    if (caps || (isTitleCase(rest) && restWords.length <= 8)) return Math.min(9, ctx.hasArticles ? Math.max(2, depth) : depth);
    return undefined;
  }
  if (num) return undefined; // "(a) Something" is a list item, not a heading.
  if (caps && letters(rest).upper >= 4 && restWords.length <= 10) return ctx.hasArticles ? 2 : 1;
  if (ctx.centered && isTitleCase(rest) && restWords.length <= 8) return 1;
  return undefined;
}

/** Words whose line-end hyphen is part of the word ("non-compete"), not a break. */
const KEEP_HYPHEN = new Set(['non', 'self', 'co', 'cross', 'third', 'ex', 'quasi', 'semi', 'anti', 'multi', 'well', 'first', 'second', 'long', 'short', 'full', 'part', 'sole', 'joint', 'e']);

/** Joins a wrapped line onto the paragraph text, undoing end-of-line hyphenation. */
export function joinLine(acc: string, next: string): string {
  if (!acc) return next;
  const m = /([A-Za-z]+)-$/.exec(acc);
  if (m && /^[a-z]/.test(next)) {
    const word = m[1];
    if (KEEP_HYPHEN.has(word.toLowerCase()) || /-[A-Za-z]+-$/.test(acc)) return acc + next;
    return acc.slice(0, -1) + next;
  }
  return `${acc} ${next}`;
}
