import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { taxonomy, parseTaxonomy, compileTaxonomy, TaxonomyError, CUAD_IDS } from '../../../src/review/clauses/index.js';

const yamlText = readFileSync(new URL('../../../src/review/clauses/taxonomy.yaml', import.meta.url), 'utf8');

test('the built-in taxonomy loads, validates and has a version', () => {
  assert.ok(Number.isInteger(taxonomy.version) && taxonomy.version >= 1);
  assert.ok(taxonomy.clauses.length >= 55);
  for (const c of taxonomy.clauses) {
    assert.match(c.id, /^[a-z][a-z0-9_]*$/);
    assert.ok(c.title && c.spec.description, `${c.id} has a title and description`);
  }
});

test('all 40 CUAD ids are present, each mapped to its CUAD category', () => {
  assert.equal(CUAD_IDS.length, 40);
  for (const id of CUAD_IDS) {
    const c = taxonomy.byId.get(id);
    assert.ok(c, `missing ${id}`);
    assert.ok(c.spec.cuad, `${id} names its CUAD category`);
  }
  for (const id of ['confidentiality', 'confidentiality_term', 'indemnification', 'payment_terms', 'termination_for_cause', 'dispute_resolution', 'venue', 'force_majeure', 'data_protection', 'warranty_disclaimer', 'limitation_of_consequential_damages', 'notices', 'entire_agreement', 'severability', 'amendment', 'term']) {
    assert.ok(taxonomy.byId.get(id), `missing commercial clause ${id}`);
  }
});

test('a broken taxonomy gives a clear error naming the clause and field', () => {
  const data = parse(yamlText) as { clauses: { id: string; cues: { pattern: string; weight: unknown }[] }[] };
  const gl = data.clauses.find((c) => c.id === 'governing_law')!;
  gl.cues[0]!.weight = 'heavy';
  assert.throws(() => compileTaxonomy(data, 'edited.yaml'), (e: unknown) => {
    assert.ok(e instanceof TaxonomyError);
    assert.match(e.message, /edited\.yaml is not a valid clause taxonomy/);
    assert.match(e.message, /clause 'governing_law', field cues\[0\]\.weight/);
    return true;
  });
});

test('a bad regular expression is reported with its place', () => {
  const data = parse(yamlText) as { clauses: { id: string; cues: { pattern: string; weight: number }[] }[] };
  data.clauses.find((c) => c.id === 'insurance')!.cues[0]!.pattern = '(unclosed';
  assert.throws(() => compileTaxonomy(data), /clause 'insurance', field cues\[0\]: the pattern "\(unclosed" is not a valid regular expression/);
});

test('a missing CUAD clause and a duplicate id are both reported', () => {
  const data = parse(yamlText) as { clauses: { id: string }[] };
  data.clauses = data.clauses.filter((c) => c.id !== 'audit_rights');
  data.clauses.push({ ...data.clauses[0]! });
  assert.throws(() => compileTaxonomy(data), (e: unknown) => {
    assert.ok(e instanceof TaxonomyError);
    assert.ok(e.problems.some((p) => /'audit_rights' \(a CUAD category\) is missing/.test(p)));
    assert.ok(e.problems.some((p) => /used twice/.test(p)));
    return true;
  });
});

test('YAML syntax errors carry a line number', () => {
  assert.throws(() => parseTaxonomy('version: 1\nclauses:\n  - id: x\n   title: [unclosed\n'), /line \d+/);
});
