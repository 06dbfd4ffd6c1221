import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DetectedClause, ClauseValues } from '../../../src/review/clauses/model.js';
import type { Position, PositionPackage } from '../../../src/review/playbook/schema.js';
import { builtInPackages, builtInPackage } from '../../../src/review/playbook/load.js';
import {
  buildFindings,
  evaluatePosition,
  riskLevel,
  choosePackage,
  normalizeRole,
  roleFromDocument,
  materialityThreshold,
  instructionMatches,
  sidedness,
} from '../../../src/review/findings/index.js';

let para = 0;
function clause(clauseId: string, excerpt: string, values?: ClauseValues, section?: string): DetectedClause {
  const i = para++;
  return {
    clauseId,
    title: clauseId.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    excerpt,
    location: { paragraphIndex: i, paragraphIndexes: [i], ...(section ? { section } : {}) },
    confidence: 0.9,
    ...(values ? { values } : {}),
  };
}

function pos(rule: Position['rule'], extra: Partial<Position> = {}): Position {
  return {
    id: 'p', clauseId: extra.clauseId ?? 'confidentiality_term', rule, severity: 'medium', title: 'T',
    rationale: 'Because a lawyer says so.', recommendation: 'Fix it.', ...extra,
  };
}
const opts = { roleDefinedMutually: false };
const years = (n: number, text = `${n} years`) => ({ duration: { value: n, unit: 'year' as const, days: n * 365, text } });

test('required: missing clause fails with no location; present passes', () => {
  const f = evaluatePosition(pos({ required: true }, { clauseId: 'governing_law' }), [], opts);
  assert.equal(f?.kind, 'missing');
  assert.equal(f?.clause, null);
  assert.equal(evaluatePosition(pos({ required: true }), [clause('confidentiality_term', 'x')], opts), null);
});

test('prohibited: present clause fails and points at it', () => {
  const c = clause('non_compete', 'Recipient shall not compete with Discloser for 2 years.', undefined, '7.1');
  const f = evaluatePosition(pos({ prohibited: true }, { clauseId: 'non_compete' }), [c], opts);
  assert.equal(f?.kind, 'prohibited');
  assert.equal(f?.clause, c);
  assert.match(f!.statement, /section 7\.1/);
  assert.equal(evaluatePosition(pos({ prohibited: true }, { clauseId: 'non_compete' }), [], opts), null);
});

test('max_duration / min_duration compare normalized durations; perpetual is longest', () => {
  const ten = clause('confidentiality_term', 'for ten (10) years', years(10, 'ten (10) years'));
  const two = clause('confidentiality_term', 'for two (2) years', years(2, 'two (2) years'));
  const months = clause('confidentiality_term', 'for 60 months', { duration: { value: 60, unit: 'month', days: 1800, text: '60 months' } });
  const forever = clause('confidentiality_term', 'in perpetuity', { flags: ['perpetual'] });
  const max5 = pos({ max_duration: '5 years' });
  assert.equal(evaluatePosition(max5, [ten], opts)?.kind, 'too_long');
  assert.equal(evaluatePosition(max5, [ten], opts)?.valueText, 'ten (10) years');
  assert.equal(evaluatePosition(max5, [two], opts), null);
  assert.equal(evaluatePosition(max5, [months], opts), null, '60 months = 1800 days <= 5 years');
  assert.equal(evaluatePosition(max5, [forever], opts)?.kind, 'too_long');
  const min3 = pos({ min_duration: '3 years' });
  assert.equal(evaluatePosition(min3, [two], opts)?.kind, 'too_short');
  assert.equal(evaluatePosition(min3, [forever], opts), null);
  // A clause without any duration cannot be compared: no finding is invented.
  assert.equal(evaluatePosition(max5, [clause('confidentiality_term', 'survives termination')], opts), null);
});

