// DOCX -> normalized model. Body paragraphs (and tables) in reading order, then headers,
// footers, footnotes and endnotes. Every paragraph keeps {part, pIndex}: the index of its w:p
// among all w:p elements of that part in document order, which the redline writer relies on.
import type { Document, Element } from '@xmldom/xmldom';
import type { DocumentComment, DocumentModel, Paragraph, ParagraphLocation, ParseLimits } from './model.js';
import { countHeadings } from './model.js';
import { DocumentError } from '../errors.js';
import { SafeZip } from '../docx/zip.js';
import { parseXml } from '../docx/xml.js';
import { findMainPart, readRelationships, type Relationship } from '../docx/package.js';
import { Styles, int } from '../docx/styles.js';
import { Numbering } from '../docx/numbering.js';
import { paragraphMarkDeleted, walkParagraph } from '../docx/runs.js';
import { ELEMENT_NODE, REL, W_NS, allW, firstW, plainText, wAttr, wVal } from '../docx/wml.js';

interface Ctx {
  part: string;
  location: ParagraphLocation;
  table?: { table: number; row: number; cell: number };
}

export async function readDocx(bytes: Uint8Array, limits: ParseLimits): Promise<DocumentModel> {
  const zip = await SafeZip.open(bytes, limits);
  try {
    return await readPackage(zip, limits);
  } finally {
    zip.close();
  }
}

async function readPackage(zip: SafeZip, limits: ParseLimits): Promise<DocumentModel> {
  const mainPart = await findMainPart(zip);
  const rels = await readRelationships(zip, mainPart);
  const relTarget = (type: string) => rels.find((r) => r.type === type && r.target && zip.has(r.target))?.target;
  const relTargets = (type: string) =>
    rels
      .filter((r): r is Relationship & { target: string } => r.type === type && !!r.target && zip.has(r.target))
      .map((r) => r.target)
      .filter((t, i, a) => a.indexOf(t) === i)
      .sort(byPartNumber);

  const load = async (part: string | undefined, what: string): Promise<Document | undefined> => {
    if (!part) return undefined;
    const text = await zip.readText(part);
    return text === undefined ? undefined : parseXml(text, what);
  };

  const mainXml = await zip.readText(mainPart);
  if (!mainXml) throw new DocumentError('The Word document has an empty body; there is no text to review.', 'empty');
  const main = parseXml(mainXml, 'the document body');
  const body = firstW(main.documentElement, 'body');
  if (!body) throw new DocumentError('The file does not look like a Word document: its main part has no body.', 'unsupported');

  const styles = new Styles(await load(relTarget(REL.styles), 'the styles'));
  const numbering = new Numbering(await load(relTarget(REL.numbering), 'the list numbering'), styles);

  const rendered = /lastRenderedPageBreak/.test(mainXml);
  const reader = new Reader(styles, numbering, limits, rendered, rendered || /type="page"|pageBreakBefore/.test(mainXml));
  reader.readPart(main, mainPart, (emitBlocks) => emitBlocks(body, { part: mainPart, location: 'body' }));

  for (const [type, location, what] of [
    [REL.header, 'header', 'a page header'],
    [REL.footer, 'footer', 'a page footer'],
  ] as const) {
    for (const part of relTargets(type)) {
      const doc = await load(part, what);
      if (doc) reader.readPart(doc, part, (emitBlocks) => emitBlocks(doc.documentElement!, { part, location }), false);
    }
  }
  for (const [type, location, tag, what] of [
    [REL.footnotes, 'footnote', 'footnote', 'the footnotes'],
    [REL.endnotes, 'endnote', 'endnote', 'the endnotes'],
  ] as const) {
    const part = relTarget(type);
    const doc = await load(part, what);
    if (!doc || !part) continue;
    reader.readPart(
      doc,
      part,
      (emitBlocks) => {
        for (const note of allW(doc, tag)) {
          const t = wAttr(note, 'type');
          if (t === 'separator' || t === 'continuationSeparator' || t === 'continuationNotice') continue;
          emitBlocks(note, { part, location });
        }
      },
      false,
    );
  }

  const comments = readComments(await load(relTarget(REL.comments), 'the comments'), reader.commentAnchors);
  const core = await load(zip.has('docProps/core.xml') ? 'docProps/core.xml' : undefined, 'the document properties');
  const app = await load(zip.has('docProps/app.xml') ? 'docProps/app.xml' : undefined, 'the document properties');

  const paragraphs = reader.paragraphs;
  const coreTitle = core ? textOfFirst(core, 'http://purl.org/dc/elements/1.1/', 'title') : undefined;
  const title =
    coreTitle ||
    paragraphs.find((p) => p.location === 'body' && p.style && styles.isTitle(p.style) && !/^(table of )?contents$/i.test(p.text))?.text ||
    paragraphs.find((p) => p.headingLevel !== undefined && (p.location === 'body' || p.location === 'table') && p.text.length <= 120)?.text;
  const appPages = app ? int(textOfFirst(app, null, 'Pages')) : undefined;

  const words = paragraphs.reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);
  if (!paragraphs.some((p) => p.location === 'body' || p.location === 'table')) {
    throw new DocumentError('The Word document contains no text to review (it may hold only images or scans).', 'empty');
  }
  return {
    format: 'docx',
    paragraphs,
    comments,
    title: title ? title.slice(0, 300) : undefined,
    warnings: reader.warnings,
    stats: {
      pages: Math.max(appPages ?? 0, reader.maxPage),
      paragraphs: paragraphs.length,
      words,
      headings: countHeadings(paragraphs),
      tables: reader.tableCount,
      trackedInsertions: reader.insertions,
      trackedDeletions: reader.deletions,
      comments: comments.length,
    },
  };
}

