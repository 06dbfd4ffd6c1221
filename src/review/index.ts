// The engine's entry point, called by the mission worker (in a worker thread). Pure: no HTTP,
// no store, no environment. parse -> detect clauses -> hold them against the position package
// -> write the documents the mission type asks for.
import { parseDocument } from './document/index.js';
import { MIME_DOCX } from './document/sniff.js';
import type { DocumentModel } from './document/model.js';
import { detectClauses } from './clauses/index.js';
import type { ProducedDocument, ReviewInput, ReviewOutput } from './types.js';
import { builtInPackages, asPositionPackage } from './playbook/load.js';
import type { PositionPackage, Role } from './playbook/schema.js';
import { ROLES } from './playbook/schema.js';
import { buildFindings, choosePackage, normalizeRole, roleFromDocument, riskLevel, rolesDefinedMutually } from './findings/index.js';
import { planEdits } from './findings/edits.js';
import { ROLE_LABEL, baseName, type ReviewData } from './report/data.js';
import { buildReport } from './report/report.js';
import { buildAddendum } from './report/addendum.js';
import { buildDraft } from './report/draft.js';
import { buildResearchMemo } from './report/research.js';
import { buildSummary } from './report/summary.js';

export type * from './types.js';
export { builtInPackages, loadPackageFile, asPositionPackage, PackageError } from './playbook/load.js';
export { summarizePackage } from './playbook/schema.js';
export type { PositionPackage, PackageSummary } from './playbook/schema.js';

export interface RunReviewOptions {
  /** Clock for the documents' dates (tests). */
  now?: Date;
}

function resolveRole(input: ReviewInput, doc: DocumentModel): { role?: Role; note?: string } {
  const ctx = input.context ?? {};
  const fromRole = normalizeRole(ctx.representingPartyRole);
  if (fromRole) return { role: fromRole };
  if (ctx.representingPartyRole) {
    const note = `Representing role "${ctx.representingPartyRole}" was not understood (use one of ${ROLES.join(', ')}).`;
    return { note };
  }
  if (ctx.representingParty) {
    const opening = doc.paragraphs.slice(0, 40).map((p) => p.text).join('\n');
    const r = roleFromDocument(ctx.representingParty, opening) ?? normalizeRole(ctx.representingParty);
    if (r) return { role: r };
  }
  return {};
}

function pickPackage(input: ReviewInput, doc: DocumentModel, role: Role | undefined): { pkg: PositionPackage; reason: string; notes: string[] } {
  const notes: string[] = [];
  if (input.positionPackage !== undefined && input.positionPackage !== null) {
    const pkg = asPositionPackage(input.positionPackage);
    if (role && pkg.representing !== role && pkg.representing !== 'mutual' && pkg.representing !== 'either') {
      notes.push(`The position package “${pkg.name}” is written for ${ROLE_LABEL[pkg.representing]}, but the context says you represent ${ROLE_LABEL[role]}; its side-specific positions follow the context.`);
    }
    return { pkg, reason: 'chosen for this mission', notes };
  }
  const ctx = input.context ?? {};
  const title = documentTitle(doc);
  const choice = choosePackage(builtInPackages(), { agreementType: ctx.agreementType, title, role });
  const reason =
    choice.how === 'agreement_type' ? `matched to the agreement type “${choice.matched}”`
    : choice.how === 'document_title' ? `matched to the document title “${choice.matched}”`
    : choice.how === 'role' ? 'matched to the side you represent'
    : 'the general package (no better match for the agreement type)';
  if (choice.pkg.representing !== 'mutual' && choice.pkg.representing !== 'either' && !role) {
    notes.push(`No representing side was given; the package for ${ROLE_LABEL[choice.pkg.representing]} was used. Set context.representingPartyRole to review for the other side.`);
  }
  return { pkg: choice.pkg, reason, notes };
}

/** The document's title: its own, else a short opening line that names an agreement. */
function documentTitle(doc: DocumentModel): string | undefined {
  if (doc.title) return doc.title;
  const opening = doc.paragraphs.filter((p) => p.text.trim()).slice(0, 6);
  return (
    opening.find((p) => p.headingLevel && p.text.length < 150)?.text ??
    opening.find((p) => p.text.length < 150 && /\b(agreement|contract|nda|terms|addendum|memorandum)\b/i.test(p.text))?.text
  );
}