test('max_amount / min_amount: money and multiples of fees, incomparable kinds ignored', () => {
  const sixMonths = clause('cap_on_liability', 'fees paid in the six (6) months', { amount: { multiple: 1, of: 'fees for 6 months', text: 'six (6) months of fees' } });
  const twoX = clause('cap_on_liability', 'two times the fees paid in the 12 months', { amount: { multiple: 2, of: 'fees paid in the 12 months preceding the claim', text: 'two times the fees paid in the 12 months' } });
  const money = clause('cap_on_liability', '$5,000,000', { amount: { currency: 'USD', value: 5e6, text: '$5,000,000' } });
  const min = pos({ min_amount: '12 months of fees' }, { clauseId: 'cap_on_liability' });
  const max = pos({ max_amount: '12 months of fees' }, { clauseId: 'cap_on_liability' });
  assert.equal(evaluatePosition(min, [sixMonths], opts)?.kind, 'too_low');
  assert.equal(evaluatePosition(min, [twoX], opts), null);
  assert.equal(evaluatePosition(max, [twoX], opts)?.kind, 'too_high');
  assert.equal(evaluatePosition(max, [money], opts), null, 'money vs fees multiple cannot be compared');
  assert.equal(evaluatePosition(pos({ max_amount: 'USD 1,000,000' }, { clauseId: 'cap_on_liability' }), [money], opts)?.kind, 'too_high');
  assert.equal(evaluatePosition(pos({ min_amount: 'USD 1,000,000' }, { clauseId: 'cap_on_liability' }), [money], opts), null);
});

test('one_of compares normalized jurisdictions', () => {
  const p = pos({ one_of: ['Delaware', 'New York', 'England and Wales'] }, { clauseId: 'governing_law' });
  assert.equal(evaluatePosition(p, [clause('governing_law', 'laws of the State of New York', { jurisdiction: 'New York' })], opts), null);
  assert.equal(evaluatePosition(p, [clause('governing_law', 'laws of England', { jurisdiction: 'England' })], opts), null);
  const tx = evaluatePosition(p, [clause('governing_law', 'laws of the State of Texas', { jurisdiction: 'Texas' })], opts);
  assert.equal(tx?.kind, 'not_allowed');
  assert.equal(tx?.valueText, 'Texas');
  assert.equal(evaluatePosition(p, [clause('governing_law', 'governed by applicable law')], opts), null);
});

test('mutual: flags first, then the text; role terms count as mutual when the document defines them for each party', () => {
  const p = pos({ mutual: true }, { clauseId: 'indemnification' });
  assert.equal(evaluatePosition(p, [clause('indemnification', 'Each party shall indemnify the other.')], opts), null);
  const one = evaluatePosition(p, [clause('indemnification', 'Customer shall indemnify Supplier against all claims.')], opts);
  assert.equal(one?.kind, 'one_sided');
  assert.match(one!.statement, /only the Customer/);
  assert.equal(evaluatePosition(p, [clause('indemnification', 'x', { flags: ['mutual'] })], opts), null);
  assert.equal(evaluatePosition(p, [clause('indemnification', 'x', { flags: ['one_sided'] })], opts)?.kind, 'one_sided');
  const recipient = clause('confidentiality', 'The Recipient shall keep the Confidential Information secret.');
  assert.equal(sidedness(recipient, true).kind, 'mutual');
  assert.equal(sidedness(recipient, false).kind, 'one_sided');
  // Undeterminable text: no finding.
  assert.equal(evaluatePosition(p, [clause('indemnification', 'Indemnification is governed by Exhibit C.')], opts), null);
});

test('risk level rule', () => {
  const f = (...s: ('info' | 'low' | 'medium' | 'high' | 'critical')[]) => s.map((severity) => ({ severity }));
  assert.equal(riskLevel(f()), 'low');
  assert.equal(riskLevel(f('info', 'info', 'info', 'low', 'low')), 'low');
  assert.equal(riskLevel(f('low', 'low', 'low')), 'medium');
  assert.equal(riskLevel(f('medium')), 'medium');
  assert.equal(riskLevel(f('medium', 'medium', 'medium')), 'high');
  assert.equal(riskLevel(f('high')), 'high');
  assert.equal(riskLevel(f('low', 'critical')), 'critical');
});

const NDA_CLAUSES = (): DetectedClause[] => [
  clause('confidentiality', 'Each party shall hold the other party\u2019s Confidential Information in confidence.'),
  clause('confidentiality_term', 'The obligations last for ten (10) years.', years(10, 'ten (10) years'), '5'),
  clause('governing_law', 'This Agreement is governed by the laws of the State of Texas.', { jurisdiction: 'Texas' }, '9'),
  clause('non_compete', 'Neither party shall compete with the other during the term.', undefined, '6'),
];

