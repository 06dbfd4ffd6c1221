// Lines of all pages -> paragraphs: drops running headers/footers and page numbers, joins
// wrapped lines, recovers numbering and heading levels.
import type { Paragraph } from './model.js';
import type { PdfLine } from './pdf-layout.js';
import { headingLevel, isAllCaps, isPageNumberLine, joinLine, parseNumbering, repeatKey } from './pdf-text.js';

export interface PageLines {
  /** 1-based. */
  page: number;
  lines: PdfLine[];
}

/** How many lines at the top and bottom of a page can hold a running header or footer. */
const ZONE = 4;

/**
 * Running headers/footers and page numbers. A running line sits in the top or bottom few lines
 * of a page and repeats, digits aside, at about the same height on many pages; a line with the
 * same text elsewhere on a page (HTML filings that print several "pages" per sheet) goes too.
 */
export function findRunningLines(pages: PageLines[]): Set<PdfLine> {
  const zoneOf = (p: PageLines): PdfLine[] => {
    const byY = [...p.lines].sort((a, b) => a.y - b.y);
    if (byY.length <= 2 * ZONE) return byY;
    return [...byY.slice(0, ZONE), ...byY.slice(-ZONE)];
  };
  const zones = pages.map(zoneOf);
  const seen = new Map<string, { page: number; y: number }[]>();
  zones.forEach((z, page) => {
    for (const l of z) {
      const k = repeatKey(l.text);
      if (k.length > 150) continue;
      const arr = seen.get(k) ?? [];
      if (!arr.some((o) => o.page === page && Math.abs(o.y - l.y) < 1)) arr.push({ page, y: l.y });
      seen.set(k, arr);
    }
  });
  const n = pages.length;
  const minRepeats = n <= 3 ? 2 : Math.max(3, Math.ceil(n * 0.2));
  // Signature blocks repeat too ("By:", "Its: Vice President" on every signature page), but a
  // running line is printed once per page, never three times, and never signs anything.
  const perPage = new Map<string, number>();
  for (const p of pages) {
    const here = new Map<string, number>();
    for (const l of p.lines) {
      const k = repeatKey(l.text);
      if (seen.has(k)) here.set(k, (here.get(k) ?? 0) + 1);
    }
    for (const [k, c] of here) perPage.set(k, Math.max(perPage.get(k) ?? 0, c));
  }
  const running = new Set<string>();
  for (const [k, occ] of seen) {
    if (occ.length < minRepeats || (perPage.get(k) ?? 0) >= 3) continue;
    if (/\/s\/|signature|^(by|its|name|title|date)\s*:/.test(k)) continue;
    // "ARTICLE 7" opening every page is structure, not a running header.
    if (/^(article|section) #/.test(k)) continue;
    for (const o of occ) {
      const pagesNear = new Set(occ.filter((q) => Math.abs(q.y - o.y) <= 40).map((q) => q.page));
      if (pagesNear.size >= minRepeats) { running.add(k); break; }
    }
  }
  const dropped = new Set<PdfLine>();
  for (const z of zones) for (const l of z) if (isPageNumberLine(l.text)) dropped.add(l);
  pages.forEach((p, i) => {
    for (const l of p.lines) {
      const k = repeatKey(l.text);
      if (running.has(k) && (k.length >= 8 || zones[i].includes(l))) dropped.add(l);
    }
  });
  return dropped;
}

interface Geometry {
  left: number;
  right: number;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(p * (s.length - 1))))];
}

function mode(xs: number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(Math.round(x), (m.get(Math.round(x)) ?? 0) + 1);
  let best = xs[0], n = -1;
  for (const [k, c] of m) if (c > n || (c === n && k < best)) { best = k; n = c; }
  return best;
}

/** Left margin and right edge of each page's columns, from the lines on them. */
function geometryOf(pages: PageLines[]): (l: PdfLine, page: number) => Geometry {
  const byKey = new Map<string, Geometry>();
  const docX0: number[] = [], docX1: number[] = [];
  for (const p of pages) {
    const cols = new Map<number, PdfLine[]>();
    for (const l of p.lines) {
      const arr = cols.get(l.col) ?? [];
      arr.push(l);
      cols.set(l.col, arr);
      if (l.col === -1) { docX0.push(l.x0); docX1.push(l.x1); }
    }
    for (const [col, ls] of cols) {
      if (ls.length < 4) continue;
      byKey.set(`${p.page}:${col}`, { left: mode(ls.map((l) => l.x0)), right: percentile(ls.map((l) => l.x1), 0.9) });
    }
  }
  const fallback: Geometry = docX0.length
    ? { left: mode(docX0), right: percentile(docX1, 0.9) }
    : { left: 0, right: 0 };
  return (l, page) => byKey.get(`${page}:${l.col}`) ?? { left: Math.min(fallback.left, l.x0), right: Math.max(fallback.right, l.x1) };
}

