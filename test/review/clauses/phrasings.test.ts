// Phrasings lawyers use across contracts for the weaker CUAD categories, written from practice (not
// copied from the CUAD dev files), and the look-alikes that must not count: each sentence alone is a
// document, and the clause must (true) or must not (false) be detected in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPlainText } from '../../../src/review/document/text.js';
import { detectClauses } from '../../../src/review/clauses/index.js';
import { affiliateDirection } from '../../../src/review/clauses/affiliates.js';

const CASES: [string, boolean, string][] = [
  ["termination_for_convenience", true, "Either party may terminate this Agreement upon ninety (90) days' prior written notice to the other party."],
  ["termination_for_convenience", true, "This Agreement may be terminated by either party upon sixty (60) days written notice to the other party."],
  ["termination_for_convenience", true, "Company may terminate this Agreement at any time, for any reason or no reason, upon thirty (30) days' written notice to Supplier."],
  ["termination_for_convenience", true, "Customer may terminate this Agreement for convenience upon thirty (30) days' notice."],
  ["termination_for_convenience", true, "Distributor may terminate this Agreement without cause by giving the Company not less than six (6) months' written notice."],
  ["termination_for_convenience", true, "Licensee shall have the right to terminate this Agreement upon written notice of not less than ninety (90) days."],
  ["termination_for_convenience", true, "Either Party may terminate this Agreement, with or without cause, by providing the other Party with written notice at least 180 days in advance."],
  ["termination_for_convenience", true, "Notwithstanding anything to the contrary herein, Client may terminate this Agreement at any time upon fifteen (15) days' prior written notice."],
  ["termination_for_convenience", true, "After the first anniversary of the Effective Date, either party may terminate this Agreement on three months' written notice to the other."],
  ["termination_for_convenience", true, "Reseller may cancel this Agreement at any time by giving sixty (60) days written notice to the Company."],
  ["termination_for_convenience", true, "Party A has the right to terminate this Agreement unilaterally by giving thirty days' written notice to Party B."],
  ["termination_for_convenience", false, "Either party may terminate this Agreement upon thirty (30) days' written notice if the other party materially breaches this Agreement and fails to cure such breach."],
  ["termination_for_convenience", false, "Either party may elect not to renew this Agreement by giving written notice at least sixty (60) days prior to the end of the then-current term."],
  ["termination_for_convenience", false, "Either party may terminate this Agreement at the end of the Initial Term by giving ninety (90) days' prior written notice to the other party."],
  ["termination_for_convenience", false, "Company may terminate this Agreement immediately upon written notice if Distributor becomes insolvent."],
  ["termination_for_convenience", false, "Upon termination of this Agreement for any reason, Licensee shall cease all use of the Marks."],
  ["termination_for_convenience", false, "Neither party may terminate this Agreement except as expressly provided in this Section 12."],
  ["termination_for_convenience", false, "Either party may terminate this Agreement by written notice to the other party if a Force Majeure event continues for more than ninety (90) days."],
  ["non_compete", true, "During the Term and for a period of two (2) years thereafter, Distributor shall not, directly or indirectly, manufacture, sell or distribute any product that competes with the Products in the Territory."],
  ["non_compete", true, "Neither Party shall, during the Term, develop or commercialize any Competing Product."],
  ["non_compete", true, "Consultant agrees that during the term of this Agreement it will not render services to any competitor of the Company."],
  ["non_compete", true, "Franchisee covenants that it will not own, operate or have any interest in any Competitive Business located within ten (10) miles of the Franchised Location."],
  ["non_compete", true, "The Supplier undertakes not to supply products of the same kind to any other customer in the Territory during the term of this Agreement."],
  ["non_compete", true, "Reseller shall refrain from marketing or selling products which are similar to or compete with the Licensed Products."],
  ["non_compete", true, "Party B shall not engage in any business that is identical or similar to the Cooperation Business during the cooperation period."],
  ["non_compete", true, "During the Term, Licensee shall not promote, market or sell any products that are competitive with the Products."],
  ["non_compete", false, "Nothing in this Agreement shall prohibit either party from developing products that compete with the other party's products."],
  ["non_compete", false, "The Company operates in a highly competitive market and faces significant competition."],
  ["non_compete", false, "The prices offered shall be competitive with those available in the market."],
  ["non_compete", false, "Recipient shall not use Confidential Information to develop competing products."],
  ["rofr_rofo_rofn", true, "Before offering the Rights to any third party, Licensor shall first offer such Rights to Licensee on the same terms."],
  ["rofr_rofo_rofn", true, "If the Company receives a bona fide offer from a third party to purchase the Shares, the Investor shall have the right to purchase the Shares on the same terms and conditions."],
  ["rofr_rofo_rofn", true, "Distributor shall have a right of first negotiation with respect to any new product developed by the Company."],
  ["rofr_rofo_rofn", true, "Licensee shall have the first right to negotiate a license for any Improvement."],
  ["rofr_rofo_rofn", true, "During the Exclusive Negotiation Period, Company shall negotiate exclusively and in good faith with Partner regarding the Additional Territory."],
  ["rofr_rofo_rofn", true, "Supplier shall not offer the Product to any third party on terms more favorable than those first offered to Distributor without first offering such terms to Distributor."],
  ["rofr_rofo_rofn", true, "Company shall notify Partner of any proposed sale of the Business and Partner shall have thirty (30) days to elect to match the terms of such proposal."],
  ["rofr_rofo_rofn", false, "The Company shall use commercially reasonable efforts to sell the Products to third parties."],
  ["rofr_rofo_rofn", false, "Licensee may offer the Products to third parties at any price it determines."],
  ["no_solicit_of_customers", true, "During the Term and for one year thereafter, Contractor shall not solicit any customer of the Company for the purpose of selling competing services."],
  ["no_solicit_of_customers", true, "Distributor shall not interfere with the relationship between the Company and any of its customers or suppliers."],
  ["no_solicit_of_customers", true, "Neither party shall, directly or indirectly, call upon or accept business from any client of the other party introduced under this Agreement."],
  ["no_solicit_of_customers", true, "Agent agrees not to induce any customer of Principal to cease doing business with Principal."],
  ["no_solicit_of_customers", false, "Reseller shall solicit orders from customers in the Territory."],
  ["no_solicit_of_customers", false, "The Company may solicit customers in any territory."],
  ["no_solicit_of_customers", false, "Distributor shall use its best efforts to solicit customers for the Products."],
  ["competitive_restriction_exception", true, "Notwithstanding the foregoing, the ownership of less than five percent (5%) of the outstanding securities of any publicly traded company shall not be a breach of this Section 7."],
  ["competitive_restriction_exception", true, "The restrictions in Section 6.1 shall not apply to any business acquired by Licensee after the Effective Date, provided such business accounts for less than 10% of its revenue."],
  ["competitive_restriction_exception", true, "The acquisition by either party of an entity that sells a competing product shall not be deemed a breach of the exclusivity obligations in Section 3."],
  ["competitive_restriction_exception", true, "Notwithstanding Section 5.2, Company shall be free to sell the Products to the Excluded Customers."],
  ["competitive_restriction_exception", true, "Nothing in this Section 8 shall prevent Supplier from selling products that compete with the Products to customers outside the Territory."],
  ["competitive_restriction_exception", false, "The restrictions in this Section shall not apply to information that is publicly available."],
  ["competitive_restriction_exception", false, "Notwithstanding the foregoing, the limitations of liability shall not apply to breaches of confidentiality."],
  ["uncapped_liability", true, "The foregoing limitations of liability shall not apply to a party's indemnification obligations or to damages arising from its gross negligence or willful misconduct."],
  ["uncapped_liability", true, "Nothing in this Agreement shall limit or exclude either party's liability for death or personal injury caused by its negligence, or for fraud."],
  ["uncapped_liability", true, "Except for breaches of Section 9 (Confidentiality), in no event shall either party's aggregate liability exceed the fees paid under this Agreement."],
  ["uncapped_liability", true, "Claims arising from a party's indemnification obligations are excluded from the cap set forth in Section 11.2."],
  ["uncapped_liability", true, "The Licensee's liability for breach of the license restrictions shall be unlimited."],
  ["uncapped_liability", false, "In no event shall either party's aggregate liability under this Agreement exceed the fees paid in the twelve months preceding the claim."],
  ["uncapped_liability", false, "Neither party shall be liable for any delay caused by events beyond its reasonable control."],
  ["volume_restriction", true, "Supplier shall not be obligated to supply quantities in excess of one hundred twenty percent (120%) of the most recent forecast."],
  ["volume_restriction", true, "Customer may not use the Software on more than five hundred (500) devices."],
  ["volume_restriction", true, "Any usage in excess of the Subscription limits will be charged at the overage rates set forth in the Order Form."],
  ["volume_restriction", true, "Purchaser shall not order more than 10,000 units in any calendar quarter."],
  ["volume_restriction", true, "If orders exceed the forecast by more than 25%, the Supplier may decline the excess quantity."],
  ["volume_restriction", false, "The total fees payable shall not exceed $50,000."],
  ["volume_restriction", false, "The Company employs more than 500 people."],
  ["irrevocable_or_perpetual_license", true, "Licensor hereby grants to Licensee a non-exclusive, perpetual, irrevocable, royalty-free license to use the Software."],
  ["irrevocable_or_perpetual_license", true, "Company grants Customer a fully paid-up license in perpetuity to reproduce the Documentation."],
  ["irrevocable_or_perpetual_license", true, "Upon payment of the fees, the license granted in Section 2.1 shall become irrevocable."],
  ["irrevocable_or_perpetual_license", false, "Each party irrevocably submits to the exclusive jurisdiction of the courts of New York."],
  ["irrevocable_or_perpetual_license", false, "Consultant hereby irrevocably assigns to Company all right, title and interest in the Work Product."],
  ["irrevocable_or_perpetual_license", false, "The license granted herein is non-perpetual and revocable upon thirty days notice."],
  ["post_termination_services", true, "For a period of six (6) months following termination, Supplier shall continue to provide spare parts and repair services for the Products."],
  ["post_termination_services", true, "Upon expiration or termination of this Agreement, Vendor shall provide reasonable transition assistance to Customer for up to ninety (90) days."],
  ["post_termination_services", true, "Orders accepted prior to the effective date of termination shall be fulfilled in accordance with the terms of this Agreement."],
  ["post_termination_services", true, "Following termination, Distributor may sell off its remaining inventory of Products for a period of 180 days."],
  ["post_termination_services", false, "Upon termination, each party shall return or destroy all Confidential Information of the other party."],
  ["warranty_duration", true, "Seller warrants that the Products will be free from defects in materials and workmanship for a period of twelve (12) months from the date of delivery."],
  ["warranty_duration", true, "The Warranty Period shall be one year from Acceptance."],
  ["warranty_duration", true, "Contractor guarantees the Works against defects for a period of twenty-four (24) months after completion."],
  ["warranty_duration", true, "The defects liability period shall be 12 months from the date of handover."],
  ["warranty_duration", false, "Vendor represents and warrants that it will maintain insurance for a period of two (2) years following termination."],
  ["warranty_duration", false, "Each party represents and warrants that it has full power and authority to enter into this Agreement."],
  ["third_party_beneficiary", true, "The Indemnified Parties are intended third party beneficiaries of Section 9."],
  ["third_party_beneficiary", true, "There are no third-party beneficiaries of this Agreement, except that the Licensor's Affiliates are express third party beneficiaries of Section 4."],
  ["third_party_beneficiary", true, "Each of Company's Affiliates shall be entitled to enforce the provisions of this Section as if it were a party hereto."],
  ["third_party_beneficiary", false, "This Agreement is for the sole benefit of the parties and nothing herein shall confer upon any third party any rights."],
  ["third_party_beneficiary", false, "There are no third party beneficiaries of this Agreement."],
  ["third_party_beneficiary", false, "Nothing in this Agreement shall confer any rights upon any person other than the parties and their respective successors and permitted assigns."],
  ["third_party_beneficiary", false, "This Agreement shall be binding upon and inure to the benefit of the parties and their respective successors and assigns."],
  ["affiliate_license_licensee", true, "Licensor hereby grants to Licensee and its Affiliates a non-exclusive license to use the Software."],
  ["affiliate_license_licensee", true, "Licensee may sublicense the rights granted hereunder to its Affiliates without the consent of Licensor."],
  ["affiliate_license_licensee", true, "The license granted herein includes the right of Customer's Affiliates to use the Services."],
  ["affiliate_license_licensee", true, "Company grants Distributor and its Subsidiaries the right to distribute the Products in the Territory."],
  ["affiliate_license_licensee", false, "Licensor and its Affiliates hereby grant to Licensee a non-exclusive license under the Licensed Patents."],
  ["affiliate_license_licensee", false, "Licensee shall not sublicense any rights to third parties, including its Affiliates."],
  ["affiliate_license_licensor", true, "Licensor, on behalf of itself and its Affiliates, hereby grants to Licensee a worldwide license under the Licensed Patents."],
  ["affiliate_license_licensor", true, "Licensor and its Affiliates hereby grant to Licensee a non-exclusive license under the Licensed Patents."],
  ["affiliate_license_licensor", true, "Company hereby grants to Partner a license under all patents owned or controlled by Company or any of its Affiliates."],
  ["affiliate_license_licensor", true, "Licensor shall cause its Affiliates to grant to Licensee a license to the Affiliate Technology."],
  ["affiliate_license_licensor", false, "Licensor hereby grants to Licensee and its Affiliates a non-exclusive license to use the Software."],
  ["affiliate_license_licensor", false, "Licensee may sublicense the rights granted hereunder to its Affiliates."],
  // Taxonomy v4: written for this version's cues, none taken from the CUAD files.
  ["termination_for_convenience", true, "Buyer shall have the right at any time during the Term to terminate this Agreement by giving written notice to Seller."],
  ["termination_for_convenience", true, "A party wishing to terminate this Contract shall give the other party at least sixty (60) days' written notice."],
  ["termination_for_convenience", true, "Either party giving not less than three months' notice in writing may terminate this Agreement."],
  ["termination_for_convenience", true, "This Agreement is terminable at any time by either party on ninety days' written notice."],
  ["termination_for_convenience", false, "Licensor shall have the right to terminate this Agreement immediately on written notice if Licensee challenges the validity of the Licensed Patents."],
  ["termination_for_convenience", false, "Either party may terminate this Agreement on thirty days' notice if a change in law makes performance unlawful."],
  ["effective_date", true, "This Supply Agreement is made and entered into effective as of July 1, 2019 by and between Alpha Corp. and Beta LLC."],
  ["effective_date", true, "The present Contract is effective as from 1 March 2012."],
  ["effective_date", true, "This Statement of Work is governed by the Master Agreement (Effective Date: June 3, 2021)."],
  ["uncapped_liability", true, "12.3 Except with regard to a party's indemnification obligations or its breach of Section 9 (Confidentiality), neither party's aggregate liability shall exceed the fees paid in the prior twelve months."],
  ["uncapped_liability", true, "Notwithstanding anything to the contrary in this Agreement, except for claims arising from a party's gross negligence or willful misconduct, in no event shall either party be liable for any amount exceeding the Fees."],
  ["uncapped_liability", false, "Any claim arising out of this Agreement must be commenced within one year after the cause of action accrues, and the limits set out above shall not apply to the time for filing claims, which shall otherwise be irrevocably barred."],
  ["cap_on_liability", true, "The Company's total obligation under this Agreement shall not exceed the amount of the fees paid by Client."],
  ["renewal_term", true, "The term of this Agreement is three (3) years from the Effective Date, with automatic one-year renewals thereafter unless either party gives notice of non-renewal."],
  ["renewal_term", true, "The Initial Term may be extended for up to two (2) additional periods of one (1) year each by written notice given by Customer."],
  ["renewal_term", false, "Upon mutual agreement of the parties, this Agreement may be renewed for an additional term of one year."],
  ["renewal_term", false, "The Initial Term, together with any extensions and renewals, is the \"Term\"."],
  ["notice_period_to_terminate_renewal", true, "This Agreement renews each year unless a party gives notice of termination at least ninety (90) days before the expiry date of the then current term."],
  ["price_restrictions", true, "The fees charged for the Support Services will not increase during the first two years of the Term."],
  ["price_restrictions", false, "The Agent's out-of-pocket expenses shall not exceed $25,000 without the Company's consent."],
  ["minimum_commitment", true, "Distributor's exclusivity is conditioned on Distributor achieving the annual sales targets set out in Schedule 2."],
  ["minimum_commitment", false, "Any insurer must meet the Company's minimum requirements for financial strength."],
  ["post_termination_services", true, "Supplier shall continue to host and maintain the Platform for a period of ninety (90) days following any termination of this Agreement."],
  ["post_termination_services", false, "For one year following the expiration or termination of this Agreement, Customer agrees not to work with any vendor introduced by Agency."],
  ["change_of_control", true, "This Agreement shall terminate automatically upon a material change in the management or ownership of the Distributor."],
  ["change_of_control", true, "Licensor may terminate this Agreement if all or substantially all of Licensee's assets are merged, acquired or sold to a competitor of Licensor."],
  ["change_of_control", false, "Supplier shall notify Buyer of any change in the quality control procedures used at the Facility."],
  ["anti_assignment", true, "Any assignment of this Agreement by either party requires the prior written consent of the other party."],
  ["anti_assignment", true, "This Agreement shall automatically terminate in the event of its assignment by the Adviser."],
  ["revenue_profit_sharing", true, "The Fund shall pay the Manager a fee at the annual rate of 0.75% of the value of the Fund's average daily net assets."],
  ["revenue_profit_sharing", true, "The Placement Agent shall receive a fee equal to 3% of the aggregate purchase price of the Units sold in the Offering."],
  ["revenue_profit_sharing", false, "Late payments shall bear interest at 1.5% per month on the amount overdue."],
  ["exclusivity", true, "The Company hereby appoints the Bank as its exclusive financial advisor in connection with the Transaction."],
  ["exclusivity", true, "Party A shall take Party B as its exclusive and sole partner for the provision of technical services."],
  ["exclusivity", false, "This Agreement is for the sole and exclusive benefit of the parties and their permitted assigns."],
  ["ip_ownership_assignment", true, "Upon termination you shall assign to us all of your right, title and interest in any domain names that contain the Marks."],
  ["ip_ownership_assignment", false, "Upon payment of the purchase price, title to the Goods shall pass to the Buyer."],
  ["volume_restriction", true, "The Publisher may display up to four sponsored links on each results page."],
  ["volume_restriction", true, "Supplier shall fill each purchase order, provided that the order does not deviate from the current Forecast by more than fifteen percent (15%)."],
  ["audit_rights", true, "Contractor shall cooperate with any audits by Company and shall make its documentation available for examination during normal business hours."],
  ["affiliate_license_licensee", true, "Each member of the Customer Group may use the Software under the licence in clause 5."],
  ["affiliate_license_licensee", true, "The rights granted in Section 2 extend to any company controlling, controlled by or under common control with Customer."],
  ["affiliate_license_licensee", false, "Each member of the Customer Group shall indemnify the Supplier against all losses arising from its acts."],
  ["affiliate_license_licensor", true, "The Licensed Marks include the marks registered in the name of any member of the Licensor Group, which are licensed to the Licensee on these terms."],
];