test('buildFindings: one finding per failed position, most severe first, traced to text or absence', () => {
  const r = buildFindings({ pkg: builtInPackage('mutual-nda')!, clauses: NDA_CLAUSES() });
  const ids = r.findings.map((f) => f.finding.positionId);
  assert.deepEqual(ids.slice(0, 1), ['no-non-compete']);
  assert.ok(ids.includes('confidentiality-term-maximum'));
  assert.ok(ids.includes('governing-law-accepted'));
  assert.ok(!ids.includes('confidentiality-present'));
  assert.ok(!ids.includes('discloser-term-three-years'), 'side-specific positions need a role');
  for (const { finding } of r.findings) {
    assert.match(finding.id, /^F\d\d$/);
    assert.ok(finding.excerpt === null ? finding.location === null : finding.location !== null);
    assert.ok(finding.explanation.length > 40);
  }
  const law = r.findings.find((f) => f.finding.positionId === 'governing-law-accepted')!;
  assert.equal(law.finding.suggestedText, 'Delaware');
  assert.match(law.finding.explanation, /names Texas/);
  assert.equal(riskLevel(r.findings.map((f) => f.finding)), 'critical');
});

test('context: role selects side-specific positions', () => {
  const pkg = builtInPackage('mutual-nda')!;
  const recipient = buildFindings({ pkg, clauses: NDA_CLAUSES(), role: 'receiving_party' });
  assert.ok(recipient.findings.some((f) => f.finding.positionId === 'recipient-term-three-years'));
  const discloser = buildFindings({ pkg, clauses: NDA_CLAUSES(), role: 'disclosing_party' });
  assert.ok(!discloser.findings.some((f) => f.finding.positionId === 'recipient-term-three-years'));
  assert.ok(discloser.positionsChecked < pkg.positions.length);
});

test('context: materiality sets the lowest severity reported', () => {
  const pkg = builtInPackage('mutual-nda')!;
  const all = buildFindings({ pkg, clauses: NDA_CLAUSES() });
  const material = buildFindings({ pkg, clauses: NDA_CLAUSES(), context: { materiality: 'material' } });
  assert.ok(material.findings.length < all.findings.length);
  assert.ok(material.findings.every((f) => ['high', 'critical'].includes(f.finding.severity)));
  assert.equal(material.findings.length + material.belowThreshold.length, all.findings.length);
  assert.equal(materialityThreshold('significant').min, 'medium');
  assert.equal(materialityThreshold('minor').min, 'low');
  assert.equal(materialityThreshold(undefined).min, 'info');
  assert.ok(materialityThreshold('whatever').note);
});

test('context: instructions raise matched findings one step and say so', () => {
  const pkg = builtInPackage('mutual-nda')!;
  const plain = buildFindings({ pkg, clauses: NDA_CLAUSES() });
  const r = buildFindings({ pkg, clauses: NDA_CLAUSES(), context: { instructions: 'We care most about the governing law and jurisdiction.' } });
  const before = plain.findings.find((f) => f.finding.positionId === 'governing-law-accepted')!;
  const after = r.findings.find((f) => f.finding.positionId === 'governing-law-accepted')!;
  assert.equal(before.finding.severity, 'medium');
  assert.equal(after.finding.severity, 'high');
  assert.match(after.finding.explanation, /Priority raised from medium to high because your instructions mention/);
  // Instructions can lift a finding over the materiality threshold.
  const m = buildFindings({ pkg, clauses: NDA_CLAUSES(), context: { materiality: 'material', instructions: 'check governing law' } });
  assert.ok(m.findings.some((f) => f.finding.positionId === 'governing-law-accepted'));
  const p = pkg.positions.find((x) => x.id === 'no-non-compete')!;
  assert.deepEqual(instructionMatches(p, 'Flag any non-compete.'), ['non compete', 'compete']);
  assert.deepEqual(instructionMatches(p, 'Nothing relevant here.'), []);
});

