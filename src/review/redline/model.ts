// What the engine asks the redline writers to do, and what they report back.
import type { SourceRef } from '../document/model.js';

interface EditBase {
  /** The model paragraph the edit is about (for reporting and for PDF sources). */
  paragraphIndex: number;
  /** Where that paragraph lives; for DOCX this is how the writer finds the w:p to edit. */
  source: SourceRef;
  /** Rationale shown as a Word comment on the changed span. */
  comment?: string;
}

export type RedlineEdit =
  /** Replace the first occurrence of `find` (an exact substring of the paragraph's current text). */
  | (EditBase & { kind: 'replace'; find: string; replaceWith: string })
  /** Delete the first occurrence of `find`. */
  | (EditBase & { kind: 'delete'; find: string })
  /** Insert a new paragraph after this one (tracked, paragraph mark included), styled like it. */
  | (EditBase & { kind: 'insertParagraphAfter'; text: string })
  /** Only a comment: on `find` when given, else on the whole paragraph. */
  | (EditBase & { kind: 'comment'; find?: string; comment: string });

export interface RedlineOptions {
  /** Author of the tracked changes and comments; default "Docket". */
  author?: string;
  /** Date stamped on the changes; default now. */
  date?: Date;
  /** Initials on comments; default from the author ("D"). */
  initials?: string;
}

export interface SkippedEdit {
  edit: RedlineEdit;
  /** Why it was not applied, as a sentence. */
  reason: string;
}

export interface RedlineResult {
  /** The redlined .docx. */
  bytes: Uint8Array;
  /** Edits applied, in the order given. */
  applied: RedlineEdit[];
  /** Edits that could not be applied (text not found, unknown paragraph, ...); nothing of them was written. */
  skipped: SkippedEdit[];
}
