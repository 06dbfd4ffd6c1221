// Plain text -> the normalized model. Used for CUAD's .txt files, for tests, and for any input
// that is already text. It recovers what the PDF reader recovers from a text layer: paragraphs
// (blank lines, or a new numbered item), their numbering and headings, and pages (form feeds).
// A text document has no XML to point back to, so it is modelled like a PDF's text layer
// (format 'pdf', source refs by page and line): a redline for it is built as a clean DOCX.
import type { DocumentModel, Paragraph } from './model.js';

/** "1.", "1.2", "12.3.4", "(a)", "(iv)", "a.", "IV.", "Article 5", "Section 2.1", "ARTICLE XII". */
const NUMBERING =
  /^\s*(?:((?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause)\s+(?:\d+(?:\.\d+)*|[IVXLC]+))\b[.:]?|(\d{1,3}(?:\.\d{1,3}){0,4})(?:\.(?!\d)|\)|(?=\s))|\(([a-zA-Z]{1,4}|\d{1,3})\)|([a-z]|[IVXL]{1,5}|[A-Z])[.)](?=\s))\s*/;

export interface SplitNumbering {
  numbering?: string;
  rest: string;
}

/** Take the leading number off a paragraph: "12.3. Notices" -> { numbering: "12.3", rest: "Notices" }. */
export function splitNumbering(text: string): SplitNumbering {
  const m = NUMBERING.exec(text);
  if (!m) return { rest: text.trim() };
  const raw = (m[1] ?? m[2] ?? (m[3] !== undefined ? `(${m[3]})` : undefined) ?? m[4])!;
  const rest = text.slice(m[0].length).trim();
  // A bare number followed by nothing, or a year-like number, is not numbering.
  if (m[2] !== undefined && (Number(m[2]) > 400 || /^\d{4}$/.test(m[2]))) return { rest: text.trim() };
  if (m[4] !== undefined && /^[A-Z]$/.test(m[4]) && !/^[A-Z]/.test(rest)) return { rest: text.trim() };
  return { numbering: raw.replace(/^(article|section|clause)\s+/i, '').trim(), rest };
}

/** A short line without a final full stop, in capitals or title case, reads as a heading. */
export function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 90) return false;
  if (/[.;,:]$/.test(t) && !/^(ARTICLE|Article|SECTION|Section)\b/.test(t)) return /^[A-Z0-9 &,'\-/]+\.$/.test(t) && t.length < 60;
  if (!/[A-Za-z]/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
  if (words.length === 0 || words.length > 12) return false;
  const letters = t.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 3 && letters === letters.toUpperCase()) return true;
  const small = new Set(['of', 'and', 'or', 'the', 'to', 'for', 'in', 'on', 'a', 'an', 'by', 'with', 'upon', 'under', 'as']);
  return words.every((w) => small.has(w.toLowerCase()) || /^[A-Z("“'0-9]/.test(w));
}

function headingLevelOf(numbering: string | undefined, rest: string): number | undefined {
  if (!looksLikeHeading(rest)) return undefined;
  if (!numbering) return 1;
  if (/^\d+$/.test(numbering) || /^[IVXLC]+$/.test(numbering)) return 1;
  const depth = numbering.split('.').length;
  return Math.min(9, depth);
}

export function readPlainText(text: string): DocumentModel {
  const paragraphs: Paragraph[] = [];
  const pages = text.split('\f');
  let words = 0;
  let headings = 0;
  pages.forEach((pageText, p) => {
    const lines = pageText.replace(/\r\n?/g, '\n').split('\n');
    let buf: string[] = [];
    let start = 0;
    const flush = (end: number) => {
      const joined = buf.join(' ').replace(/[ \t\u00a0]+/g, ' ').trim();
      buf = [];
      if (!joined) return;
      // Split items a text export glued onto one line.
      const pieces = joined.length > 200 ? splitInline(joined) : [joined];
      for (const piece of pieces) {
        const { numbering, rest } = splitNumbering(piece);
        const headingLevel = headingLevelOf(numbering, rest);
        if (headingLevel) headings++;
        words += piece.split(/\s+/).length;
        paragraphs.push({
          index: paragraphs.length,
          text: piece,
          ...(numbering ? { numbering } : {}),
          ...(headingLevel ? { headingLevel } : {}),
          page: p + 1,
          location: 'body',
          source: { kind: 'pdf', page: p + 1, lineStart: start, lineEnd: end },
        });
      }
    };
    lines.forEach((line, i) => {
      if (/^\s*$/.test(line)) {
        flush(i - 1);
        start = i + 1;
        return;
      }
      // A line that opens a numbered item starts a new paragraph even without a blank line.
      if (buf.length > 0 && NUMBERING.test(line) && splitNumbering(line).numbering) {
        flush(i - 1);
        start = i;
      }
      buf.push(line);
    });
    flush(lines.length - 1);
  });
  return {
    format: 'pdf',
    paragraphs,
    comments: [],
    stats: {
      pages: pages.length,
      paragraphs: paragraphs.length,
      words,
      headings,
      tables: 0,
      trackedInsertions: 0,
      trackedDeletions: 0,
      comments: 0,
    },
    ...(paragraphs.find((x) => x.headingLevel) ? { title: paragraphs.find((x) => x.headingLevel)!.text } : {}),
    warnings: [],
  };
}

/** One physical line may hold several items ("...as follows: 1.1. Obligations of EFS. (a) ..."). */
function splitInline(text: string): string[] {
  const out: string[] = [];
  const re = /(?<=[.:;!?]["”)]?) (?=(?:\d{1,2}(?:\.\d{1,2}){1,4}\.?|\([a-z]{1,3}\)|\(\d{1,2}\)|ARTICLE \d|Section \d+(?:\.\d+)*\.?) [A-Z("“])/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(last, m.index).trim());
    last = m.index!;
  }
  out.push(text.slice(last).trim());
  return out.filter(Boolean);
}