export async function runReview(input: ReviewInput, options: RunReviewOptions = {}): Promise<ReviewOutput> {
  const now = options.now ?? new Date();
  const context = input.context ?? {};
  input.onStage?.('parsing');
  const doc = await parseDocument(input.bytes);

  input.onStage?.('reviewing');
  const clauses = detectClauses(doc);
  const { role, note: roleNote } = resolveRole(input, doc);
  const { pkg, reason, notes } = pickPackage(input, doc, role);
  if (roleNote) notes.push(roleNote);
  const fullText = doc.paragraphs.slice(0, 400).map((p) => p.text).join('\n');
  const result = buildFindings({ pkg, clauses, context, role, roleDefinedMutually: rolesDefinedMutually(fullText, doc.title) });
  notes.push(...result.notes);
  const findings = result.findings.map((r) => r.finding);
  const risk = riskLevel(findings);
  const parties = [...new Set(clauses.filter((c) => c.clauseId === 'parties').flatMap((c) => c.values?.parties ?? []))];

  input.onStage?.('drafting');
  const data: ReviewData = {
    filename: input.filename, date: now, missionType: input.missionType, context, role, pkg, packageReason: reason,
    doc: { ...doc, title: documentTitle(doc) }, clauses, result, riskLevel: risk, summary: '', parties, notes,
  };
  const summaryBase = {
    missionType: input.missionType, filename: input.filename, title: documentTitle(doc), counterparty: context.counterparty,
    agreementType: context.agreementType, parties, role, pkg, result, riskLevel: risk,
  };
  const base = baseName(input.filename);
  const documents: ProducedDocument[] = [];
  const docx = (kind: ProducedDocument['kind'], suffix: string, bytes: Uint8Array): ProducedDocument => ({ kind, filename: `${base}-${suffix}.docx`, mimeType: MIME_DOCX, bytes });
  let redline: { edits: number; applied: number; skipped: number } | undefined;

  switch (input.missionType) {
    case 'addendum': {
      const addendum = buildAddendum(data);
      data.summary = buildSummary({ ...summaryBase, amendments: addendum.amendments });
      documents.push(docx('addendum', 'addendum', addendum.bytes));
      break;
    }
    case 'draft': {
      const draft = buildDraft(data);
      data.summary = buildSummary({ ...summaryBase, draftSections: draft.sections });
      documents.push(docx('draft', 'draft', draft.bytes));
      break;
    }
    case 'research':
      data.summary = buildSummary(summaryBase);
      documents.push(docx('report', 'research-memo', buildResearchMemo(data)));
      break;
    case 'redline': {
      data.summary = buildSummary(summaryBase);
      const planned = planEdits(doc, clauses, result.findings);
      const edits = planned.map((p) => p.edit);
      const opts = { author: 'Docket', date: now };
      const out =
        doc.format === 'docx'
          ? await (await import('./redline/docx-redline.js')).redlineDocx(input.bytes, edits, opts)
          : await (await import('./redline/pdf-redline.js')).buildRedlineFromModel(doc, edits, opts);
      redline = { edits: edits.length, applied: out.applied.length, skipped: out.skipped.length };
      if (out.skipped.length) notes.push(`${out.skipped.length} of ${edits.length} redline change(s) could not be placed in the document and appear only in the report.`);
      documents.push(docx('redline', 'redline', out.bytes));
      break;
    }
    default:
      data.summary = buildSummary(summaryBase);
  }
  if (input.missionType !== 'research') documents.push(docx('report', 'review-report', buildReport(data)));

  return {
    results: {
      summary: data.summary,
      riskLevel: risk,
      findingsCount: findings.length,
      findings,
      clauses,
      document: { format: doc.format, title: doc.title, stats: doc.stats, warnings: doc.warnings },
      positionPackage: { id: pkg.id, name: pkg.name, version: pkg.version },
      review: {
        representing: role ?? pkg.representing,
        packageChoice: reason,
        minimumSeverity: result.minSeverity,
        positionsChecked: result.positionsChecked,
        belowThresholdCount: result.belowThreshold.length,
        instructionMatches: result.instructionMatches.map((m) => m.positionId),
        ...(redline ? { redline } : {}),
        notes,
      },
    },
    documents,
  };
}
