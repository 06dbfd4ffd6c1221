// Low-level tracked-change editing of one w:p, shared by the DOCX redline (editing the original)
// and the PDF redline (editing a DOCX built from the model). Runs are split only where a change
// starts or ends, and every run we create copies the run properties of the text it replaces or
// follows, so the changed words look like their neighbours.
import type { Document, Element, Node } from '@xmldom/xmldom';
import { paragraphAtoms, type TextAtom } from '../docx/runs.js';
import { ELEMENT_NODE, W_NS, XML_NS, createW, firstW, isW } from '../docx/wml.js';
import { stripInvalidXmlChars } from '../docx/xml.js';
import type { Hunk } from './diff.js';

/** Author, date and an id counter shared by every change of one redline. */
export class Revisions {
  private next: number;
  readonly date: string;

  constructor(
    readonly author: string,
    date: Date,
    firstId: number,
  ) {
    this.next = firstId;
    this.date = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  id(): string {
    return String(this.next++);
  }

  mark(doc: Document, local: 'ins' | 'del'): Element {
    return createW(doc, local, { id: this.id(), author: this.author, date: this.date });
  }
}

/** Largest numeric w:id in a part, so new ids never collide with existing ones. */
export function maxId(doc: Document): number {
  let max = 0;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const v = (all[i] as Element).getAttributeNS(W_NS, 'id');
    if (v) {
      const n = Number.parseInt(v, 10);
      if (Number.isFinite(n) && n > max && n < 2 ** 31 - 1000) max = n;
    }
  }
  return max;
}

/** The paragraph's current text for matching (no-break spaces read as spaces, as the reader does). */
export function matchText(p: Element): string {
  return paragraphAtoms(p).text.replace(/\u00a0/g, ' ');
}

/** First and last node of a changed span, for anchoring a comment around it. */
export interface Span {
  first: Node;
  last: Node;
}

/**
 * Apply word-level hunks (offsets relative to `base` in the paragraph's current text) as w:del
 * and w:ins. Returns the span covering all changes.
 */
export function applyHunks(p: Element, base: number, hunks: Hunk[], rev: Revisions): Span | undefined {
  let first: Node | undefined;
  let last: Node | undefined;
  // Last hunk first: earlier offsets stay valid while later text changes.
  for (const h of [...hunks].reverse()) {
    const span = applyHunk(p, base + h.start, base + h.end, h.insert, rev);
    if (!span) continue;
    first = span.first;
    last ??= span.last;
  }
  return first && last ? { first, last } : undefined;
}

function applyHunk(p: Element, start: number, end: number, insert: string, rev: Revisions): Span | undefined {
  const doc = p.ownerDocument!;
  const deleted = end > start ? isolate(p, start, end) : [];
  let anchorRun: Element | undefined;
  let after: Node | undefined; // insert the w:ins after this node (or at paragraph start)
  let delWrappers: Element[] = [];
  if (deleted.length) {
    anchorRun = deleted[0];
    delWrappers = markDeleted(deleted, rev);
    after = delWrappers[delWrappers.length - 1];
  } else {
    // Pure insertion: after the run holding the character before `start`, else before the first.
    const boundary = start > 0 ? isolate(p, start - 1, start) : [];
    if (boundary.length) {
      anchorRun = boundary[0];
      after = boundary[0];
    } else {
      anchorRun = paragraphAtoms(p).atoms[0]?.run;
    }
  }
  if (!insert) return delWrappers.length ? { first: delWrappers[0], last: delWrappers[delWrappers.length - 1] } : undefined;

  const ins = rev.mark(doc, 'ins');
  ins.appendChild(makeRun(doc, insert, anchorRun));
  if (after) placeAfter(after, ins, rev);
  else insertAtStart(p, ins);
  return { first: delWrappers[0] ?? ins, last: ins };
}

/** A new run with `text`, formatted like `like` (its revision marks removed). */
export function makeRun(doc: Document, text: string, like?: Element): Element {
  const r = createW(doc, 'r');
  const rPr = like ? firstW(like, 'rPr') : undefined;
  if (rPr) r.appendChild(cleanRPr(rPr));
  appendText(doc, r, text);
  return r;
}

export function cleanRPr(rPr: Element): Element {
  const copy = rPr.cloneNode(true) as Element;
  for (let c = copy.firstChild; c; ) {
    const next = c.nextSibling;
    if (isW(c) && ['ins', 'del', 'moveFrom', 'moveTo', 'rPrChange'].includes(c.localName ?? '')) copy.removeChild(c);
    c = next;
  }
  return copy;
}

