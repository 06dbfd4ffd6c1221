/**
 * Redline for a PDF: there is no original package to edit, so build a clean DOCX from the
 * normalized model (headings as Word heading styles, numbering kept literally at the start of
 * the paragraph) and mark the edits on it with the very same tracked-change writer as a DOCX.
 * Edits address paragraphs by `paragraphIndex`; their `source` (kind 'pdf') is not needed.
 */
import type { DocumentModel, Paragraph } from '../document/model.js';
import { buildDocx, type Block, type ParagraphStyle } from '../docx/build.js';
import { redlineDocx } from './docx-redline.js';
import type { RedlineEdit, RedlineOptions, RedlineResult, SkippedEdit } from './model.js';

const MAIN_PART = 'word/document.xml';

export async function buildRedlineFromModel(model: DocumentModel, edits: RedlineEdit[], opts: RedlineOptions = {}): Promise<RedlineResult> {
  const blocks: Block[] = [];
  const pIndexOf = new Map<number, number>();
  for (const p of model.paragraphs) {
    if (p.location === 'header' || p.location === 'footer' || p.location === 'comment') continue;
    pIndexOf.set(p.index, blocks.length); // one paragraph block = one w:p
    blocks.push({ kind: 'paragraph', style: styleOf(p), runs: literalText(p) });
  }
  if (!blocks.length) blocks.push({ kind: 'paragraph', runs: '' });
  const bytes = buildDocx(blocks, { title: model.title, author: opts.author ?? 'Docket', created: opts.date });

  const skipped: SkippedEdit[] = [];
  const mapped: RedlineEdit[] = [];
  const originalOf = new Map<RedlineEdit, RedlineEdit>();
  for (const edit of edits) {
    const pIndex = pIndexOf.get(edit.paragraphIndex);
    if (pIndex === undefined) {
      skipped.push({ edit, reason: 'The paragraph the edit refers to is not in the document.' });
      continue;
    }
    const m = { ...edit, source: { kind: 'docx', part: MAIN_PART, pIndex } } as RedlineEdit;
    originalOf.set(m, edit);
    mapped.push(m);
  }
  const result = await redlineDocx(bytes, mapped, opts);
  return {
    bytes: result.bytes,
    applied: result.applied.map((e) => originalOf.get(e) ?? e),
    skipped: [...skipped, ...result.skipped.map((s) => ({ ...s, edit: originalOf.get(s.edit) ?? s.edit }))],
  };
}

function styleOf(p: Paragraph): ParagraphStyle | undefined {
  if (!p.headingLevel) return p.location === 'footnote' || p.location === 'endnote' ? 'Quote' : undefined;
  return `Heading${Math.min(6, Math.max(1, p.headingLevel))}` as ParagraphStyle;
}

/** The paragraph's text with its number in front, unless the text already starts with it. */
export function literalText(p: Paragraph): string {
  if (!p.numbering || p.text.startsWith(p.numbering)) return p.text;
  return `${p.numbering} ${p.text}`;
}
