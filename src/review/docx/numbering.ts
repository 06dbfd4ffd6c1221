// List numbering from word/numbering.xml, computed the way Word displays it: abstractNum levels
// (lvlText "%1.%2", numFmt, start), w:num instances with lvlOverride/startOverride, restarts of
// deeper levels, isLgl, and numbering styles (numStyleLink -> style -> num -> abstractNum).
// Counters are fed paragraphs in document order; `next` returns the label of one paragraph.
import type { Document, Element } from '@xmldom/xmldom';
import { allW, children, firstW, isW, wAttr, wVal } from './wml.js';
import { int, type Styles } from './styles.js';

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
  /** w:lvlRestart: restart after this (1-based) level is used; 0 = never restart. */
  restart?: number;
  pStyle?: string;
}

interface AbstractNum {
  id: string;
  levels: Level[];
  numStyleLink?: string;
}

interface NumInstance {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, NumInstance>();
  /** Counters per list: keyed by abstractNum, or by numId when the instance restarts numbering. */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly startedNums = new Set<string>();

  constructor(
    doc: Document | undefined,
    private readonly styles: Styles,
  ) {
    if (!doc) return;
    for (const a of allW(doc, 'abstractNum')) {
      const id = wAttr(a, 'abstractNumId');
      if (id === undefined) continue;
      const levels: Level[] = [];
      for (const lvl of children(a)) if (isW(lvl, 'lvl')) levels[int(wAttr(lvl, 'ilvl')) ?? 0] = readLevel(lvl);
      this.abstracts.set(id, { id, levels, numStyleLink: wVal(a, 'numStyleLink') });
    }
    for (const n of allW(doc, 'num')) {
      const numId = wAttr(n, 'numId');
      const abstractId = wVal(n, 'abstractNumId');
      if (numId === undefined || abstractId === undefined) continue;
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n)) {
        if (!isW(o, 'lvlOverride')) continue;
        const ilvl = int(wAttr(o, 'ilvl')) ?? 0;
        const lvl = firstW(o, 'lvl');
        overrides.set(ilvl, { start: int(wVal(o, 'startOverride')), level: lvl ? readLevel(lvl) : undefined });
      }
      this.nums.set(numId, { abstractId, overrides });
    }
  }

  /** The ilvl of the abstract level a paragraph style is bound to (w:lvl/w:pStyle), if any. */
  levelForStyle(numId: string, styleId: string | undefined): number | undefined {
    if (!styleId) return undefined;
    const abs = this.resolveAbstract(numId);
    const i = abs?.levels.findIndex((l) => l?.pStyle === styleId) ?? -1;
    return i >= 0 ? i : undefined;
  }

  private resolveAbstract(numId: string): AbstractNum | undefined {
    let abs = this.abstracts.get(this.nums.get(numId)?.abstractId ?? '');
    for (let hops = 0; abs?.numStyleLink && hops < 4; hops++) {
      const linkedNumId = this.styles.numberingStyleNumId(abs.numStyleLink);
      const next = linkedNumId ? this.abstracts.get(this.nums.get(linkedNumId)?.abstractId ?? '') : undefined;
      if (!next || next === abs) break;
      abs = next;
    }
    return abs;
  }

  /**
   * Advance the list for one paragraph and return its label ("12.3", "(a)", "IV"), or undefined
   * for bullets, "none" formats and unknown lists.
   */
  next(numId: string, ilvl: number): string | undefined {
    if (numId === '0') return undefined;
    const num = this.nums.get(numId);
    const abs = this.resolveAbstract(numId);
    if (!num || !abs) return undefined;
    ilvl = Math.max(0, Math.min(8, ilvl));
    const level = (i: number): Level => num.overrides.get(i)?.level ?? abs.levels[i] ?? DEFAULT_LEVEL;
    const hasStart = [...num.overrides.values()].some((o) => o.start !== undefined || o.level);
    const key = hasStart ? `num:${numId}` : `abs:${abs.id}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    if (hasStart && !this.startedNums.has(numId)) {
      // A restarting instance starts from its override values the first time it is used.
      this.startedNums.add(numId);
      counters.length = 0;
    }
    const startOf = (i: number) => num.overrides.get(i)?.start ?? level(i).start;
    const cur = counters[ilvl];
    counters[ilvl] = cur === undefined ? startOf(ilvl) : cur + 1;
    for (let d = ilvl + 1; d < 9; d++) {
      const r = level(d).restart;
      // Default: a deeper level restarts whenever a shallower one is used; lvlRestart narrows it.
      if (r === 0) continue;
      if (r === undefined || ilvl + 1 <= r) counters[d] = undefined;
    }
    const lvl = level(ilvl);
    if (lvl.numFmt === 'bullet' || lvl.numFmt === 'none') return undefined;
    const label = lvl.lvlText.replace(/%([1-9])/g, (_, n: string) => {
      const i = Number(n) - 1;
      const value = counters![i] ?? startOf(i);
      const fmt = lvl.isLgl && i < ilvl ? 'decimal' : level(i).numFmt;
      return formatNumber(value, fmt);
    });
    return cleanLabel(label);
  }
}

const DEFAULT_LEVEL: Level = { start: 1, numFmt: 'decimal', lvlText: '', isLgl: false };

function readLevel(lvl: Element): Level {
  return {
    start: int(wVal(lvl, 'start')) ?? 0,
    numFmt: wVal(lvl, 'numFmt') ?? 'decimal',
    lvlText: wVal(lvl, 'lvlText') ?? '',
    isLgl: !!firstW(lvl, 'isLgl') && wVal(lvl, 'isLgl') !== '0',
    restart: int(wVal(lvl, 'lvlRestart')),
    pStyle: wVal(lvl, 'pStyle'),
  };
}

/** "1." -> "1", "Section 2.1:" -> "Section 2.1"; brackets kept ("(a)"). */
function cleanLabel(s: string): string | undefined {
  const t = s.replace(/\s+/g, ' ').trim().replace(/[.:]+$/, '').trim();
  return t || undefined;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'ordinal':
      return ordinal(n);
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n); // decimal, cardinalText, ordinalText and East Asian formats: digits are honest
  }
}

/** Word's letter numbering: A..Z, then AA..ZZ, AAA.. (repeated letter, not base-26). */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) (n -= v), (out += s);
  return out;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] ?? s[v] ?? s[0]);
}
