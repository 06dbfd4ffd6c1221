// Sentences with their section context: the unit every detector scores.
import type { DocumentModel, Paragraph } from '../document/model.js';
import { readsAsProse } from '../document/model.js';

export interface Unit {
  paragraph: Paragraph;
  /** The sentence text. */
  text: string;
  /** Position of the sentence among the paragraph's sentences. */
  n: number;
  /** The heading(s) the sentence sits under, plus the paragraph's run-in heading ("Governing Law. ..."). */
  heading: string;
  /** The nearest section heading's own text, for `location.heading`. */
  sectionHeading?: string;
  /** Section number of the paragraph or its nearest numbered ancestor. */
  section?: string;
  /**
   * For a lead-in that ends in a colon ("You will not contest ...:"), the first sentence of the
   * list item after it: cues read the two together, as a reader does, whether the reader of the
   * file put the item on the lead-in's line (plain text) or in its own paragraph (PDF, DOCX).
   */
  continued?: string;
}

/** The sentence with the list item it leads into (`continued`), as a reader reads it. */
export function readText(unit: Unit): string {
  return unit.continued ? `${unit.text} ${unit.continued}` : unit.text;
}

export interface DocContext {
  doc: DocumentModel;
  units: Unit[];
  /** Units per paragraph index. */
  byParagraph: Map<number, Unit[]>;
}

/** A definition ('"Client IP" means ...', '(b) "Winning Bid Price" shall mean ...'); group 1 is the defined term. */
export const DEFINITION = /^\s*(?:[\d.]+\s*|\([a-zA-Z0-9]{1,4}\)\s*)?(?:the\s+(?:term|expression)\s+)?["“]([^"”]{1,60})["”]\s+(?:means|shall\s+mean|has\s+the\s+meaning|refers\s+to)\b/i;

// Abbreviations that end in a full stop without ending the sentence.
const ABBREV = /(?:\b(?:Inc|Ltd|Co|Corp|No|Nos|Sec|Art|U\.S|U\.K|S\.A|N\.A|L\.P|L\.L\.C|P\.C|Mr|Ms|Mrs|Dr|St|vs|v|e\.g|i\.e|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|para|Para|cl|Cl|Sch|[A-Z])\.)$/;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // A list item glued after a full stop ("Limitation of Liability. (a) EXCEPT ...") opens a sentence too.
  const re = /[.!?]["”’)]*\s+(?=["“(]?[A-Z0-9]|\((?:[a-z]|[ivx]{2,4})\)\s)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].trimEnd().length;
    const candidate = text.slice(last, end);
    if (ABBREV.test(candidate.replace(/["”’)]+$/, ''))) continue;
    // A number like "1.1" or "Section 2." continues the sentence.
    if (/\b(?:Section|Article|Clause|Sections)\s+\d+(?:\.\d+)*\.$/i.test(candidate)) continue;
    out.push(candidate.trim());
    last = m.index! + m[0].length;
  }
  const tail = text.slice(last).trim();
  if (tail) out.push(tail);
  return out;
}

const NUMBER_PREFIX = /^\s*(?:(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause)\s+[0-9IVXLC.]+[.:]?|\d{1,3}(?:\.\d{1,3}){0,4}\.?|\([a-zA-Z0-9]{1,4}\)|[a-zA-Z]\.)\s*/;
/** "Governing Law. This Agreement..." / "(a) Operations. EFS shall..." -> "Governing Law" */
const RUN_IN = /^([A-Z][A-Za-z'’\-/]*(?:[ \t]+(?:[A-Z][A-Za-z'’\-/]*|of|and|or|the|to|for|in|on|a|an|by|with|upon|&|Non-[A-Za-z]+)){0,8})[ \t]*(?:\.|:|-{1,2}|–|—)[ \t]/;

export function runInHeading(text: string): string | undefined {
  const body = text.replace(NUMBER_PREFIX, '');
  const m = RUN_IN.exec(body);
  if (!m) return undefined;
  const h = m[1]!;
  // "This Agreement." or a lone capitalised word starting an ordinary sentence is not a heading.
  if (/^(?:This|The|Each|Any|All|If|In|No|Neither|Either|Such|Notwithstanding|Upon|Subject|Except)\b/.test(h) && h.split(/\s+/).length < 2) return undefined;
  if (/^(?:This|The)\s/.test(h)) return undefined;
  return h;
}

