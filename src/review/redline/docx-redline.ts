/**
 * Tracked-change redline of an original DOCX, edited in place.
 *
 * `redlineDocx(original, edits, opts)` resolves each edit's `source` ({part, pIndex}: the w:p's
 * index among all w:p of that part, as the reader records it) and writes the change as w:del /
 * w:ins at the smallest word span (author "Docket" unless told otherwise), with the rationale as
 * a comment anchored on the changed span. Only the parts that change are rewritten (the edited
 * parts, word/comments.xml, its relationship and content type); every other zip entry is copied
 * through with the same content. Edits that cannot be applied are returned in `skipped` and
 * leave no trace in the file.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { zipSync, type ZipOptions } from 'fflate';
import { DEFAULT_PARSE_LIMITS } from '../document/model.js';
import { SafeZip } from '../docx/zip.js';
import { parseXml, serializeXml } from '../docx/xml.js';
import { findMainPart, readRelationships, relsPathOf } from '../docx/package.js';
import { CT_NS, PKG_REL_NS, REL, W_NS, allW, createW } from '../docx/wml.js';
import { diffWords } from './diff.js';
import type { RedlineEdit, RedlineOptions, RedlineResult, SkippedEdit } from './model.js';
import {
  Revisions,
  anchorComment,
  appendText,
  applyHunks,
  commentParagraph,
  insertParagraphAfter,
  isolate,
  matchText,
  maxId,
} from './track.js';

export type { RedlineEdit, RedlineOptions, RedlineResult, SkippedEdit } from './model.js';

const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

interface LoadedPart {
  doc: Document;
  /** Every w:p of the part in document order, captured before any edit. */
  paragraphs: Element[];
  /** Comments cannot live in headers and footers. */
  commentable: boolean;
}

export async function redlineDocx(original: Uint8Array, edits: RedlineEdit[], opts: RedlineOptions = {}): Promise<RedlineResult> {
  const zip = await SafeZip.open(original, DEFAULT_PARSE_LIMITS);
  try {
    return await redline(zip, edits, opts);
  } finally {
    zip.close();
  }
}

async function redline(zip: SafeZip, edits: RedlineEdit[], opts: RedlineOptions): Promise<RedlineResult> {
  const author = opts.author ?? 'Docket';
  const mainPart = await findMainPart(zip);
  const rels = await readRelationships(zip, mainPart);
  const headerParts = new Set(rels.filter((r) => r.type === REL.header || r.type === REL.footer).map((r) => r.target));

  const parts = new Map<string, LoadedPart>();
  const skipped: SkippedEdit[] = [];
  const targets: { edit: RedlineEdit; part?: LoadedPart; p?: Element }[] = [];
  for (const edit of edits) {
    if (edit.source.kind !== 'docx') {
      skipped.push({ edit, reason: 'The edit does not point into a Word document.' });
      continue;
    }
    const name = edit.source.part;
    let part = parts.get(name);
    if (!part && zip.has(name)) {
      const doc = parseXml((await zip.readText(name)) ?? '', 'a part of the document');
      part = { doc, paragraphs: allW(doc, 'p'), commentable: !headerParts.has(name) };
      parts.set(name, part);
    }
    const p = part?.paragraphs[edit.source.pIndex];
    if (!part || !p) skipped.push({ edit, reason: 'The paragraph the edit refers to is not in the document.' });
    else targets.push({ edit, part, p });
  }

  // Comments part: the existing one (appended to) or a new one.
  const commentsRel = rels.find((r) => r.type === REL.comments && r.target && zip.has(r.target));
  const commentsPart = commentsRel?.target ?? `${mainPart.slice(0, mainPart.lastIndexOf('/') + 1)}comments.xml`;
  let comments: Document | undefined = commentsRel ? parseXml((await zip.readText(commentsPart)) ?? '', 'the comments') : undefined;
  let commentsCreated = false;

  const firstId = Math.max(0, ...[...parts.values()].map((p) => maxId(p.doc)), comments ? maxId(comments) : 0) + 1;
  const rev = new Revisions(author, opts.date ?? new Date(), firstId);
  const initials = opts.initials ?? initialsOf(author);

  const addComment = (text: string): string => {
    if (!comments) {
      comments = parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W_NS}"/>`, 'the comments');
      commentsCreated = true;
    }
    const id = rev.id();
    const c = createW(comments, 'comment', { id, author, date: rev.date, initials });
    text.split(/\r?\n/).forEach((line, i) => {
      const p = createW(comments!, 'p');
      if (i === 0) {
        const ref = createW(comments!, 'r');
        ref.appendChild(createW(comments!, 'annotationRef'));
        p.appendChild(ref);
      }
      const r = createW(comments!, 'r');
      appendText(comments!, r, line);
      p.appendChild(r);
      c.appendChild(p);
    });
    comments.documentElement!.appendChild(c);
    return id;
  };

  const applied: RedlineEdit[] = [];
  const touched = new Set<LoadedPart>();
  const lastInsertedAfter = new Map<Element, Element>();
  for (const { edit, part, p } of targets) {
    const result = applyEdit(edit, p!, part!, rev, addComment, lastInsertedAfter);
    if (typeof result === 'string') skipped.push({ edit, reason: result });
    else {
      applied.push(edit);
      touched.add(part!);
    }
  }

  // Write: changed parts replaced, everything else copied through in its original order.
  const changed = new Map<string, string>();
  for (const [name, part] of parts) if (touched.has(part)) changed.set(name, serializeXml(part.doc));
  if (comments) changed.set(commentsPart, serializeXml(comments));
  if (commentsCreated) {
    changed.set('[Content_Types].xml', await addContentType(zip, `/${commentsPart}`, COMMENTS_CT));
    changed.set(relsPathOf(mainPart), await addRelationship(zip, mainPart, REL.comments, commentsPart.slice(commentsPart.lastIndexOf('/') + 1)));
  }
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const name of zip.names) {
    const text = changed.get(name);
    const data = text !== undefined ? Buffer.from(text, 'utf8') : ((await zip.read(name)) ?? new Uint8Array());
    files[name] = [data, { level: zip.isStored(name) && text === undefined ? 0 : 6 }];
    changed.delete(name);
  }
  for (const [name, text] of changed) files[name] = [Buffer.from(text, 'utf8'), { level: 6 }];
  return { bytes: zipSync(files), applied, skipped };
}

