// Who a clause binds or empowers, and positions that care about the direction (docs/playbooks.md, "Direction").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DetectedClause } from '../../../src/review/clauses/model.js';
import type { Position, PositionPackage } from '../../../src/review/playbook/schema.js';
import { builtInPackage } from '../../../src/review/playbook/load.js';
import { buildFindings, buildPartyMap, evaluatePosition, readBearings, readClause } from '../../../src/review/findings/index.js';
import { corpusPath } from '../../support/corpus.js';
import { runReview } from '../../../src/review/index.js';

let para = 0;
function clause(clauseId: string, excerpt: string, section = '9.1'): DetectedClause {
  const i = para++;
  return { clauseId, title: clauseId.replace(/_/g, ' '), excerpt, location: { paragraphIndex: i, paragraphIndexes: [i], section }, confidence: 0.9 };
}
function pos(clauseId: string, rule: Position['rule'], direction?: Position['direction']): Position {
  return { id: 'p', clauseId, rule, severity: 'medium', title: 'T', rationale: 'Because.', recommendation: 'Fix it.', ...(direction ? { direction } : {}) };
}
const vendor = buildPartyMap([], { role: 'vendor' });
const customer = buildPartyMap([], { role: 'customer' });
const opts = (parties = vendor) => ({ roleDefinedMutually: false, parties });

// Common Paper Cloud Service Agreement, section 13.6.
const EITHER_ASSIGNS =
  'However, either party may assign this Agreement upon notice if the assigning party undergoes a merger, change of control, reorganization, or sale of all or substantially all its equity, business, or assets to which this Agreement relates.';

test('readBearings: the subject of shall / may / shall not / grants, and its side', () => {
  const side = (s: string, map = vendor) => readBearings(s, map).map((b) => `${b.party}:${b.side ?? '?'}:${b.effect}`);
  assert.deepEqual(side(EITHER_ASSIGNS), ['either party:both:liberty']);
  assert.deepEqual(side('Customer may terminate this Agreement for convenience on thirty (30) days written notice.'), ['Customer:them:power']);
  assert.deepEqual(side('Customer may terminate this Agreement for convenience on thirty (30) days written notice.', customer), ['Customer:us:power']);
  assert.deepEqual(side('This Agreement may be terminated by Customer at any time without cause.'), ['Customer:them:power']);
  assert.deepEqual(side('Customer agrees not to engage in any business that competes with Provider for two years.'), ['Customer:them:restraint']);
  assert.deepEqual(side('Neither party shall solicit the employees of the other party during the term.'), ['neither party:both:restraint']);
  assert.deepEqual(side('Provider will indemnify, defend, and hold harmless Customer from and against all Provider Covered Claims.'), ['Provider:us:duty']);
  assert.deepEqual(side('Licensor hereby grants to Licensee an exclusive license in the Territory.'), ['Licensor:us:duty']);
  // A liability exclusion protects its subject; a condition names no obligated party.
  assert.deepEqual(side('Provider shall not be liable for any indirect or consequential damages.'), ['Provider:us:liberty']);
  assert.deepEqual(side('If Customer fails to pay, Provider may suspend the Services.'), ['Provider:us:power']);
  // Without a side we represent, named roles stay unresolved.
  assert.deepEqual(readBearings('Customer may terminate for convenience.', undefined).map((b) => `${b.party}:${b.side ?? '?'}:${b.effect}`), ['Customer:?:power']);
});

test('buildPartyMap: defined names in the preamble, the represented party by name, the other party by elimination', () => {
  const parties = clause('parties', 'between Acme Corp. ("Company") and Beta LLC ("Consultant")');
  parties.values = { parties: ['Acme Corp.', 'Beta LLC'], aliases: ['Company', 'Consultant'] };
  const byName = buildPartyMap([parties], { representingParty: 'Beta LLC' })!;
  assert.deepEqual(byName.labels.map((l) => `${l.label}=${l.side}`), ['Company=them', 'Acme Corp.=them', 'Acme=them', 'Consultant=us', 'Beta LLC=us', 'Beta=us']);
  const byRole = buildPartyMap([parties], { role: 'customer' })!; // "Consultant" is a vendor label: Acme is the customer
  assert.equal(byRole.labels.find((l) => l.label === 'Company')?.side, 'us');
  assert.equal(readClause(clause('liquidated_damages', 'Acme shall pay Beta liquidated damages of $1,000 per day of delay.'), byRole).leaning, 'against_us');
  assert.equal(readClause(clause('liquidated_damages', 'Acme shall pay Beta liquidated damages of $1,000 per day of delay.'), byName).leaning, 'for_us');
  assert.equal(buildPartyMap([], {}), undefined);
});