function sectionDepth(numbering: string | undefined): number {
  if (!numbering) return 99;
  if (/^\d+(\.\d+)*$/.test(numbering)) return numbering.split('.').length;
  if (/^[IVXLC]+$/.test(numbering)) return 0;
  return 50; // (a), (i): sub-items
}

export function buildContext(doc: DocumentModel): DocContext {
  const units: Unit[] = [];
  const byParagraph = new Map<number, Unit[]>();
  // A stack of open headings by depth: [depth, text].
  let headings: { depth: number; text: string }[] = [];
  let section: string | undefined;
  let rowLabel: { key: string; text: string } | undefined;
  // Running headers and footers ("Source: ACME INC, 10-K", "Page 7 of 80") repeat: never headings.
  const seen = new Map<string, number>();
  for (const p of doc.paragraphs) seen.set(p.text.trim(), (seen.get(p.text.trim()) ?? 0) + 1);
  const running = (t: string) => (seen.get(t) ?? 0) >= 3 || /^(?:page\s+\d+(?:\s+of\s+\d+)?|source:)/i.test(t);
  for (const p of doc.paragraphs) {
    if (p.location === 'header' || p.location === 'footer' || p.location === 'comment') continue;
    const text = p.text.trim();
    if (!text) continue;
    if (running(text)) continue;
    // Some templates style whole clauses as headings (Common Paper's "Heading 3" paragraphs):
    // a heading-styled paragraph that reads as prose is content, not a heading.
    const prose = readsAsProse(text);
    const depth = p.headingLevel && !prose ? (p.numbering ? sectionDepth(p.numbering) : p.headingLevel) : undefined;
    if (p.numbering && /^(\d+(\.\d+)*|[IVXLC]+)$/.test(p.numbering)) section = p.numbering;
    const runIn = runInHeading(text);
    if (depth !== undefined) {
      headings = headings.filter((h) => h.depth < depth);
      const own = text.replace(NUMBER_PREFIX, '').trim();
      headings.push({ depth, text: own.length > 80 ? (runIn ?? `${own.slice(0, 77)}...`) : own });
      if (!runIn) {
        // A heading paragraph is context, not content; still scored so "GOVERNING LAW" alone shows up in context.
        continue;
      }
    } else if (runIn && p.numbering && /^\d+(\.\d+)*$/.test(p.numbering)) {
      // A numbered run-in heading ("14.3 Assignment. ...") opens a section at its depth.
      const d = sectionDepth(p.numbering);
      headings = headings.filter((h) => h.depth < d);
      headings.push({ depth: d, text: runIn });
    } else if (p.numbering && /^\d+(\.\d+)*$/.test(p.numbering)) {
      // A numbered paragraph without a heading closes the headings of its level and below.
      const d = sectionDepth(p.numbering);
      headings = headings.filter((h) => h.depth < d);
    }
    // In a two-column table (a cover page: "Governing Law | The laws of the State of ..."),
    // the row's first cell labels the others like a heading.
    if (p.table && p.table.cell === 0) rowLabel = { key: `${p.table.table}/${p.table.row}`, text };
    const label = p.table && p.table.cell > 0 && rowLabel?.key === `${p.table.table}/${p.table.row}` && rowLabel.text.length <= 80 ? rowLabel.text : undefined;
    const sectionHeading = label ?? (headings.length ? headings[headings.length - 1]!.text : undefined);
    const heading = [...headings.map((h) => h.text), label ?? '', runIn ?? ''].join(' | ');
    const list: Unit[] = [];
    splitSentences(text).forEach((s, n) => {
      const u: Unit = { paragraph: p, text: s, n, heading, ...(sectionHeading ? { sectionHeading } : {}), ...(section ? { section } : {}) };
      list.push(u);
      units.push(u);
    });
    const prev = units.length > list.length ? units[units.length - list.length - 1] : undefined;
    // A short lead-in only: a long sentence that happens to end in "provided that:" has its own cues.
    if (prev && p.numbering && prev.text.length <= 200 && /:\s*$/.test(prev.text) && list[0]) prev.continued = list[0].text;
    byParagraph.set(p.index, list);
  }
  return { doc, units, byParagraph };
}
