// A template-based first draft: the package's own fallback clauses, in a sensible order, for the
// side we represent, with the instructions' topics flagged. Not a negotiated contract: the
// summary and the document say so.
import { buildDocx, type Block } from '../docx/build.js';
import type { Position } from '../playbook/schema.js';
import { instructionMatches, positionApplies } from '../findings/context.js';
import { DISCLAIMER, formatDate, type ReviewData } from './data.js';

/** Where each clause family sits in a contract; unlisted ids go just before the boilerplate. */
const ORDER = [
  'confidentiality', 'competitive_restriction_exception', 'license_grant', 'ip_ownership_assignment', 'confidentiality_term',
  'warranty_disclaimer', 'data_protection', 'audit_rights', 'payment_terms', 'price_restrictions', 'minimum_commitment',
  'exclusivity', 'non_compete', 'no_solicit_of_employees', 'no_solicit_of_customers', 'warranty_duration', 'indemnification',
  'limitation_of_consequential_damages', 'cap_on_liability', 'uncapped_liability', 'liquidated_damages', 'insurance',
  'expiration_date', 'renewal_term', 'notice_period_to_terminate_renewal', 'termination_for_convenience', 'termination_for_cause',
  'post_termination_services', 'source_code_escrow', 'force_majeure', 'anti_assignment', 'change_of_control', 'most_favored_nation',
  'non_disparagement', 'governing_law', 'dispute_resolution', 'venue',
];

const HEADINGS: Record<string, string> = {
  non_compete: 'Freedom to Operate',
  exclusivity: 'No Exclusivity',
  ip_ownership_assignment: 'Ownership',
  license_grant: 'No Licence',
  liquidated_damages: 'Remedies',
  anti_assignment: 'Assignment',
  audit_rights: 'Compliance',
  no_solicit_of_employees: 'Non-Solicitation',
  change_of_control: 'Assignment on Reorganisation',
  uncapped_liability: 'Exclusions from Limitation',
  termination_for_convenience: 'Termination',
  source_code_escrow: 'Transition',
  price_restrictions: 'Price Changes',
};

function humanize(id: string): string {
  return id.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface Section {
  clauseId: string;
  heading: string;
  text: string;
  positions: Position[];
  instructed: string[];
}

/** The clauses the draft is made of, one per clause family, in contract order. */
export function draftSections(d: ReviewData): Section[] {
  const byClause = new Map<string, Section>();
  for (const p of d.pkg.positions) {
    if (!positionApplies(p, d.role, d.pkg)) continue;
    const fb = p.fallback;
    const text = fb?.insert ?? fb?.replace;
    const instructed = instructionMatches(p, d.context.instructions);
    const existing = byClause.get(p.clauseId);
    if (existing) {
      existing.positions.push(p);
      existing.instructed.push(...instructed.filter((t) => !existing.instructed.includes(t)));
      if (!existing.text && text) existing.text = clean(text);
      continue;
    }
    byClause.set(p.clauseId, {
      clauseId: p.clauseId,
      heading: fb?.heading ?? HEADINGS[p.clauseId] ?? humanize(p.clauseId),
      text: text ? clean(text) : '',
      positions: [p],
      instructed,
    });
  }
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length - 3);
  return [...byClause.values()].filter((s) => s.text).sort((a, b) => rank(a.clauseId) - rank(b.clauseId));
}

const ROLE_TERMS: Record<string, [string, string]> = {
  disclosing_party: ['Discloser', 'Recipient'],
  receiving_party: ['Recipient', 'Discloser'],
  customer: ['Customer', 'Supplier'],
  vendor: ['Supplier', 'Customer'],
};