/** Typical baseline-to-baseline distance inside a paragraph, as a multiple of the font size. */
function lineSpacing(pages: PageLines[], dropped: Set<PdfLine>): number {
  const ratios: number[] = [];
  for (const p of pages) {
    let prev: PdfLine | undefined;
    for (const l of p.lines) {
      if (dropped.has(l)) continue;
      if (prev && prev.col === l.col && Math.abs(prev.size - l.size) < 0.5) {
        const d = l.y - prev.y;
        if (d > 0 && d < 4 * l.size) ratios.push(d / l.size);
      }
      prev = l;
    }
  }
  return ratios.length ? percentile(ratios, 0.4) : 1.2;
}

/**
 * The document's usual baseline-to-baseline distance in points, whatever the font size: text
 * set in a smaller font (capitals in a liability cap, small print) often keeps the body's
 * leading, and a gap of one ordinary line is no paragraph break however small the type.
 */
function linePitch(pages: PageLines[], dropped: Set<PdfLine>): number {
  const m = new Map<number, number>();
  for (const p of pages) {
    let prev: PdfLine | undefined;
    for (const l of p.lines) {
      if (dropped.has(l)) continue;
      if (prev && prev.col === l.col) {
        const d = Math.round((l.y - prev.y) * 2) / 2;
        if (d > 0 && d < 4 * Math.max(l.size, prev.size)) m.set(d, (m.get(d) ?? 0) + 1);
      }
      prev = l;
    }
  }
  let best = 0, n = 0;
  for (const [d, c] of m) if (c > n) { best = d; n = c; }
  return best;
}

