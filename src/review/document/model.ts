// The one normalized model that both readers (docx.ts, pdf.ts) produce and the rest of the
// engine consumes. Keep it plain data: it crosses worker-thread boundaries.

/** Where a paragraph came from, so a redline can edit it in place. */
export type SourceRef =
  | {
      kind: 'docx';
      /** Zip part, e.g. "word/document.xml", "word/footnotes.xml", "word/header1.xml". */
      part: string;
      /** Index of the paragraph among all `w:p` elements of that part, in document order. */
      pIndex: number;
    }
  | {
      kind: 'pdf';
      /** 1-based page number. */
      page: number;
      /** Index of the first and last text line (within the page) the paragraph was joined from. */
      lineStart: number;
      lineEnd: number;
      /** Set when the paragraph runs on over a page break: the page `lineEnd` is on. */
      pageEnd?: number;
    };

export type ParagraphLocation = 'body' | 'table' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment';

export interface Paragraph {
  /** Position in reading order over the whole document (0-based, dense). */
  index: number;
  /** The text as it currently stands: tracked insertions kept, tracked deletions dropped. */
  text: string;
  /** The paragraph's number as a reader would see it, e.g. "12.3", "(a)", "IV", without punctuation noise. */
  numbering?: string;
  /** 1..9 when the paragraph is a heading (style, outline level, or recovered from the text for PDF). */
  headingLevel?: number;
  /** Word style id or name, when known. */
  style?: string;
  /** 1-based page, when known (always for PDF; for DOCX only from explicit/rendered page breaks). */
  page?: number;
  location: ParagraphLocation;
  /** For paragraphs inside a table. */
  table?: { table: number; row: number; cell: number };
  source: SourceRef;
}

export interface DocumentComment {
  id: string;
  author?: string;
  date?: string;
  text: string;
  /** Paragraph the comment is anchored on, when it could be resolved. */
  paragraphIndex?: number;
}

export interface DocumentStats {
  pages: number;
  paragraphs: number;
  words: number;
  headings: number;
  tables: number;
  /** Existing tracked changes in the input (DOCX only). */
  trackedInsertions: number;
  trackedDeletions: number;
  comments: number;
}

export interface DocumentModel {
  format: 'docx' | 'pdf';
  paragraphs: Paragraph[];
  comments: DocumentComment[];
  stats: DocumentStats;
  /** Document title when the file carries one (core properties / PDF info) or the first heading. */
  title?: string;
  /** Things a user may want to know that did not stop the parse (e.g. "3 pages had no text layer"). */
  warnings: string[];
}

/** Limits every reader honours; the defaults are generous for real contracts and tight for bombs. */
export interface ParseLimits {
  /** Max bytes of the input file. */
  maxInputBytes: number;
  /** Max total inflated bytes over all zip entries read (DOCX). */
  maxInflatedBytes: number;
  /** Max inflated bytes of any one zip entry (DOCX). */
  maxEntryBytes: number;
  /** Max zip entries (DOCX). */
  maxEntries: number;
  /** Max PDF pages read. */
  maxPages: number;
  /** Max paragraphs kept. */
  maxParagraphs: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxInputBytes: 60 * 1024 * 1024,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxPages: 5_000,
  maxParagraphs: 500_000,
};

const NUMBER_PREFIX = /^\s*(?:(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause)\s+[0-9IVXLC.]+[.:]?|\d{1,3}(?:\.\d{1,3}){0,4}\.?|\([a-zA-Z0-9]{1,4}\)|[a-zA-Z]\.)\s*/;

/**
 * Some templates style whole clauses as headings (Common Paper's "Heading 3" paragraphs): a
 * heading-styled paragraph that reads as prose (long, or a sentence running on past a full stop) is
 * content. The clause detector reads such paragraphs as text, and the model's stats do not count them.
 */
export function readsAsProse(text: string): boolean {
  return text.length > 160 || (text.length > 80 && /[.;:]\s+\S/.test(text.replace(NUMBER_PREFIX, '')));
}

/** Paragraphs that are headings in substance, not only in style. */
export function countHeadings(paragraphs: Paragraph[]): number {
  return paragraphs.filter((p) => p.headingLevel !== undefined && !readsAsProse(p.text)).length;
}
