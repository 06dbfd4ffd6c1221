import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtInPackages, loadPackageFile, asPositionPackage, PackageError } from '../../../src/review/playbook/load.js';
import { summarizePackage } from '../../../src/review/playbook/schema.js';
import { parseRuleDuration, parseRuleAmount, normalizeJurisdiction, jurisdictionMatches, normalizeDetectedAmount } from '../../../src/review/playbook/values.js';

const GOOD = `id: acme-nda
version: 1.2
name: Acme NDA
description: Our NDA positions.
agreementTypes: [NDA]
representing: mutual
positions:
  - id: term
    clauseId: confidentiality_term
    rule: { max_duration: "5 years" }
    severity: medium
    title: Too long
    rationale: Because.
    recommendation: Shorten it.
    fallback:
      replaceValue: five (5) years
`;

function issuesOf(text: string): string[] {
  try {
    loadPackageFile(text, 'p.yaml');
  } catch (e) {
    assert.ok(e instanceof PackageError);
    return e.message.split('\n').slice(1);
  }
  assert.fail('expected the package to be rejected');
}

test('a valid package loads; version becomes a string', () => {
  const p = loadPackageFile(GOOD, 'p.yaml');
  assert.equal(p.id, 'acme-nda');
  assert.equal(p.version, '1.2');
  assert.equal(p.positions[0].rule.max_duration, '5 years');
  assert.deepEqual(summarizePackage(p), {
    id: 'acme-nda', version: '1.2', name: 'Acme NDA', description: 'Our NDA positions.',
    agreementTypes: ['NDA'], representing: 'mutual', positionsCount: 1,
  });
});

test('a bad duration is reported with its line and path', () => {
  const issues = issuesOf(GOOD.replace('"5 years"', '"5 yeers"'));
  assert.deepEqual(issues, ['line 10: positions[0].rule.max_duration: "5 yeers" is not a duration like "5 years"']);
});

test('schema errors carry line numbers: enum, unknown field, missing field, wrong type', () => {
  const text = GOOD.replace('severity: medium', 'severity: hgih').replace('representing: mutual', 'representing: mutal')
    .replace('    title: Too long\n', '    title: Too long\n    colour: red\n').replace('    recommendation: Shorten it.\n', '')
    .replace('agreementTypes: [NDA]', 'agreementTypes: NDA');
  const issues = issuesOf(text);
  assert.ok(issues.includes('line 5: agreementTypes: expected a list, found "NDA"'), issues.join('\n'));
  assert.ok(issues.includes('line 6: representing: "mutal" is not one of mutual, either, disclosing_party, receiving_party, customer, vendor'), issues.join('\n'));
  assert.ok(issues.includes('line 11: positions[0].severity: "hgih" is not one of info, low, medium, high, critical'), issues.join('\n'));
  assert.ok(issues.includes('line 13: positions[0].colour: unknown field "colour"'), issues.join('\n'));
  assert.ok(issues.some((i) => /^line 8: positions\[0\]: missing required field "recommendation"$/.test(i)), issues.join('\n'));
});

test('semantic checks: duplicate ids, required+prohibited, bad amount, unknown clause id', () => {
  const two = GOOD + GOOD.split('positions:\n')[1].replace('rule: { max_duration: "5 years" }', 'rule: { required: true, prohibited: true }');
  const issues = issuesOf(two);
  assert.ok(issues.some((i) => /^line 1[6-9]: positions\[1\]\.id: duplicate position id "term"/.test(i)), issues.join('\n'));
  assert.ok(issues.some((i) => /positions\[1\]\.rule: a clause cannot be both required and prohibited/.test(i)), issues.join('\n'));
  assert.deepEqual(issuesOf(GOOD.replace('max_duration: "5 years"', 'max_amount: "lots"').replace('      replaceValue: five (5) years\n', '      replace: x\n')),
    ['line 10: positions[0].rule.max_amount: "lots" is not an amount like "USD 1,000,000" or "12 months of fees"']);
  assert.throws(() => loadPackageFile(GOOD, 'p.yaml', { knownClauseIds: ['governing_law'] }), /line 9: positions\[0\]\.clauseId: "confidentiality_term" is not a clause id/);
});

test('YAML syntax errors carry line numbers', () => {
  const issues = issuesOf('id: x\nname: [unclosed\npositions: 3\n');
  assert.ok(issues.length > 0 && issues.every((i) => /^line \d+: YAML syntax: /.test(i)), issues.join('\n'));
  assert.deepEqual(issuesOf('- just\n- a list\n'), ['line 1: the file must be a YAML mapping with id, name, positions...']);
});