function applyEdit(
  edit: RedlineEdit,
  p: Element,
  part: LoadedPart,
  rev: Revisions,
  addComment: (text: string) => string,
  lastInsertedAfter: Map<Element, Element>,
): true | string {
  const withComment = (span: Parameters<typeof anchorComment>[0] | undefined) => {
    if (span && edit.comment && part.commentable) anchorComment(span, addComment(edit.comment), rev);
  };
  switch (edit.kind) {
    case 'replace':
    case 'delete': {
      if (!edit.find) return 'The edit gives no text to change.';
      const at = matchText(p).indexOf(edit.find);
      if (at < 0) return `The text to change ("${clip(edit.find)}") was not found in the paragraph.`;
      const hunks = edit.kind === 'delete' ? [{ start: 0, end: edit.find.length, insert: '' }] : diffWords(edit.find, edit.replaceWith);
      if (!hunks.length) return 'The replacement text is the same as the current text.';
      const span = applyHunks(p, at, hunks, rev);
      if (!span) return 'The change could not be placed in the paragraph.';
      withComment(span);
      return true;
    }
    case 'comment': {
      if (!part.commentable) return 'Word does not allow comments in page headers or footers.';
      if (!edit.find) {
        commentParagraph(p, addComment(edit.comment), rev);
        return true;
      }
      const at = matchText(p).indexOf(edit.find);
      if (at < 0) return `The text to comment on ("${clip(edit.find)}") was not found in the paragraph.`;
      const runs = isolate(p, at, at + edit.find.length);
      if (!runs.length) return 'The text to comment on could not be located in the paragraph.';
      anchorComment({ first: runs[0], last: runs[runs.length - 1] }, addComment(edit.comment), rev);
      return true;
    }
    case 'insertParagraphAfter': {
      if (!edit.text.trim()) return 'The paragraph to insert is empty.';
      const after = lastInsertedAfter.get(p) ?? p;
      const np = insertParagraphAfter(after, edit.text, rev);
      lastInsertedAfter.set(p, np);
      const ins = np.lastChild as Element;
      withComment({ first: ins, last: ins });
      return true;
    }
  }
}

async function addContentType(zip: SafeZip, partName: string, contentType: string): Promise<string> {
  const doc = parseXml((await zip.readText('[Content_Types].xml')) ?? `<Types xmlns="${CT_NS}"/>`, 'the content types');
  const overrides = doc.getElementsByTagNameNS(CT_NS, 'Override');
  for (let i = 0; i < overrides.length; i++) if ((overrides[i] as Element).getAttribute('PartName') === partName) return serializeXml(doc);
  const o = doc.createElementNS(CT_NS, 'Override');
  o.setAttribute('PartName', partName);
  o.setAttribute('ContentType', contentType);
  doc.documentElement!.appendChild(o);
  return serializeXml(doc);
}

async function addRelationship(zip: SafeZip, part: string, type: string, target: string): Promise<string> {
  const doc = parseXml((await zip.readText(relsPathOf(part))) ?? `<Relationships xmlns="${PKG_REL_NS}"/>`, 'the package relationships');
  const list = doc.getElementsByTagNameNS(PKG_REL_NS, 'Relationship');
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) ids.add((list[i] as Element).getAttribute('Id') ?? '');
  let n = list.length + 1;
  while (ids.has(`rId${n}`)) n++;
  const r = doc.createElementNS(PKG_REL_NS, 'Relationship');
  r.setAttribute('Id', `rId${n}`);
  r.setAttribute('Type', type);
  r.setAttribute('Target', target);
  doc.documentElement!.appendChild(r);
  return serializeXml(doc);
}

function initialsOf(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase())
      .join('')
      .slice(0, 4) || 'D'
  );
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