/** Append text to a run as w:t / w:tab / w:br children. */
export function appendText(doc: Document, run: Element, text: string, tag: 't' | 'delText' = 't'): void {
  for (const piece of stripInvalidXmlChars(text).split(/(\t|\r?\n)/)) {
    if (piece === '\t') run.appendChild(createW(doc, 'tab'));
    else if (piece === '\n' || piece === '\r\n') run.appendChild(createW(doc, 'br'));
    else if (piece) {
      const t = createW(doc, tag);
      t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
      t.appendChild(doc.createTextNode(piece));
      run.appendChild(t);
    }
  }
}

/**
 * Split runs so that the characters [start, end) of the paragraph's current text are exactly the
 * content of the returned runs (document order). Formatting is kept: split parts share the rPr.
 */
export function isolate(p: Element, start: number, end: number): Element[] {
  const { atoms } = paragraphAtoms(p);
  const hit = atoms.filter((a) => a.start < end && a.start + a.text.length > start);
  const runs: Element[] = [];
  // Reverse order: splitting a run moves only the *following* children into a new run, so the
  // earlier atoms of that run keep pointing at the right element.
  for (const a of hit.reverse()) runs.push(isolateAtom(a, Math.max(0, start - a.start), Math.min(a.text.length, end - a.start)));
  return runs.reverse();
}

function isolateAtom(a: TextAtom, from: number, to: number): Element {
  let target = a.node;
  if (isW(a.node, 't')) {
    if (to < a.text.length) splitText(a.node, to);
    if (from > 0) target = splitText(a.node, from);
  }
  const run = splitRunBefore(a.run, target);
  const nextContent = nextContentSibling(target);
  if (nextContent) splitRunBefore(run, nextContent);
  return run;
}

/** Split a w:t at a character offset; returns the new w:t holding the tail (same run). */
function splitText(t: Element, offset: number): Element {
  const doc = t.ownerDocument!;
  const text = t.textContent ?? '';
  const tail = t.cloneNode(false) as Element;
  tail.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  while (t.firstChild) t.removeChild(t.firstChild);
  t.appendChild(doc.createTextNode(text.slice(0, offset)));
  tail.appendChild(doc.createTextNode(text.slice(offset)));
  t.parentNode!.insertBefore(tail, t.nextSibling);
  return tail;
}

function nextContentSibling(node: Node): Node | undefined {
  for (let c = node.nextSibling; c; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) return c;
  return undefined;
}

/** Move `child` and everything after it into a new run right after `run`; returns that run. */
function splitRunBefore(run: Element, child: Node): Element {
  let hasContentBefore = false;
  for (let c = run.firstChild; c && c !== child; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE && !isW(c, 'rPr')) hasContentBefore = true;
  if (!hasContentBefore) return run;
  const copy = run.cloneNode(false) as Element;
  const rPr = firstW(run, 'rPr');
  if (rPr) copy.appendChild(rPr.cloneNode(true));
  for (let c: Node | null = child; c; ) {
    const next: Node | null = c.nextSibling;
    copy.appendChild(c); // appendChild moves it
    c = next;
  }
  run.parentNode!.insertBefore(copy, run.nextSibling);
  return copy;
}

/** Turn isolated runs into tracked deletions; consecutive sibling runs share one w:del. */
function markDeleted(runs: Element[], rev: Revisions): Element[] {
  const doc = runs[0].ownerDocument!;
  const wrappers: Element[] = [];
  let current: Element | undefined;
  for (const run of runs) {
    for (let c = run.firstChild; c; c = c.nextSibling) {
      if (isW(c, 't')) {
        const dt = createW(doc, 'delText');
        dt.setAttributeNS(XML_NS, 'xml:space', 'preserve');
        dt.appendChild(doc.createTextNode(c.textContent ?? ''));
        run.replaceChild(dt, c);
        c = dt;
      }
    }
    const parent = run.parentNode!;
    if (current && current.parentNode === parent && prevElement(run) === current) {
      current.appendChild(run);
      continue;
    }
    current = rev.mark(doc, 'del');
    parent.insertBefore(current, run);
    current.appendChild(run);
    wrappers.push(current);
  }
  return wrappers;
}

function prevElement(node: Node): Node | undefined {
  for (let c = node.previousSibling; c; c = c.previousSibling) if (c.nodeType === ELEMENT_NODE) return c;
  return undefined;
}

const REVISION_CONTAINERS = new Set(['ins', 'del', 'moveTo', 'moveFrom']);

/**
 * Insert `el` right after `node`. When `node` sits inside someone else's tracked insertion or
 * deletion, that container is split in two so `el` does not become part of their revision.
 */