test('phrasings: each sentence is (or is not) the clause', () => {
  const wrong: string[] = [];
  for (const [id, present, text] of CASES) {
    const got = detectClauses(readPlainText(text)).some((c) => c.clauseId === id);
    if (got !== present) wrong.push(`${present ? 'missed' : 'invented'} ${id}: ${text}`);
  }
  assert.deepEqual(wrong, []);
});

test('affiliate licences: the direction is read from who grants to whom', () => {
  assert.deepEqual(affiliateDirection('Licensor hereby grants to Licensee and its Affiliates a non-exclusive license to use the Software.'), { licensor: false, licensee: true });
  assert.deepEqual(affiliateDirection('Licensor and its Affiliates hereby grant to Licensee a non-exclusive license under the Licensed Patents.'), { licensor: true, licensee: false });
  assert.deepEqual(affiliateDirection('Company hereby grants to Partner a license under all patents owned or controlled by Company or any of its Affiliates.'), { licensor: true, licensee: false });
  assert.deepEqual(affiliateDirection('Licensee may sublicense the rights granted hereunder to its Affiliates.'), { licensor: false, licensee: true });
  // A party called "Affiliate" (an affiliate programme) is not someone's affiliates.
  assert.deepEqual(affiliateDirection('Chase grants Affiliate a non-exclusive, revocable right to use the Chase logos.'), { licensor: false, licensee: false });
  // A prohibition is not a grant.
  assert.deepEqual(affiliateDirection('Licensee shall not sublicense any rights to third parties, including its Affiliates.'), { licensor: false, licensee: false });
});