test('context: agreementType and role pick the built-in package; general commercial otherwise', () => {
  const pk = builtInPackages();
  assert.equal(choosePackage(pk, { agreementType: 'Mutual NDA' }).pkg.id, 'mutual-nda');
  assert.equal(choosePackage(pk, { agreementType: 'NDA' }).pkg.id, 'mutual-nda');
  assert.equal(choosePackage(pk, { agreementType: 'NDA', role: 'disclosing_party' }).pkg.id, 'nda-disclosing-party');
  assert.equal(choosePackage(pk, { agreementType: 'non-disclosure agreement', role: 'receiving_party' }).pkg.id, 'nda-receiving-party');
  assert.equal(choosePackage(pk, { agreementType: 'SaaS agreement', role: 'customer' }).pkg.id, 'saas-customer');
  assert.equal(choosePackage(pk, { agreementType: 'Master Services Agreement', role: 'vendor' }).pkg.id, 'saas-vendor');
  assert.equal(choosePackage(pk, { agreementType: 'Distribution Agreement' }).pkg.id, 'general-commercial');
  assert.equal(choosePackage(pk, { agreementType: 'Lease of a boat' }).pkg.id, 'general-commercial');
  assert.equal(choosePackage(pk, { title: 'MUTUAL NON-DISCLOSURE AGREEMENT' }).how, 'document_title');
  assert.equal(choosePackage(pk, {}).pkg.id, 'general-commercial');
  assert.equal(choosePackage(pk, { role: 'receiving_party' }).pkg.id, 'nda-receiving-party');
});

test('roles: normalized from words and from how the contract names the party', () => {
  assert.equal(normalizeRole('disclosing_party'), 'disclosing_party');
  assert.equal(normalizeRole('Recipient'), 'receiving_party');
  assert.equal(normalizeRole('the Supplier'), 'vendor');
  assert.equal(normalizeRole('licensee'), 'customer');
  assert.equal(normalizeRole('banana'), undefined);
  assert.equal(roleFromDocument('Acme Corp', 'This Agreement is between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd ("Supplier").'), 'customer');
  assert.equal(roleFromDocument('Widget Ltd', 'This Agreement is between Acme Corp., a Delaware corporation ("Customer"), and Widget Ltd ("Supplier").'), 'vendor');
});

test('side-specific positions in the general package follow the role', () => {
  const pkg: PositionPackage = builtInPackage('general-commercial')!;
  const cap = [clause('cap_on_liability', 'liability shall not exceed two times the fees paid in the 12 months', { amount: { multiple: 2, of: 'fees paid in the 12 months', text: 'two times the fees paid in the 12 months' } })];
  const vendor = buildFindings({ pkg, clauses: cap, role: 'vendor' });
  const customer = buildFindings({ pkg, clauses: cap, role: 'customer' });
  assert.ok(vendor.findings.some((f) => f.finding.positionId === 'vendor-cap-ceiling'));
  assert.ok(!customer.findings.some((f) => f.finding.positionId.startsWith('vendor-') || f.finding.positionId === 'customer-cap-floor'));
});

test('context: a one-way NDA never gets the mutual package', () => {
  const pk = builtInPackages();
  assert.notEqual(choosePackage(pk, { title: 'One-Way NDA' }).pkg.id, 'mutual-nda');
  assert.equal(choosePackage(pk, { agreementType: 'One-way NDA', role: 'receiving_party' }).pkg.id, 'nda-receiving-party');
  assert.equal(choosePackage(pk, { agreementType: 'mutual nda' }).pkg.id, 'mutual-nda');
});

test('role terms defined for either party make a clause mutual', async () => {
  const { rolesDefinedMutually } = await import('../../../src/review/findings/index.js');
  assert.ok(rolesDefinedMutually('“Discloser” means a party to this Agreement when the party is providing Confidential Information.'));
  assert.ok(rolesDefinedMutually('Each party (as the "Recipient") shall protect...; either party may be the Recipient or the Discloser.'));
  assert.ok(!rolesDefinedMutually('Acme Inc. (the "Recipient") will receive information from Widget LLC (the "Discloser").'));
});

test('prohibited: a sentence disclaiming the thing is not the thing', () => {
  const p = pos({ prohibited: true }, { clauseId: 'license_grant' });
  assert.equal(evaluatePosition(p, [clause('license_grant', 'The Discloser retains all of its intellectual property; no license is granted to the Recipient under this Agreement.')], opts), null);
  assert.equal(evaluatePosition(p, [clause('license_grant', 'Nothing in this Agreement grants the Recipient any licence.')], opts), null);
  assert.equal(evaluatePosition(p, [clause('license_grant', 'Discloser grants Recipient a perpetual licence to use the information.')], opts)?.kind, 'prohibited');
});