export function placeAfter(node: Node, el: Node, rev: Revisions): void {
  let ref: Node = node;
  while (ref.parentNode && isW(ref.parentNode, undefined) && REVISION_CONTAINERS.has((ref.parentNode as Element).localName ?? '')) {
    const container = ref.parentNode as Element;
    if (nextContentSibling(ref)) {
      const tail = container.cloneNode(false) as Element;
      if (tail.hasAttributeNS(W_NS, 'id')) tail.setAttributeNS(W_NS, `${tail.prefix ?? 'w'}:id`, rev.id());
      for (let c: Node | null = ref.nextSibling; c; ) {
        const next: Node | null = c.nextSibling;
        tail.appendChild(c);
        c = next;
      }
      container.parentNode!.insertBefore(tail, container.nextSibling);
    }
    ref = container;
  }
  ref.parentNode!.insertBefore(el, ref.nextSibling);
}

/** Insert as the first content of the paragraph (after w:pPr). */
export function insertAtStart(p: Element, el: Node): void {
  const pPr = firstW(p, 'pPr');
  p.insertBefore(el, pPr ? pPr.nextSibling : p.firstChild);
}

/**
 * Wrap a span in a comment: commentRangeStart before `span.first`, commentRangeEnd after
 * `span.last`, and the reference run after that.
 */
export function anchorComment(span: Span, id: string, rev: Revisions): void {
  const doc = span.first.ownerDocument!;
  span.first.parentNode!.insertBefore(createW(doc, 'commentRangeStart', { id }), span.first);
  const end = createW(doc, 'commentRangeEnd', { id });
  span.last.parentNode!.insertBefore(end, span.last.nextSibling);
  const ref = createW(doc, 'r');
  ref.appendChild(createW(doc, 'commentReference', { id }));
  placeAfter(end, ref, rev);
}

/** Anchor a comment on the whole paragraph. */
export function commentParagraph(p: Element, id: string, rev: Revisions): void {
  const doc = p.ownerDocument!;
  insertAtStart(p, createW(doc, 'commentRangeStart', { id }));
  p.appendChild(createW(doc, 'commentRangeEnd', { id }));
  const ref = createW(doc, 'r');
  ref.appendChild(createW(doc, 'commentReference', { id }));
  p.appendChild(ref);
}

/**
 * A new paragraph after `anchor`, styled like it (pPr copied, revisions and section break
 * dropped), its content a tracked insertion. As when Word tracks typing Enter at the end of
 * `anchor`, the inserted paragraph mark is the anchor's: rejecting the change merges the empty
 * new paragraph back and leaves the document as it was. Returns the new w:p.
 */
export function insertParagraphAfter(anchor: Element, text: string, rev: Revisions): Element {
  const doc = anchor.ownerDocument!;
  const p = createW(doc, 'p');
  const srcPPr = firstW(anchor, 'pPr');
  if (srcPPr) {
    const pPr = srcPPr.cloneNode(true) as Element;
    for (let c = pPr.firstChild; c; ) {
      const next = c.nextSibling;
      if (isW(c, 'sectPr') || isW(c, 'pPrChange')) pPr.removeChild(c);
      else if (isW(c, 'rPr')) pPr.replaceChild(cleanRPr(c), c);
      c = next;
    }
    p.appendChild(pPr);
  }
  markParagraphMarkInserted(anchor, rev);
  const atoms = paragraphAtoms(anchor).atoms;
  const like = atoms.length ? atoms[atoms.length - 1].run : undefined;
  const ins = rev.mark(doc, 'ins');
  ins.appendChild(makeRun(doc, text, like));
  p.appendChild(ins);
  anchor.parentNode!.insertBefore(p, anchor.nextSibling);
  return p;
}

/** Mark a paragraph's mark (pPr/rPr) as a tracked insertion, unless it already is one. */
function markParagraphMarkInserted(p: Element, rev: Revisions): void {
  const doc = p.ownerDocument!;
  let pPr = firstW(p, 'pPr');
  if (!pPr) {
    pPr = createW(doc, 'pPr');
    p.insertBefore(pPr, p.firstChild);
  }
  let rPr = firstW(pPr, 'rPr');
  if (!rPr) {
    rPr = createW(doc, 'rPr');
    // rPr precedes only sectPr and pPrChange inside pPr.
    const before = firstW(pPr, 'sectPr') ?? firstW(pPr, 'pPrChange');
    pPr.insertBefore(rPr, before ?? null);
  }
  if (firstW(rPr, 'ins')) return;
  rPr.insertBefore(rev.mark(doc, 'ins'), rPr.firstChild);
}