export function buildDraft(d: ReviewData): { bytes: Uint8Array; sections: number } {
  const sections = draftSections(d);
  const isNda = d.pkg.agreementTypes.some((t) => /\bnda\b|non-?disclosure|confidentiality/i.test(t));
  const title = d.context.agreementType?.trim() || (isNda ? (d.pkg.representing === 'mutual' ? 'Mutual Non-Disclosure Agreement' : 'Non-Disclosure Agreement') : d.pkg.agreementTypes[0]);
  const us = d.context.representingParty?.trim() || '[Party A]';
  const them = d.context.counterparty?.trim() || '[Party B]';
  const role = d.role && ROLE_TERMS[d.role] ? d.role : d.pkg.representing;
  const terms = ROLE_TERMS[role];

  const blocks: Block[] = [
    { kind: 'paragraph', style: 'Title', runs: title },
    { kind: 'paragraph', runs: [{ text: `Template-based first draft prepared by Docket on ${formatDate(d.date)} from the ${d.pkg.name} position package. Review and complete the bracketed items before sending.`, italic: true, color: '666666' }] },
    {
      kind: 'paragraph',
      runs: terms
        ? `This ${title} (the “Agreement”) is made on [date] between ${us} (the “${terms[0]}”) and ${them} (the “${terms[1]}”).`
        : `This ${title} (the “Agreement”) is made on [date] between ${us} and ${them} (each a “party”).`,
    },
  ];
  if (d.context.instructions) {
    blocks.push({ kind: 'paragraph', runs: [{ text: `Drafting instructions: ${d.context.instructions}`, italic: true }] });
  }
  let n = 1;
  blocks.push({ kind: 'paragraph', style: 'Heading1', runs: `${n++}. Definitions` });
  if (isNda) {
    const rp = terms ? terms : ['Disclosing Party', 'Receiving Party'];
    blocks.push({
      kind: 'paragraph',
      runs: `“Purpose” means [describe the evaluation or business relationship]. “Confidential Information” means all non-public information disclosed by or on behalf of a party (the “Disclosing Party”${terms ? `, here the ${rp[0]}` : ''}) to the other (the “Receiving Party”${terms ? `, here the ${rp[1]}` : ''}) in connection with the Purpose, in any form, that is marked confidential or would reasonably be understood to be confidential. “Representatives” means a party's affiliates and its and their directors, officers, employees, professional advisers and contractors.`,
    });
  } else {
    blocks.push({ kind: 'paragraph', runs: '“Services” means [describe the services or products]. “Confidential Information” means all non-public information disclosed by one party to the other in connection with this Agreement that is marked confidential or would reasonably be understood to be confidential.' });
  }
  for (const s of sections) {
    blocks.push({ kind: 'paragraph', style: 'Heading1', runs: `${n++}. ${s.heading}` });
    blocks.push({ kind: 'paragraph', runs: s.text });
    if (s.instructed.length) {
      blocks.push({ kind: 'paragraph', runs: [{ text: `[Drafting note: your instructions mention ${s.instructed.map((t) => `“${t}”`).join(', ')}; this clause follows the playbook position “${s.positions[0].title}”. Confirm it meets your instructions.]`, italic: true, color: '1F4E79' }] });
    }
  }
  blocks.push(
    { kind: 'paragraph', style: 'Heading1', runs: `${n++}. General` },
    { kind: 'paragraph', runs: 'This Agreement is the entire agreement between the parties about its subject matter and supersedes all prior discussions. It may be amended only in writing signed by both parties. If any provision is held unenforceable, the rest remains in effect. This Agreement may be signed in counterparts, including electronically.' },
    { kind: 'paragraph', style: 'Heading1', runs: 'Signatures' },
    { kind: 'table', rows: [[us, them], ['By: ________________________', 'By: ________________________'], ['Name:', 'Name:'], ['Title:', 'Title:'], ['Date:', 'Date:']], widths: [4680, 4680] },
    { kind: 'paragraph', runs: [{ text: DISCLAIMER, italic: true, color: '666666' }] },
  );
  return { bytes: buildDocx(blocks, { title, author: 'Docket', created: d.date }), sections: sections.length };
}
