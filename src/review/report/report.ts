// The review report: the DOCX a lawyer can forward. Summary and risk first, then the findings
// grouped by severity with the quoted contract text, then what was detected.
import { buildDocx, type Block, type Inline, type ParagraphStyle } from '../docx/build.js';
import { positionApplies } from '../findings/context.js';
import { describeRule } from '../playbook/describe.js';
import {
  DISCLAIMER,
  ROLE_LABEL,
  byServerity,
  cap,
  documentName,
  formatDate,
  locationText,
  truncate,
  valuesText,
  type ReviewData,
} from './data.js';

const RISK_COLOR: Record<string, string> = { critical: 'C00000', high: 'E46C0A', medium: 'B8860B', low: '2E7D32' };

export function buildReport(d: ReviewData): Uint8Array {
  const blocks: Block[] = [];
  const p = (runs: Inline, style?: ParagraphStyle) => blocks.push({ kind: 'paragraph', runs, ...(style ? { style } : {}) });
  const { findings } = d.result;

  blocks.push({ kind: 'paragraph', style: 'Title', runs: 'Contract review report' });
  blocks.push({ kind: 'paragraph', style: 'Subtitle', runs: documentName(d) });
  const meta: [string, string][] = [
    ['Document', d.filename],
    ['Date of review', formatDate(d.date)],
    ['Position package', `${d.pkg.name} (${d.pkg.id} v${d.pkg.version}): ${d.packageReason}`],
    ['Representing', d.role ? ROLE_LABEL[d.role] : `${ROLE_LABEL[d.pkg.representing]} (the package's default)`],
  ];
  if (d.context.counterparty) meta.push(['Counterparty', d.context.counterparty]);
  if (d.parties.length) meta.push(['Parties named in the contract', d.parties.join('; ')]);
  if (d.context.agreementType) meta.push(['Agreement type', d.context.agreementType]);
  if (d.context.materiality) meta.push(['Materiality', `${d.context.materiality} (findings below ${d.result.minSeverity} are not reported)`]);
  if (d.context.instructions) meta.push(['Instructions', d.context.instructions]);
  meta.push(['Risk level', d.riskLevel.toUpperCase()]);
  meta.push(['Findings', String(findings.length)]);
  blocks.push({ kind: 'table', rows: meta.map(([k, v]) => [[{ text: k, bold: true }], v]), widths: [2600, 6760] });

  p('Summary', 'Heading1');
  p(d.summary);

  p('Risk', 'Heading1');
  p([{ text: 'Overall risk: ' }, { text: d.riskLevel.toUpperCase(), bold: true, color: RISK_COLOR[d.riskLevel] }]);
  const groups = byServerity(findings);
  if (groups.length) {
    blocks.push({ kind: 'table', headerRow: true, rows: [['Severity', 'Findings'], ...groups.map(([s, l]) => [cap(s), String(l.length)])], widths: [3000, 2000] });
  }
  p('The risk level is critical if any finding is critical; high if any finding is high or three or more are medium; medium if any finding is medium or three or more are low; otherwise low.');

  p('Findings', 'Heading1');
  if (!findings.length) {
    p(`No deviations from the ${d.result.positionsChecked} positions of the package were found${d.result.belowThreshold.length ? ` at or above the ${d.result.minSeverity} level` : ''}.`);
  }
  for (const [severity, list] of groups) {
    p(`${cap(severity)} (${list.length})`, 'Heading2');
    for (const r of list) {
      const f = r.finding;
      p(`${f.id}. ${f.title}`, 'Heading3');
      p([{ text: 'Where: ', bold: true }, locationText(f.location), { text: `   Clause: ${f.clauseId.replace(/_/g, ' ')}   Position: ${f.positionId}`, italic: true }]);
      if (f.excerpt) p(`“${truncate(f.excerpt, 1200)}”`, 'Quote');
      p([{ text: 'Issue: ', bold: true }, f.explanation]);
      p([{ text: 'Recommendation: ', bold: true }, f.recommendation]);
      if (r.failure.kind === 'prohibited' && r.position.fallback?.delete) p([{ text: 'Proposed change: ', bold: true }, 'delete this provision.']);
      if (f.suggestedText) p([{ text: f.location ? 'Proposed language: ' : 'Proposed clause: ', bold: true }, { text: f.suggestedText, italic: true }]);
    }
  }
  if (d.result.belowThreshold.length) {
    p('Below the materiality threshold', 'Heading2');
    blocks.push({ kind: 'bullets', items: d.result.belowThreshold.map((r) => `${cap(r.finding.severity)}: ${r.finding.title} (${locationText(r.finding.location)})`) });
  }

  p('Clauses detected', 'Heading1');
  if (!d.clauses.length) p('No clauses of the taxonomy were detected in the document.');
  else {
    const rows = [['Clause', 'Where', 'Values', 'Text'], ...d.clauses.map((c) => [c.title, locationText(c.location), valuesText(c.values), truncate(c.excerpt, 220)])];
    blocks.push({ kind: 'table', headerRow: true, rows, widths: [1900, 1500, 2000, 3960] });
  }

  const failedIds = new Set([...findings, ...d.result.belowThreshold].map((r) => r.position.id));
  const met = d.pkg.positions.filter((x) => !failedIds.has(x.id) && positionApplies(x, d.role, d.pkg));
  if (met.length) {
    p('Positions checked without a finding', 'Heading1');
    p('The contract meets these positions, or the clause they concern is absent and not required, or its value could not be read:');
    blocks.push({ kind: 'bullets', items: met.map((x) => `${cap(x.clauseId.replace(/_/g, ' '))}: ${describeRule(x.rule)}`) });
  }

  if (d.notes.length || d.doc.warnings.length) {
    p('Notes', 'Heading1');
    blocks.push({ kind: 'bullets', items: [...d.notes, ...d.doc.warnings] });
  }
  blocks.push({ kind: 'paragraph', runs: [{ text: DISCLAIMER, italic: true, color: '666666' }] });
  return buildDocx(blocks, { title: `Contract review report: ${d.filename}`, author: 'Docket', created: d.date });
}
