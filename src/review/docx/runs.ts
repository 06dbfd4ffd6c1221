// One walk over a paragraph's visible content, shared by the reader (to build the text) and the
// redline writer (to find a substring's runs). Both must agree to the character, so there is
// exactly one definition of "the paragraph's text as it currently stands":
// - tracked insertions (w:ins, w:moveTo) are kept, deletions (w:del, w:moveFrom) dropped;
// - a field shows its result, never its instruction;
// - content controls, hyperlinks, smart tags and custom XML show their content;
// - drawings, text boxes and embedded objects are skipped (their paragraphs are not this one's).
import type { Element } from '@xmldom/xmldom';
import { ELEMENT_NODE, W_NS, firstW, wAttr } from './wml.js';

export type RunEvent =
  /** Visible text from `node` (a w:t, w:tab, w:br, ... child of the w:r `run`). */
  | { kind: 'text'; run: Element; node: Element; text: string }
  /** A page break: `rendered` for w:lastRenderedPageBreak, otherwise an explicit break. */
  | { kind: 'pageBreak'; rendered: boolean }
  | { kind: 'commentStart'; id: string }
  | { kind: 'commentReference'; id: string };

const CONTAINERS = new Set(['hyperlink', 'ins', 'moveTo', 'smartTag', 'customXml', 'fldSimple', 'bdo', 'dir', 'sdtContent', 'sdt']);

export function walkParagraph(p: Element, emit: (e: RunEvent) => void): void {
  const fields: boolean[] = []; // per open field: true while in its instruction part
  const visible = () => !fields.includes(true);

  const visitRun = (run: Element) => {
    for (let c = run.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT_NODE) continue;
      const el = c as Element;
      if (el.namespaceURI !== W_NS) continue; // mc:AlternateContent and friends: drawings
      switch (el.localName) {
        case 't':
          if (visible()) {
            const text = el.textContent ?? '';
            if (text) emit({ kind: 'text', run, node: el, text });
          }
          break;
        case 'tab':
        case 'ptab':
          if (visible()) emit({ kind: 'text', run, node: el, text: '\t' });
          break;
        case 'br': {
          const type = wAttr(el, 'type');
          if (type === 'page') emit({ kind: 'pageBreak', rendered: false });
          else if (visible()) emit({ kind: 'text', run, node: el, text: type === 'column' ? ' ' : '\n' });
          break;
        }
        case 'cr':
          if (visible()) emit({ kind: 'text', run, node: el, text: '\n' });
          break;
        case 'noBreakHyphen':
          if (visible()) emit({ kind: 'text', run, node: el, text: '-' });
          break;
        case 'lastRenderedPageBreak':
          emit({ kind: 'pageBreak', rendered: true });
          break;
        case 'fldChar': {
          const type = wAttr(el, 'fldCharType');
          if (type === 'begin') fields.push(true);
          else if (type === 'separate') {
            if (fields.length) fields[fields.length - 1] = false;
          } else if (type === 'end') fields.pop();
          break;
        }
        case 'commentReference': {
          const id = wAttr(el, 'id');
          if (id !== undefined) emit({ kind: 'commentReference', id });
          break;
        }
        default:
          break; // instrText, delText, footnoteReference, drawing, sym, softHyphen, rPr ...
      }
    }
  };

  const visit = (container: Element) => {
    for (let c = container.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT_NODE) continue;
      const el = c as Element;
      if (el.namespaceURI !== W_NS) continue;
      const name = el.localName ?? '';
      if (name === 'r') visitRun(el);
      else if (name === 'commentRangeStart') {
        const id = wAttr(el, 'id');
        if (id !== undefined) emit({ kind: 'commentStart', id });
      } else if (CONTAINERS.has(name)) visit(name === 'sdt' ? (firstW(el, 'sdtContent') ?? el) : el);
      // del, moveFrom, pPr, sdtPr, bookmarks, proofErr, oMath ...: nothing visible to keep
    }
  };
  visit(p);
}

/** The paragraph's text as it currently stands, plus each text atom's start offset. */
export interface TextAtom {
  run: Element;
  node: Element;
  text: string;
  start: number;
}

export function paragraphAtoms(p: Element): { text: string; atoms: TextAtom[] } {
  const atoms: TextAtom[] = [];
  let text = '';
  walkParagraph(p, (e) => {
    if (e.kind === 'text') {
      atoms.push({ run: e.run, node: e.node, text: e.text, start: text.length });
      text += e.text;
    }
  });
  return { text, atoms };
}

/** True when the paragraph mark itself is a tracked deletion (the paragraph merges with the next). */
export function paragraphMarkDeleted(p: Element): boolean {
  const rPr = firstW(firstW(p, 'pPr'), 'rPr');
  return !!(firstW(rPr, 'del') || firstW(rPr, 'moveFrom'));
}
