// A research memo: what the contract says on each topic the instructions raise (or on every
// position, without instructions), held against the playbook, with the text quoted.
import { buildDocx, type Block, type Inline } from '../docx/build.js';
import type { Position } from '../playbook/schema.js';
import { positionApplies } from '../findings/context.js';
import { describeRule } from '../playbook/describe.js';
import { DISCLAIMER, cap, formatDate, locationText, truncate, valuesText, type ReviewData } from './data.js';

export function buildResearchMemo(d: ReviewData): Uint8Array {
  const applicable = d.pkg.positions.filter((p) => positionApplies(p, d.role, d.pkg));
  const matched = new Set(d.result.instructionMatches.map((m) => m.positionId));
  const focus = matched.size ? applicable.filter((p) => matched.has(p.id)) : applicable;
  const failed = new Map([...d.result.findings, ...d.result.belowThreshold].map((r) => [r.position.id, r]));
  const question = d.context.instructions?.trim() || `How does ${d.filename} compare with the ${d.pkg.name} playbook?`;

  const blocks: Block[] = [
    { kind: 'paragraph', style: 'Title', runs: 'Memorandum' },
    {
      kind: 'table',
      rows: [
        [[{ text: 'To', bold: true }], d.context.representingParty ?? 'File'],
        [[{ text: 'From', bold: true }], 'Docket (automated contract review)'],
        [[{ text: 'Date', bold: true }], formatDate(d.date)],
        [[{ text: 'Re', bold: true }], `${d.filename}${d.context.counterparty ? ` (${d.context.counterparty})` : ''}: ${truncate(question, 200)}`],
      ],
      widths: [1400, 7960],
    },
    { kind: 'paragraph', style: 'Heading1', runs: 'Question' },
    { kind: 'paragraph', runs: question },
    { kind: 'paragraph', style: 'Heading1', runs: 'Short answer' },
    { kind: 'paragraph', runs: d.summary },
  ];
  if (d.context.instructions && !matched.size) {
    blocks.push({ kind: 'paragraph', runs: [{ text: 'The question did not name a topic the playbook covers, so every position of the playbook is discussed below.', italic: true }] });
  }
  blocks.push({ kind: 'paragraph', style: 'Heading1', runs: 'Discussion' });

  const byClause = new Map<string, Position[]>();
  for (const p of focus) byClause.set(p.clauseId, [...(byClause.get(p.clauseId) ?? []), p]);
  for (const [clauseId, positions] of byClause) {
    const found = d.clauses.filter((c) => c.clauseId === clauseId);
    blocks.push({ kind: 'paragraph', style: 'Heading2', runs: found[0]?.title ?? cap(clauseId.replace(/_/g, ' ')) });
    if (found.length) {
      for (const c of found.slice(0, 2)) {
        blocks.push({ kind: 'paragraph', runs: [{ text: 'The contract: ', bold: true }, `${locationText(c.location)}${c.values ? ` (${valuesText(c.values)})` : ''}`] });
        blocks.push({ kind: 'paragraph', style: 'Quote', runs: `“${truncate(c.excerpt, 900)}”` });
      }
    } else {
      blocks.push({ kind: 'paragraph', runs: [{ text: 'The contract: ', bold: true }, 'no provision on this topic was found.'] });
    }
    for (const p of positions) {
      const r = failed.get(p.id);
      const verdict: Inline = r
        ? [{ text: `Deviation (${r.finding.severity}${r.finding.id.startsWith('F') ? `, finding ${r.finding.id}` : ', below the materiality threshold'}): `, bold: true, color: 'C00000' }, r.failure.statement, ` ${p.recommendation.trim()}`]
        : [{ text: 'Consistent with the position', bold: true, color: '2E7D32' }, found.length ? '.' : ' (the clause is absent and the position does not require it).'];
      blocks.push({ kind: 'paragraph', runs: [{ text: 'Position: ', bold: true }, `${describeRule(p.rule)}. `, { text: p.rationale.trim(), italic: true }] });
      blocks.push({ kind: 'paragraph', runs: verdict });
    }
  }

  const covered = new Set(d.pkg.positions.map((p) => p.clauseId));
  const others = [...new Map(d.clauses.filter((c) => !covered.has(c.clauseId)).map((c) => [c.clauseId, c])).values()];
  if (others.length) {
    blocks.push({ kind: 'paragraph', style: 'Heading1', runs: 'Other provisions found' });
    blocks.push({ kind: 'table', headerRow: true, rows: [['Clause', 'Where', 'Values'], ...others.map((c) => [c.title, locationText(c.location), valuesText(c.values)])], widths: [3000, 3000, 3360] });
  }
  blocks.push({ kind: 'paragraph', runs: [{ text: `Playbook: ${d.pkg.name} (${d.pkg.id} v${d.pkg.version}). ${DISCLAIMER}`, italic: true, color: '666666' }] });
  return buildDocx(blocks, { title: `Memorandum: ${d.filename}`, author: 'Docket', created: d.date });
}