type EmitBlocks = (container: Element, ctx: Ctx) => void;

class Reader {
  readonly paragraphs: Paragraph[] = [];
  readonly warnings: string[] = [];
  readonly commentAnchors = new Map<string, number>();
  tableCount = 0;
  insertions = 0;
  deletions = 0;
  maxPage = 1;
  private page = 1;
  private pIndex = new Map<Element, number>();
  private pendingComments: string[] = [];
  /** Text of a paragraph whose mark was deleted: it joins the next paragraph. */
  private carry?: { text: string; ctx: Ctx; style?: string; pIndex: number };
  private truncated = false;

  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
    private readonly limits: ParseLimits,
    private readonly useRenderedBreaks: boolean,
    /** Whether the body carries any page breaks at all; without them pages stay unknown. */
    private readonly pagesKnown: boolean,
  ) {}

  readPart(doc: Document, part: string, run: (emit: EmitBlocks) => void, paginate = true): void {
    const all = doc.getElementsByTagNameNS(W_NS, 'p');
    this.pIndex = new Map();
    for (let i = 0; i < all.length; i++) this.pIndex.set(all[i] as Element, i);
    this.insertions += doc.getElementsByTagNameNS(W_NS, 'ins').length + doc.getElementsByTagNameNS(W_NS, 'moveTo').length;
    this.deletions += doc.getElementsByTagNameNS(W_NS, 'del').length + doc.getElementsByTagNameNS(W_NS, 'moveFrom').length;
    this.paginate = paginate;
    run((container, ctx) => this.blocks(container, ctx));
    this.flushCarry();
    this.pendingComments = [];
  }

  private paginate = true;

  private blocks(container: Element, ctx: Ctx): void {
    for (let c = container.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT_NODE || (c as Element).namespaceURI !== W_NS) continue;
      const el = c as Element;
      switch (el.localName) {
        case 'p':
          this.paragraph(el, ctx);
          break;
        case 'tbl':
          this.table(el, ctx);
          break;
        case 'sdt':
          this.blocks(firstW(el, 'sdtContent') ?? el, ctx);
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          this.blocks(el, ctx);
          break;
        case 'commentRangeStart': {
          const id = wAttr(el, 'id');
          if (id !== undefined) this.pendingComments.push(id);
          break;
        }
        default:
          break;
      }
    }
  }

  private table(tbl: Element, ctx: Ctx): void {
    const table = this.tableCount++;
    let row = 0;
    for (const tr of rowsOf(tbl)) {
      // Every cell of a row that crosses a page records its own rendered break: count the row once.
      const rowStart = this.page;
      let rowEnd = rowStart;
      let cell = 0;
      for (const tc of cellsOf(tr)) {
        this.page = rowStart;
        this.blocks(tc, { part: ctx.part, location: ctx.location === 'body' ? 'table' : ctx.location, table: { table, row, cell } });
        rowEnd = Math.max(rowEnd, this.page);
        cell++;
      }
      this.page = rowEnd;
      row++;
    }
  }

  private paragraph(p: Element, ctx: Ctx): void {
    if (this.truncated) return;
    const pPr = firstW(p, 'pPr');
    const styleId = wVal(pPr, 'pStyle') ?? this.styles.defaultParagraph;
    if (this.paginate && !this.useRenderedBreaks && firstW(pPr, 'pageBreakBefore') && wVal(pPr, 'pageBreakBefore') !== '0') this.breakPage(false);

    let text = '';
    let page: number | undefined;
    walkParagraph(p, (e) => {
      if (e.kind === 'text') {
        if (page === undefined && e.text.trim()) page = this.page;
        text += e.text;
      } else if (e.kind === 'pageBreak') {
        if (this.paginate) this.breakPage(e.rendered);
      } else if (e.kind === 'commentStart') this.pendingComments.push(e.id);
      else if (e.kind === 'commentReference' && !this.commentAnchors.has(e.id)) this.pendingComments.push(e.id);
    });

    // List numbering advances even for paragraphs that end up empty, as in Word.
    const label = this.label(pPr, styleId);
    const pIndex = this.pIndex.get(p) ?? -1;

    if (paragraphMarkDeleted(p)) {
      // The mark is a tracked deletion: this paragraph's remaining text runs on into the next.
      const prev = this.carry && sameFlow(this.carry.ctx, ctx) ? this.carry.text : (this.flushCarry(), '');
      this.carry = { text: prev + text, ctx, style: styleId, pIndex };
      return;
    }
    if (this.carry) {
      if (sameFlow(this.carry.ctx, ctx)) text = this.carry.text + text;
      else this.flushCarry();
      this.carry = undefined;
    }
    this.push(text, ctx, pPr, styleId, label, pIndex, page);
  }

  private label(pPr: Element | undefined, styleId: string | undefined): string | undefined {
    const numPr = firstW(pPr, 'numPr');
    const fromStyle = this.styles.numPr(styleId);
    const numId = wVal(numPr, 'numId') ?? fromStyle.numId;
    if (numId === undefined || numId === '0') return undefined;
    const ilvl = int(wVal(numPr, 'ilvl')) ?? fromStyle.ilvl ?? this.numbering.levelForStyle(numId, styleId) ?? 0;
    if (paragraphMarkDeletedPPr(pPr)) return undefined;
    return this.numbering.next(numId, ilvl);
  }

  private push(raw: string, ctx: Ctx, pPr: Element | undefined, styleId: string | undefined, numbering: string | undefined, pIndex: number, page?: number): void {
    const text = raw.replace(/\u00a0/g, ' ').trim();
    if (!text) return;
    if (this.paragraphs.length >= this.limits.maxParagraphs) {
      this.truncated = true;
      this.warnings.push(`Only the first ${this.limits.maxParagraphs} paragraphs were read.`);
      return;
    }
    const outline = int(wVal(pPr, 'outlineLvl'));
    const headingLevel = outline !== undefined && outline >= 0 && outline <= 8 ? outline + 1 : outline === 9 ? undefined : this.styles.headingLevel(styleId);
    const para: Paragraph = {
      index: this.paragraphs.length,
      text,
      location: ctx.location,
      source: { kind: 'docx', part: ctx.part, pIndex },
    };
    if (numbering) para.numbering = numbering;
    if (headingLevel !== undefined) para.headingLevel = headingLevel;
    if (styleId) para.style = styleId;
    if (ctx.table) para.table = ctx.table;
    if (this.paginate && this.pagesKnown) para.page = page ?? this.page;
    this.paragraphs.push(para);
    for (const id of this.pendingComments) if (!this.commentAnchors.has(id)) this.commentAnchors.set(id, para.index);
    this.pendingComments = [];
  }

  private flushCarry(): void {
    const c = this.carry;
    this.carry = undefined;
    if (c) this.push(c.text, c.ctx, undefined, c.style, undefined, c.pIndex);
  }

  private breakPage(rendered: boolean): void {
    if (rendered !== this.useRenderedBreaks) return; // count one kind only, or breaks double up
    this.page++;
    this.maxPage = Math.max(this.maxPage, this.page);
  }
}

