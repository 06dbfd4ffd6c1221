// Small WordprocessingML DOM helpers shared by the reader and the redline writer. Elements are
// matched by namespace and local name, never by prefix: not every producer writes "w:".
import type { Document, Element, Node } from '@xmldom/xmldom';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  numbering: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering',
  header: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header',
  footer: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer',
  footnotes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes',
  endnotes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
} as const;

export const ELEMENT_NODE = 1;

export function isW(node: Node | null | undefined, local?: string): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === W_NS && (local === undefined || (node as Element).localName === local);
}

/** Element children, in order. */
export function children(el: Node): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) out.push(c as Element);
  return out;
}

export function firstW(el: Node | null | undefined, local: string): Element | undefined {
  if (!el) return undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) if (isW(c, local)) return c;
  return undefined;
}

/** `w:`-namespaced attribute (e.g. w:val). */
export function wAttr(el: Element | null | undefined, name: string): string | undefined {
  if (!el) return undefined;
  if (!el.hasAttributeNS(W_NS, name)) return undefined;
  return el.getAttributeNS(W_NS, name) ?? '';
}

/** `w:val` of the named child, e.g. wVal(pPr, 'pStyle'). */
export function wVal(el: Element | null | undefined, child: string): string | undefined {
  return wAttr(firstW(el, child), 'val');
}

/** A boolean toggle property such as <w:b/>, <w:b w:val="0"/>. */
export function wOn(el: Element | null | undefined, child: string): boolean | undefined {
  const c = firstW(el, child);
  if (!c) return undefined;
  const v = wAttr(c, 'val');
  return !(v === '0' || v === 'false' || v === 'off');
}

export function allW(root: Document | Element, local: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(W_NS, local)) as Element[];
}

/** Create an element in the w: namespace with the prefix the part already uses. */
export function createW(doc: Document, local: string, attrs: Record<string, string> = {}): Element {
  const prefix = doc.documentElement?.lookupPrefix(W_NS) ?? 'w';
  const el = doc.createElementNS(W_NS, `${prefix}:${local}`);
  for (const [k, v] of Object.entries(attrs)) el.setAttributeNS(W_NS, `${prefix}:${k}`, v);
  return el;
}

/** Text content of every w:t under `el`, paragraphs separated by newlines (for comments). */
export function plainText(el: Element): string {
  const paras = allW(el, 'p');
  const pieces = (paras.length ? paras : [el]).map((p) =>
    allW(p, 't')
      .map((t) => t.textContent ?? '')
      .join(''),
  );
  return pieces.join('\n').trim();
}