test('translated cooperation agreement (Party A / Party B): parties, dates from "from ... to ...", non-compete', () => {
  const text = 'COOPERATION AGREEMENT\n\nParty A: Beijing Sunrise Technology Co., Ltd.\n\nParty B: Shanghai Blue Ocean Trading Co., Ltd.\n\nThis Agreement is signed by Party A and Party B on March 3, 2015 in Beijing.\n\nThe term of cooperation is three years, from March 3, 2015 to March 2, 2018.\n\nParty B shall not cooperate with any third party in the same business during the cooperation period.';
  const clauses = detectClauses(readPlainText(text));
  const get = (id: string) => clauses.find((c) => c.clauseId === id);
  assert.deepEqual(get('parties')?.values?.parties, ['Beijing Sunrise Technology Co., Ltd.', 'Shanghai Blue Ocean Trading Co., Ltd.']);
  assert.equal(get('effective_date')?.values?.date, '2015-03-03');
  assert.equal(get('expiration_date')?.values?.date, '2018-03-02');
  assert.ok(get('non_compete'));
});

test('parties: bulleted preamble entries, and signatories when there is no preamble', () => {
  const bulleted = 'MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement is entered into by and between: ● Northwind Analytics, LLC, a Colorado limited liability company ("Provider"); and ● Harbor Freight Lines Corp., a Maine corporation ("Client").\n\nProvider shall perform the Services.';
  const get = (text: string) => detectClauses(readPlainText(text)).find((c) => c.clauseId === 'parties')?.values?.parties;
  assert.deepEqual(get(bulleted), ['Northwind Analytics, LLC', 'Harbor Freight Lines Corp.']);
  const signed = 'JOINT FILING AGREEMENT\n\nThe undersigned agree to file jointly the statement on Schedule 13D with respect to the common stock of the issuer.\n\nIN WITNESS WHEREOF, the undersigned have executed this Agreement as of May 2, 2022. CEDAR RIDGE CAPITAL LP By: Cedar Ridge GP LLC, its general partner By: /s/ Ann Lee Name: Ann Lee Title: Managing Member BLUE HERON HOLDINGS, INC. By: /s/ Tom Park Name: Tom Park Title: President';
  assert.deepEqual(get(signed), ['CEDAR RIDGE CAPITAL LP', 'BLUE HERON HOLDINGS, INC.']);
});
