// Generalisation checks on real agreements that were never used to write the cues (public model
// agreements in ../shared/corpus/docx, read through the DOCX reader): clauses a lawyer sees in
// each must be found, and clauses the agreement plainly does not contain must not be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/corpus.js';
import { parseDocument } from '../../../src/review/document/index.js';
import { detectClauses, presentClauseIds } from '../../../src/review/clauses/index.js';

interface Case {
  file: string;
  must: string[];
  mustNot: string[];
}

// Commercial clauses an NDA, a DPA or an employment document has no business carrying.
const COMMERCIAL = ['license_grant', 'minimum_commitment', 'price_restrictions', 'revenue_profit_sharing', 'most_favored_nation', 'volume_restriction', 'exclusivity'];

const CASES: Case[] = [
  {
    file: 'commonpaper-mutual-nda.docx',
    must: ['confidentiality', 'governing_law'],
    mustNot: [...COMMERCIAL, 'non_compete', 'change_of_control', 'joint_ip_ownership', 'liquidated_damages'],
  },
  {
    // "Discloser may assign this NDA in connection with a merger ..." is an assignment carve-out with
    // neither consent nor notice: not a change-of-control right. "grants no license" is not a grant.
    file: 'commonpaper-one-way-nda.docx',
    must: ['confidentiality', 'governing_law', 'anti_assignment', 'termination_for_convenience'],
    mustNot: [...COMMERCIAL, 'non_compete', 'change_of_control', 'uncapped_liability'],
  },
  {
    file: 'stlstartuplawyer-nda.docx',
    must: ['confidentiality', 'governing_law', 'anti_assignment'],
    mustNot: [...COMMERCIAL, 'non_compete', 'renewal_term', 'insurance'],
  },
  {
    file: 'commonpaper-data-processing-agreement.docx',
    must: ['data_protection', 'audit_rights', 'governing_law'],
    mustNot: [...COMMERCIAL, 'non_compete', 'no_solicit_of_customers', 'non_disparagement', 'rofr_rofo_rofn'],
  },
  {
    file: 'commonpaper-cloud-service-agreement.docx',
    must: ['governing_law', 'anti_assignment', 'cap_on_liability', 'indemnification', 'confidentiality', 'renewal_term'],
    mustNot: ['non_compete', 'no_solicit_of_customers', 'most_favored_nation', 'joint_ip_ownership', 'liquidated_damages', 'rofr_rofo_rofn'],
  },
  {
    // The licence sentence carries "Section 10.6": a section number must not cut the cue's window.
    file: 'commonpaper-software-license-agreement.docx',
    must: ['license_grant', 'non_transferable_license', 'cap_on_liability', 'governing_law'],
    mustNot: ['non_compete', 'most_favored_nation', 'joint_ip_ownership', 'liquidated_damages', 'irrevocable_or_perpetual_license'],
  },
  {
    file: 'openagreements-confidentiality-invention-assignment-agreement.docx',
    must: ['ip_ownership_assignment', 'confidentiality', 'no_solicit_of_employees'],
    mustNot: ['minimum_commitment', 'price_restrictions', 'revenue_profit_sharing', 'most_favored_nation', 'liquidated_damages'],
  },
  {
    // An employee handbook: PTO carried "from year to year" is not a renewal term, a "minimum amount of PTO"
    // or of car insurance is not a minimum purchase commitment.
    file: 'stlstartuplawyer-employee-handbook.docx',
    must: ['confidentiality'],
    mustNot: ['renewal_term', 'minimum_commitment', 'license_grant', 'price_restrictions', 'most_favored_nation'],
  },
  {
    // Liability caps with "Unlimited Claims" carved out, "Claims excluded from any limitation of liability",
    // a warranty that runs for a Warranty Period. Its licence is granted to Customer alone: no affiliate licence.
    file: 'commonpaper-software-license-agreement.docx',
    must: ['uncapped_liability', 'warranty_duration'],
    mustNot: ['affiliate_license_licensor', 'affiliate_license_licensee', 'rofr_rofo_rofn', 'no_solicit_of_customers', 'competitive_restriction_exception', 'third_party_beneficiary'],
  },
  {
    // Its "Effect of Termination" (content deleted within 60 days, a final invoice Customer pays) is a
    // post-termination obligation in CUAD's sense, so post_termination_services is neither required nor barred.
    file: 'commonpaper-cloud-service-agreement.docx',
    must: ['uncapped_liability'],
    mustNot: ['affiliate_license_licensor', 'affiliate_license_licensee', 'volume_restriction', 'third_party_beneficiary', 'non_compete'],
  },
  {
    // "Employee will not ... engage in any business or activity that competes with Company" while employed.
    file: 'openagreements-confidentiality-invention-assignment-agreement.docx',
    must: ['non_compete'],
    mustNot: ['affiliate_license_licensor', 'affiliate_license_licensee', 'rofr_rofo_rofn', 'volume_restriction', 'termination_for_convenience'],
  },
  {
    // Provider grants Customer a perpetual, irrevocable licence to Pre-Existing Materials in Deliverables.
    file: 'commonpaper-professional-services-agreement.docx',
    must: ['irrevocable_or_perpetual_license', 'uncapped_liability'],
    mustNot: ['affiliate_license_licensor', 'affiliate_license_licensee', 'non_compete', 'rofr_rofo_rofn', 'volume_restriction'],
  },
  {
    file: 'commonpaper-mutual-nda.docx',
    must: [],
    mustNot: ['termination_for_convenience', 'irrevocable_or_perpetual_license', 'affiliate_license_licensor', 'affiliate_license_licensee', 'third_party_beneficiary', 'warranty_duration', 'post_termination_services', 'rofr_rofo_rofn'],
  },
];

for (const [i, c] of CASES.entries()) {
  test(`real agreement #${i + 1} ${c.file}: expected clauses found, absent ones not invented`, async () => {
    const doc = await parseDocument(new Uint8Array(readFileSync(corpusPath(`docx/${c.file}`))));
    const ids = presentClauseIds(detectClauses(doc));
    const missing = c.must.filter((id) => !ids.has(id));
    const invented = c.mustNot.filter((id) => ids.has(id));
    assert.deepEqual(missing, [], `${c.file}: expected clauses not found: ${missing.join(', ')}`);
    assert.deepEqual(invented, [], `${c.file}: clauses it does not contain were reported: ${invented.join(', ')}`);
  });
}