function paragraphMarkDeletedPPr(pPr: Element | undefined): boolean {
  const rPr = firstW(pPr, 'rPr');
  return !!(firstW(rPr, 'del') || firstW(rPr, 'moveFrom'));
}

function sameFlow(a: Ctx, b: Ctx): boolean {
  return a.part === b.part && a.location === b.location && a.table?.table === b.table?.table && a.table?.row === b.table?.row && a.table?.cell === b.table?.cell;
}

/** Rows of a table, looking through content controls and custom XML wrappers. */
function rowsOf(tbl: Element): Element[] {
  return unwrap(tbl, 'tr');
}

function cellsOf(tr: Element): Element[] {
  return unwrap(tr, 'tc');
}

function unwrap(parent: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT_NODE || (c as Element).namespaceURI !== W_NS) continue;
    const el = c as Element;
    if (el.localName === local) out.push(el);
    else if (el.localName === 'sdt') out.push(...unwrap(firstW(el, 'sdtContent') ?? el, local));
    else if (el.localName === 'customXml') out.push(...unwrap(el, local));
  }
  return out;
}

function readComments(doc: Document | undefined, anchors: Map<string, number>): DocumentComment[] {
  if (!doc) return [];
  return allW(doc, 'comment').map((c) => {
    const id = wAttr(c, 'id') ?? '';
    const out: DocumentComment = { id, text: plainText(c) };
    const author = wAttr(c, 'author');
    const date = wAttr(c, 'date');
    if (author) out.author = author;
    if (date) out.date = date;
    const anchor = anchors.get(id);
    if (anchor !== undefined) out.paragraphIndex = anchor;
    return out;
  });
}

function textOfFirst(doc: Document, ns: string | null, local: string): string | undefined {
  const list = ns ? doc.getElementsByTagNameNS(ns, local) : doc.getElementsByTagName(local);
  const t = list.length ? (list[0]!.textContent ?? '').trim() : '';
  return t || undefined;
}

/** header2.xml before header10.xml. */
function byPartNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