test('every built-in package loads, has 10-25 positions, real rationale, and sensible ids', () => {
  const files = readdirSync(new URL('../../../src/review/playbook/packages/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
  const pkgs = builtInPackages();
  assert.equal(pkgs.length, files.length);
  assert.deepEqual(pkgs.map((p) => p.id).sort(), ['general-commercial', 'mutual-nda', 'nda-disclosing-party', 'nda-receiving-party', 'saas-customer', 'saas-vendor']);
  for (const p of pkgs) {
    assert.ok(p.positions.length >= 10 && p.positions.length <= 25, `${p.id}: ${p.positions.length} positions`);
    for (const pos of p.positions) {
      assert.ok(pos.rationale.length > 80, `${p.id}/${pos.id}: rationale too thin`);
      if (pos.rule.required && Object.keys(pos.rule).length === 1) assert.ok(pos.fallback?.insert, `${p.id}/${pos.id}: a required clause needs insert language`);
    }
  }
});

test('built-in packages only name clause ids the detector knows (when the taxonomy is present)', async (t) => {
  let ids: Set<string>;
  try {
    const { taxonomy } = await import('../../../src/review/clauses/index.js');
    ids = new Set(taxonomy.clauses.map((c) => c.id));
  } catch (e) {
    t.skip(`clause taxonomy not available yet: ${(e as Error).message}`);
    return;
  }
  for (const p of builtInPackages()) {
    const text = readFileSync(new URL(`../../../src/review/playbook/packages/${p.id}.yaml`, import.meta.url), 'utf8');
    loadPackageFile(text, `${p.id}.yaml`, { knownClauseIds: ids });
  }
});

test('asPositionPackage validates stored JSON objects', () => {
  const p = builtInPackages()[0];
  assert.equal(asPositionPackage(JSON.parse(JSON.stringify(p))).id, p.id);
  assert.throws(() => asPositionPackage({ ...p, positions: [] }), PackageError);
});

test('value normalizers', () => {
  assert.equal(parseRuleDuration('5 years')!.days, 1825);
  assert.equal(parseRuleDuration('six months')!.days, 180);
  assert.equal(parseRuleDuration('10 business days')!.days, 14);
  assert.equal(parseRuleDuration('perpetual')!.days, Infinity);
  assert.equal(parseRuleDuration('5 yeers'), null);
  assert.deepEqual(parseRuleAmount('USD 1,000,000'), { kind: 'money', value: 1e6, currency: 'USD', text: 'USD 1,000,000' });
  assert.deepEqual(parseRuleAmount('$2m'), { kind: 'money', value: 2e6, currency: 'USD', text: '$2m' });
  assert.equal((parseRuleAmount('12 months of fees') as { annualMultiple: number }).annualMultiple, 1);
  assert.equal((parseRuleAmount('2x annual fees') as { annualMultiple: number }).annualMultiple, 2);
  assert.equal(normalizeJurisdiction('the State of New York'), 'new york');
  assert.equal(normalizeJurisdiction('England & Wales'), 'england and wales');
  assert.ok(jurisdictionMatches('State of Delaware', ['Delaware']));
  assert.ok(!jurisdictionMatches('Texas', ['Delaware', 'New York']));
  assert.equal((normalizeDetectedAmount({ multiple: 1, of: 'fees for 6 months', text: 'six (6) months of fees' }) as { annualMultiple: number }).annualMultiple, 0.5);
  assert.equal((normalizeDetectedAmount({ multiple: 2, of: 'fees paid in the twelve (12) months preceding the claim', text: 'x' }) as { annualMultiple: number }).annualMultiple, 2);
  assert.equal(normalizeDetectedAmount({ multiple: 1, of: 'fees paid under this Agreement', text: 'fees paid under this Agreement' }), null);
});

test('the complete example in docs/playbooks.md loads', () => {
  const md = readFileSync(new URL('../../../docs/playbooks.md', import.meta.url), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(md)![1];
  const p = loadPackageFile(yaml, 'example.yaml');
  assert.equal(p.id, 'acme-nda');
  assert.equal(p.positions.length, 4);
});

test('direction: optional, one of any/against_us/one_sided_against_us/for_us, checked against the rule', () => {
  const withDir = (d: string, rule = '{ prohibited: true }') => GOOD.replace('    rule: { max_duration: "5 years" }', `    direction: ${d}\n    rule: ${rule}`).replace(/    fallback:\n      replaceValue: five \(5\) years\n/, '');
  assert.equal(loadPackageFile(withDir('against_us'), 'p.yaml').positions[0]!.direction, 'against_us');
  assert.equal(loadPackageFile(GOOD, 'p.yaml').positions[0]!.direction, undefined);
  assert.ok(issuesOf(withDir('against_them')).some((m) => /^line 10: positions\[0\]\.direction:/.test(m)));
  assert.ok(issuesOf(withDir('for_us')).some((m) => /for_us does not apply to prohibited positions/.test(m)));
  assert.ok(issuesOf(withDir('against_us', '{ required: true }')).some((m) => /against_us does not apply to required-only positions/.test(m)));
  for (const p of builtInPackages()) for (const x of p.positions) if (x.direction) assert.ok(['any', 'against_us', 'one_sided_against_us', 'for_us'].includes(x.direction));
});
