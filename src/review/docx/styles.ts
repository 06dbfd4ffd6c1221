// Paragraph styles from word/styles.xml: heading levels and style-linked numbering, both
// inherited along w:basedOn chains.
import type { Document } from '@xmldom/xmldom';
import { allW, firstW, wAttr, wVal } from './wml.js';

interface StyleInfo {
  id: string;
  type: string;
  name?: string;
  basedOn?: string;
  outlineLvl?: number;
  numId?: string;
  ilvl?: number;
}

export class Styles {
  private readonly byId = new Map<string, StyleInfo>();
  /** The paragraph style applied when a paragraph names none. */
  readonly defaultParagraph?: string;

  constructor(doc?: Document) {
    let def: string | undefined;
    for (const s of doc ? allW(doc, 'style') : []) {
      const id = wAttr(s, 'styleId');
      if (!id) continue;
      const type = wAttr(s, 'type') ?? 'paragraph';
      const pPr = firstW(s, 'pPr');
      const numPr = firstW(pPr, 'numPr');
      const info: StyleInfo = {
        id,
        type,
        name: wVal(s, 'name'),
        basedOn: wVal(s, 'basedOn'),
        outlineLvl: int(wVal(pPr, 'outlineLvl')),
        numId: wVal(numPr, 'numId'),
        ilvl: int(wVal(numPr, 'ilvl')),
      };
      this.byId.set(id, info);
      const isDefault = wAttr(s, 'default');
      if (type === 'paragraph' && (isDefault === '1' || isDefault === 'true')) def = id;
    }
    this.defaultParagraph = def;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  name(id: string | undefined): string | undefined {
    return id ? (this.byId.get(id)?.name ?? id) : undefined;
  }

  /** Walk the basedOn chain (cycle-safe) and return the first defined value. */
  private inherit<T>(id: string | undefined, pick: (s: StyleInfo) => T | undefined): T | undefined {
    const seen = new Set<string>();
    let cur = id ? this.byId.get(id) : undefined;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      const v = pick(cur);
      if (v !== undefined) return v;
      cur = cur.basedOn ? this.byId.get(cur.basedOn) : undefined;
    }
    return undefined;
  }

  /** 1..9 when the style is a heading: Word's "heading N" names or an outline level. */
  headingLevel(id: string | undefined): number | undefined {
    return this.inherit(id, (s) => {
      const byName = /^heading\s*([1-9])$/i.exec(s.name ?? s.id);
      if (byName) return Number(byName[1]);
      if (s.outlineLvl !== undefined && s.outlineLvl >= 0 && s.outlineLvl <= 8) return s.outlineLvl + 1;
      return undefined;
    });
  }

  isTitle(id: string | undefined): boolean {
    return this.inherit(id, (s) => (/^title$/i.test(s.name ?? s.id) ? true : undefined)) ?? false;
  }

  /** Numbering a paragraph style carries (numId may be "0" = explicitly none). */
  numPr(id: string | undefined): { numId?: string; ilvl?: number } {
    const numId = this.inherit(id, (s) => s.numId);
    const ilvl = this.inherit(id, (s) => s.ilvl);
    return { numId, ilvl };
  }

  /** The numId a numbering style (w:type="numbering") points at. */
  numberingStyleNumId(id: string): string | undefined {
    return this.inherit(id, (s) => s.numId);
  }
}

export function int(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