test('prohibited + against_us: a right held by the counterparty fires; our own right, or a mutual freedom, does not', () => {
  const tfc = pos('termination_for_convenience', { prohibited: true }, 'against_us');
  const theirs = clause('termination_for_convenience', 'Customer may terminate this Agreement for convenience on thirty (30) days written notice.', '12.2');
  const ours = clause('termination_for_convenience', 'Provider may terminate this Agreement for convenience upon 90 days notice.');
  const both = clause('termination_for_convenience', 'Either party may terminate this Agreement at any time for any reason upon 30 days notice.');
  const f = evaluatePosition(tfc, [theirs], opts());
  assert.equal(f?.kind, 'prohibited');
  assert.match(f!.statement, /section 12\.2.*gives the Customer \(the counterparty\) the right, which works against your side\./);
  assert.equal(evaluatePosition(tfc, [ours], opts()), null);
  assert.equal(evaluatePosition(tfc, [both], opts())?.kind, 'prohibited'); // the customer can walk away too
  // The same clause, reviewed for the customer: its own right.
  assert.equal(evaluatePosition(tfc, [theirs], opts(customer)), null);

  const coc = pos('change_of_control', { prohibited: true }, 'against_us');
  assert.equal(evaluatePosition(coc, [clause('change_of_control', EITHER_ASSIGNS)], opts()), null);
  const custExit = clause('change_of_control', 'Customer may terminate this Agreement if Provider undergoes a change of control.');
  assert.equal(evaluatePosition(coc, [custExit], opts())?.kind, 'prohibited');
  const consent = clause('change_of_control', 'Neither party may assign this Agreement, including by merger or change of control, without the prior written consent of the other party.');
  assert.equal(evaluatePosition(coc, [consent], opts())?.kind, 'prohibited'); // it restricts us too

  const nc = pos('non_compete', { prohibited: true }, 'against_us');
  const custNc = clause('non_compete', 'Customer agrees not to engage in any business that competes with Provider for two years.');
  assert.equal(evaluatePosition(nc, [custNc], opts()), null);
  assert.equal(evaluatePosition(nc, [custNc], opts(customer))?.kind, 'prohibited');
});

test('direction unknown: today\'s behaviour, and the explanation says so; without a direction, the party is still named', () => {
  const nc = pos('non_compete', { prohibited: true }, 'against_us');
  const vague = clause('non_compete', 'During the Term there shall be no competition in the Territory.');
  const f = evaluatePosition(nc, [vague], opts());
  assert.equal(f?.kind, 'prohibited');
  assert.match(f!.statement, /could not tell which party it binds, so it is reported as found/);
  // No side known (no role, no party name): the direction is not applied.
  const custNc = clause('non_compete', 'Customer agrees not to engage in any business that competes with Provider.');
  assert.match(evaluatePosition(nc, [custNc], { roleDefinedMutually: false })!.statement, /could not tell/);
  // direction any: fires as before, naming the party.
  const g = evaluatePosition(pos('non_compete', { prohibited: true }), [custNc], opts());
  assert.match(g!.statement, /It binds the Customer \(the counterparty\), which favours your side\./);
});

test('mutual: a one-sided clause names the party it binds; with a direction, only one-sided against us is reported', () => {
  const assign = clause('anti_assignment', 'Licensee shall not assign this Agreement without the prior written consent of Licensor.', '14.1');
  const lic = buildPartyMap([], { role: 'customer' });
  const mutual = pos('anti_assignment', { mutual: true }, 'against_us');
  const f = evaluatePosition(mutual, [assign], opts(lic));
  assert.equal(f?.kind, 'one_sided');
  assert.match(f!.statement, /section 14\.1\) appears to bind only the Licensee \(you\), not both parties\. It favours the counterparty\./);
  // Reviewed for the licensor: one-sided in its favour, not reported.
  assert.equal(evaluatePosition(mutual, [assign], opts(buildPartyMap([], { role: 'vendor' }))), null);
  // No direction: reported as before, and it says whom it favours.
  const g = evaluatePosition(pos('anti_assignment', { mutual: true }), [assign], opts(buildPartyMap([], { role: 'vendor' })));
  assert.match(g!.statement, /bind only the Licensee \(the counterparty\).*It favours your side\./);
  // Two one-sided sentences binding each side in turn are mutual.
  const p2 = clause('indemnification', 'Provider will indemnify, defend, and hold harmless Customer from and against all Provider Covered Claims.');
  const c2 = clause('indemnification', 'Customer will indemnify, defend, and hold harmless Provider from and against all Customer Covered Claims.');
  assert.equal(evaluatePosition(pos('indemnification', { mutual: true }), [p2, c2], opts()), null);
  assert.equal(evaluatePosition(pos('indemnification', { mutual: true }, 'against_us'), [p2], opts())?.kind, 'one_sided');
  assert.equal(evaluatePosition(pos('indemnification', { mutual: true }, 'against_us'), [c2], opts()), null);
});