const ENDS_SENTENCE = /[.!?:;]["”’')\]]*$/;
const ARTICLE_LABEL = /^(ARTICLE|SECTION)\s+([IVXLCDM]+|\d{1,3}(\.\d+)*|[A-Z])\.?$/i;

interface Cursor {
  line: PdfLine;
  page: number;
}

export interface BuildResult {
  paragraphs: Paragraph[];
  truncated: boolean;
}

export function buildParagraphs(pages: PageLines[], maxParagraphs: number): BuildResult {
  const dropped = findRunningLines(pages);
  const geo = geometryOf(pages);
  const spacing = lineSpacing(pages, dropped);
  const pitch = linePitch(pages, dropped);
  let articleLines = 0;
  for (const p of pages) for (const l of p.lines) if (/^ARTICLE\s+([IVXLCDM]+|\d{1,3})\b/.test(l.text)) articleLines++;
  const hasArticles = articleLines >= 2;
  const lineHeading = (l: PdfLine) => headingLevel(l.text, { hasArticles, centered: false }) !== undefined;
  const bigGap = (A: PdfLine, B: PdfLine) => {
    const gap = B.y - A.y;
    return gap > Math.max(A.size, B.size) * spacing * 1.45 + 0.5 && gap > 1.25 * pitch;
  };
  // Documents that set paragraphs apart with blank space (most filings) say where a paragraph
  // ends by that space; a line that merely stops short of the margin (text wrapped at a
  // narrower measure than the page, ragged right) does not end one there.
  let ends = 0, endsGap = 0;
  for (const p of pages) {
    let prev: PdfLine | undefined;
    for (const l of p.lines) {
      if (dropped.has(l)) continue;
      if (prev && prev.col === l.col && l.y > prev.y && ENDS_SENTENCE.test(prev.text) && !lineHeading(prev)) {
        ends++;
        if (bigGap(prev, l)) endsGap++;
      }
      prev = l;
    }
  }
  const gapParagraphs = ends >= 10 && endsGap >= 0.7 * ends;

  const fullLine = (l: PdfLine, page: number) => {
    const g = geo(l, page);
    return l.x0 <= g.left + 2 * l.size && l.x1 >= g.right - 0.25 * (g.right - g.left);
  };
  // Set while reading past a page number printed mid-sheet (filings that print several pages
  // per sheet): the lines either side of it are on different printed pages.
  let sheetBreak = false;
  const shouldBreak = (a: Cursor, b: Cursor, paraStart: Cursor): boolean => {
    const A = a.line, B = b.line;
    const hyphenated = /[A-Za-z]-$/.test(A.text) && /^[a-z]/.test(B.text);
    const samePlace = a.page === b.page && A.col === B.col && B.y > A.y;
    // A sentence that runs on past a page number printed mid-sheet is one paragraph.
    if (sheetBreak && !ENDS_SENTENCE.test(A.text) && /^[a-z]/.test(B.text) && !parseNumbering(B.text) && !lineHeading(A)) return false;
    // "ARTICLE IV" over "TERMINATION": one heading, even with some space between them.
    if (A === paraStart.line && ARTICLE_LABEL.test(A.text) && isAllCaps(B.text) && lineHeading(B) && !parseNumbering(B.text)) {
      if (!samePlace || B.y - A.y < Math.max(A.size, B.size) * spacing * 3.5) return false;
    }
    if (samePlace) {
      // A sentence running on in lower case over a stray blank line (a <br> in the filing's HTML)
      // is still one paragraph; a heading or a numbered item after a gap is not.
      if (bigGap(A, B) && !(B.y - A.y < 2.6 * Math.max(pitch, A.size * spacing) && !ENDS_SENTENCE.test(A.text) && /^[a-z]/.test(B.text) && !parseNumbering(B.text) && !lineHeading(A) && Math.abs(A.size - B.size) <= 0.5 && fullLine(A, a.page))) return true;
      if (Math.abs(A.size - B.size) > 1.2) return true;
    }
    if (hyphenated) return false;
    // Over a page or column break the text of a paragraph keeps its type size; a line in
    // another size (a page's dated footer, a title) is something else.
    if (!samePlace && Math.abs(A.size - B.size) > 0.75) return true;
    const g = geo(A, a.page);
    const aEnds = ENDS_SENTENCE.test(A.text);
    const avgChar = Math.max(1, (A.x1 - A.x0) / Math.max(1, A.text.length));
    const firstWord = B.text.split(' ')[0];
    // The next line's first word would have fitted on this one: this line ended on purpose.
    // Where blank space marks paragraphs, only a line well short of the margin ends one unmarked.
    const aShort = g.right - A.x1 > Math.max((firstWord.length + 2) * avgChar, gapParagraphs && samePlace ? 0.25 * (g.right - g.left) : 0);
    const bNum = parseNumbering(B.text);
    const aHead = lineHeading(A);
    const bHead = lineHeading(B);
    if (bNum && (aEnds || aShort || aHead || /^ARTICLE\s/.test(B.text))) return true;
    // Over a page or column break a sentence that runs on is one paragraph, however short the
    // last line before the break is (filings break pages mid-sentence).
    if (!samePlace && !aEnds && !aHead && /^\(?[a-z]/.test(B.text)) return false;
    if (aHead && !(isAllCaps(A.text) && isAllCaps(B.text) && !aEnds && samePlace)) return true;
    if (bHead && (aEnds || aShort)) return true;
    // A hanging continuation: a table row's value cell, or a list item's text, wrapping under
    // where its own text began, not back at the margin ("Royalty Fee: Five percent (5%) of
    // the Hotel's Gross Rooms" over "Revenue for the preceding month").
    if (aShort && samePlace && !aEnds && !bNum && !bHead && !parseNumbering(A.text) && B.y - A.y <= 1.1 * pitch && A.x0 <= g.left + 2 * A.size && B.x0 > A.x0 + 6 * B.size && B.x0 < A.x1 - 4 * B.size && /^[A-Za-z(]/.test(B.text)) return false;
    if (aShort) return true;
    const gb = geo(B, b.page);
    const bIndented = B.x0 > gb.left + 1.5 * B.size;
    if (aEnds && bIndented && (!samePlace || A.x0 <= g.left + B.size)) return true;
    return false;
  };

  const paragraphs: Paragraph[] = [];
  let truncated = false;
  let seenArticle = false;
  let text = '';
  let start: Cursor | undefined;
  let last: Cursor | undefined;
  const emit = () => {
    if (!start || !last || !text) return;
    // A page number standing alone mid-page (filings that print several pages per sheet).
    if (isPageNumberLine(text) || /^[A-Z]{1,2}-\d{1,3}$/.test(text)) return;
    if (paragraphs.length >= maxParagraphs) { truncated = true; return; }
    const num = parseNumbering(text);
    const g = geo(start.line, start.page);
    const single = start.line === last.line;
    const width = g.right - g.left;
    const lm = start.line.x0 - g.left, rm = g.right - start.line.x1;
    const centered = single && width > 0 && lm > 0.1 * width && Math.abs(lm - rm) < 0.1 * width;
    let level = headingLevel(text, { hasArticles, centered });
    // A title above the first ARTICLE sits at the top level, not among the sections.
    if (level === 2 && hasArticles && !seenArticle && !num) level = 1;
    if (num?.kind === 'article') seenArticle = true;
    const para: Paragraph = {
      index: paragraphs.length,
      text,
      page: start.page,
      location: 'body',
      source: {
        kind: 'pdf',
        page: start.page,
        lineStart: start.line.index,
        lineEnd: last.line.index,
        ...(last.page !== start.page ? { pageEnd: last.page } : {}),
      },
    };
    if (num) para.numbering = num.numbering;
    if (level !== undefined) para.headingLevel = level;
    paragraphs.push(para);
  };
  for (const p of pages) {
    const kept = p.lines.filter((l) => !dropped.has(l));
    for (let i = 0; i < kept.length; i++) {
      const line = kept[i];
      const before = kept[i - 1], after = kept[i + 1];
      if (before && after && isPageNumberLine(line.text) && line.y - before.y > 1.5 * pitch && after.y - line.y > 1.5 * pitch) {
        sheetBreak = true;
        continue;
      }
      const cur: Cursor = { line, page: p.page };
      const join = start && last && !shouldBreak(last, cur, start);
      sheetBreak = false;
      if (join) {
        text = joinLine(text, line.text);
        last = cur;
        continue;
      }
      emit();
      if (truncated) return { paragraphs, truncated };
      text = line.text;
      start = last = cur;
    }
  }
  emit();
  return { paragraphs, truncated };
}
