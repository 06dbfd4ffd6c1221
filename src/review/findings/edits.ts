// Findings -> redline edits: the playbook's fallback language placed at the smallest sensible
// span (the offending value, else the offending sentence), a missing clause inserted where it
// belongs, and the finding's rationale as the comment. Every edit is checked against the
// paragraph's current text, so the writer never has to guess.
import type { DocumentModel, Paragraph } from '../document/model.js';
import type { DetectedClause } from '../clauses/model.js';
import type { RedlineEdit } from '../redline/model.js';
import type { ReviewedFinding } from './index.js';

export interface PlannedEdit {
  findingId: string;
  edit: RedlineEdit;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function commentFor(r: ReviewedFinding): string {
  const f = r.finding;
  return oneLine(`Docket ${f.id} (${f.severity}): ${f.title}. ${r.position.rationale} Recommendation: ${f.recommendation}`);
}

const EDITABLE = new Set(['body', 'table']);
const SIGNATURE = /^(?:in witness whereof|signatures?\b|signed by|executed as|agreed and accepted|accepted and agreed|\[signature)/i;

/** The paragraph after which a missing clause belongs, following the position's insertAfter hints. */
export function insertionAnchor(doc: DocumentModel, clauses: DetectedClause[], hints: string[] | undefined): Paragraph | undefined {
  const paras = doc.paragraphs;
  const editable = (p: Paragraph | undefined) => !!p && EDITABLE.has(p.location) && p.text.trim().length > 0;
  for (const hint of hints ?? []) {
    if (/^[a-z][a-z0-9_]*$/.test(hint)) {
      const found = clauses.filter((c) => c.clauseId === hint);
      if (found.length) {
        const last = Math.max(...found.map((c) => Math.max(...c.location.paragraphIndexes)));
        const end = sectionEnd(paras, last);
        if (editable(paras[end])) return paras[end];
        if (editable(paras[last])) return paras[last];
        continue;
      }
    }
    const word = hint.toLowerCase();
    const heading = paras.find(
      (p) => EDITABLE.has(p.location) && (p.headingLevel !== undefined || p.text.length < 80) && p.text.toLowerCase().replace(/^[\d.\s]+/, '').startsWith(word),
    );
    if (heading) {
      const end = sectionEnd(paras, heading.index);
      if (editable(paras[end])) return paras[end];
    }
  }
  // Default: the end of the operative text, before the signature block.
  const body = paras.filter((p) => p.location === 'body');
  const sig = body.find((p, i) => i > body.length / 3 && SIGNATURE.test(p.text.trim()));
  const candidates = sig ? body.filter((p) => p.index < sig.index) : body;
  for (let i = candidates.length - 1; i >= 0; i--) if (editable(candidates[i])) return candidates[i];
  return undefined;
}

/** Last paragraph of the section that paragraph `i` belongs to (up to the next heading or number of the same or higher level). */
function sectionEnd(paras: Paragraph[], i: number): number {
  const start = paras[i];
  const level = start.headingLevel ?? levelOf(start.numbering);
  let end = i;
  for (let j = i + 1; j < paras.length && j < i + 80; j++) {
    const p = paras[j];
    if (p.location !== start.location && p.location !== 'table') break;
    const l = p.headingLevel ?? levelOf(p.numbering);
    if (l !== undefined && level !== undefined && l <= level) break;
    if (l !== undefined && level === undefined) break;
    if (SIGNATURE.test(p.text.trim())) break;
    end = j;
  }
  return end;
}

function levelOf(numbering: string | undefined): number | undefined {
  if (!numbering) return undefined;
  if (/^\d+(\.\d+)*\.?$/.test(numbering)) return numbering.replace(/\.$/, '').split('.').length;
  return 9; // (a), (i): sub-levels
}

/** The first paragraph of the clause that contains `text`, or undefined. */
function paragraphWith(doc: DocumentModel, clause: DetectedClause, text: string): Paragraph | undefined {
  for (const i of clause.location.paragraphIndexes) {
    const p = doc.paragraphs[i];
    if (p && EDITABLE.has(p.location) && p.text.includes(text)) return p;
  }
  return undefined;
}

function usableExcerpt(c: DetectedClause): string | undefined {
  const e = c.excerpt.trim();
  if (!e || /\.\.\.$/.test(e)) return undefined;
  return e;
}

/**
 * One edit per reported finding where the text allows it. Spans already edited are not edited
 * twice: a later finding on the same words becomes a comment.
 */
export function planEdits(doc: DocumentModel, clauses: DetectedClause[], reviewed: ReviewedFinding[]): PlannedEdit[] {
  const out: PlannedEdit[] = [];
  const taken = new Map<number, [number, number][]>();
  const overlaps = (p: Paragraph, find: string) => {
    const at = p.text.indexOf(find);
    const span: [number, number] = [at, at + find.length];
    return (taken.get(p.index) ?? []).some(([a, b]) => span[0] < b && a < span[1]);
  };
  const take = (p: Paragraph, find: string) => {
    const at = p.text.indexOf(find);
    const list = taken.get(p.index) ?? [];
    list.push([at, at + find.length]);
    taken.set(p.index, list);
  };
  const push = (r: ReviewedFinding, edit: RedlineEdit) => out.push({ findingId: r.finding.id, edit });

  for (const r of reviewed) {
    const { failure, position } = r;
    const fb = position.fallback ?? {};
    const comment = commentFor(r);
    const c = failure.clause;

    if (!c) {
      if (!fb.insert) continue;
      const anchor = insertionAnchor(doc, clauses, fb.insertAfter);
      if (!anchor) continue;
      const text = oneLine(fb.heading ? `${fb.heading}. ${fb.insert}` : fb.insert);
      push(r, { kind: 'insertParagraphAfter', paragraphIndex: anchor.index, source: anchor.source, text, comment });
      continue;
    }

    // 1. The smallest span: swap the offending value.
    if (failure.valueText && fb.replaceValue) {
      const p = paragraphWith(doc, c, failure.valueText);
      if (p && !overlaps(p, failure.valueText)) {
        take(p, failure.valueText);
        push(r, { kind: 'replace', paragraphIndex: p.index, source: p.source, find: failure.valueText, replaceWith: oneLine(fb.replaceValue), comment });
        continue;
      }
    }
    // 2. The offending sentence: replace it with the fallback, or delete a prohibited one.
    const excerpt = usableExcerpt(c);
    const p = excerpt ? paragraphWith(doc, c, excerpt) : undefined;
    if (p && excerpt && !overlaps(p, excerpt)) {
      if (fb.replace) {
        take(p, excerpt);
        push(r, { kind: 'replace', paragraphIndex: p.index, source: p.source, find: excerpt, replaceWith: oneLine(fb.replace), comment });
        continue;
      }
      if (failure.kind === 'prohibited' && fb.delete) {
        take(p, excerpt);
        push(r, { kind: 'delete', paragraphIndex: p.index, source: p.source, find: excerpt, comment });
        continue;
      }
    }
    // 3. Nothing safe to change: flag the text with a comment.
    const anchor = p ?? doc.paragraphs[c.location.paragraphIndex];
    if (anchor && EDITABLE.has(anchor.location)) {
      push(r, { kind: 'comment', paragraphIndex: anchor.index, source: anchor.source, ...(p && excerpt ? { find: excerpt } : {}), comment });
    }
  }
  return out;
}