test('required + for_us: a clause only in the counterparty\'s favour does not count', () => {
  const tfc = pos('termination_for_convenience', { required: true }, 'for_us');
  const providerOnly = clause('termination_for_convenience', 'Provider may terminate this Agreement for convenience upon 90 days notice.', '12.3');
  const f = evaluatePosition(tfc, [providerOnly], opts(customer));
  assert.equal(f?.kind, 'missing');
  assert.equal(f?.clause, null);
  assert.match(f!.statement, /section 12\.3\) gives the Provider \(the counterparty\) the right, not your side/);
  assert.equal(evaluatePosition(tfc, [providerOnly], opts(vendor)), null);
  const either = clause('termination_for_convenience', 'Either party may terminate this Agreement for convenience on 60 days notice.');
  assert.equal(evaluatePosition(tfc, [either], opts(customer)), null);
});

test('built-in packages: the vendor package no longer flags its own TfC or audit right, or a customer non-compete', () => {
  const pkg = builtInPackage('saas-vendor')!;
  const clauses = [
    clause('termination_for_convenience', 'Provider may terminate this Agreement for convenience upon 90 days notice.'),
    clause('non_compete', 'Customer agrees not to develop any product that competes with the Services during the Term.'),
    clause('audit_rights', 'Provider may audit Customer\'s use of the Services once per year.'),
  ];
  const asVendor = buildFindings({ pkg, clauses, role: 'vendor' }).findings.map((f) => f.finding.positionId);
  assert.deepEqual(asVendor.filter((id) => /termination|compete|audit/.test(id)), []);
  // Reviewed for the customer with the same (vendor) package, the same sentences bear the other way... except
  // that they now bind "us": the non-compete is reported.
  const asCustomer = buildFindings({ pkg, clauses, role: 'customer' }).findings.map((f) => f.finding.positionId);
  assert.ok(asCustomer.includes('no-non-compete'));
  assert.ok(asCustomer.includes('no-termination-for-convenience'));
});

const CSA = 'docx/commonpaper-cloud-service-agreement.docx';
async function review(role: string, positionPackage?: PositionPackage) {
  const out = await runReview({ bytes: new Uint8Array(readFileSync(corpusPath(CSA))), filename: 'csa.docx', mimeType: '', missionType: 'analysis', context: { representingPartyRole: role }, positionPackage });
  return out.results.findings;
}

test('Common Paper CSA: "either party may assign ... upon a change of control" is no change-of-control exit for the vendor', async () => {
  const findings = await review('vendor', builtInPackage('saas-vendor'));
  assert.equal(findings.find((f) => f.positionId === 'no-change-of-control-exit'), undefined);
  // The same position without a direction still reports it, saying it gives both parties the right.
  const pkg = structuredClone(builtInPackage('saas-vendor')!) as PositionPackage;
  for (const p of pkg.positions) delete p.direction;
  const before = (await review('vendor', pkg)).find((f) => f.positionId === 'no-change-of-control-exit');
  assert.ok(before);
  assert.match(before.explanation, /gives both parties the right/);
});

test('Common Paper CSA: vendor and customer views give different findings for the same one-sided clause', async () => {
  const pkg: PositionPackage = {
    id: 'sided', version: '1', name: 'Sided', description: 'Test.', agreementTypes: ['Cloud Service Agreement'], representing: 'either',
    positions: [
      { id: 'dpa-mutual', clauseId: 'data_protection', direction: 'against_us', rule: { mutual: true }, severity: 'medium', title: 'One-sided data protection', rationale: 'Both should carry it.', recommendation: 'Make it mutual.' },
      { id: 'dpa-any', clauseId: 'data_protection', rule: { mutual: true }, severity: 'low', title: 'One-sided data protection (any)', rationale: 'Both should carry it.', recommendation: 'Make it mutual.' },
    ],
  };
  const asCustomer = await review('customer', pkg);
  const asVendor = await review('vendor', pkg);
  const c = asCustomer.find((f) => f.positionId === 'dpa-mutual');
  assert.ok(c, 'the customer is the one bound');
  assert.match(c.explanation, /bind only the Customer \(you\), not both parties\. It favours the counterparty\./);
  assert.match(c.excerpt ?? '', /Customer must enter into a data processing agreement/);
  assert.equal(asVendor.find((f) => f.positionId === 'dpa-mutual'), undefined);
  // Without a direction both sides see it, each told whom it favours.
  assert.match(asVendor.find((f) => f.positionId === 'dpa-any')!.explanation, /bind only the Customer \(the counterparty\).*It favours your side\./);
  assert.match(asCustomer.find((f) => f.positionId === 'dpa-any')!.explanation, /It favours the counterparty\./);
});
