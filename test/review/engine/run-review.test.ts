// End to end over real corpus files: parse -> clauses -> findings -> documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { corpusPath } from '../../support/corpus.js';
import { runReview } from '../../../src/review/index.js';
import { parseDocument } from '../../../src/review/document/index.js';
import type { ReviewInput, ReviewOutput } from '../../../src/review/types.js';

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;

function input(rel: string, missionType: ReviewInput['missionType'], context?: ReviewInput['context']): ReviewInput {
  return { bytes: new Uint8Array(readFileSync(corpusPath(rel))), filename: rel.split('/').pop()!, mimeType: '', missionType, context };
}

async function assertFindingsPointToRealText(rel: string, out: ReviewOutput): Promise<void> {
  const doc = await parseDocument(new Uint8Array(readFileSync(corpusPath(rel))));
  for (const f of out.results.findings) {
    assert.ok(f.positionId && f.clauseId && f.title && f.explanation && f.recommendation, `finding ${f.id} is complete`);
    if (f.location === null) {
      assert.equal(f.excerpt, null, `${f.id}: a missing clause has no excerpt`);
      continue;
    }
    const text = f.location.paragraphIndexes.map((i) => doc.paragraphs[i]?.text ?? '').join(' ');
    const probe = f.excerpt!.replace(/\.\.\.$/, '').slice(0, 80);
    assert.ok(text.includes(probe), `${f.id}: excerpt "${probe}" is in paragraph ${f.location.paragraphIndex}`);
  }
}

function pandoc(bytes: Uint8Array, mode: 'accept' | 'reject' | 'all'): string {
  const dir = mkdtempSync(join(tmpdir(), 'docket-'));
  try {
    const p = join(dir, 'x.docx');
    writeFileSync(p, bytes);
    const r = spawnSync('pandoc', [`--track-changes=${mode}`, '-t', 'plain', '--wrap=none', p], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('DOCX redline: stages, a report and a tracked-change redline of the original', async (t) => {
  const stages: string[] = [];
  const rel = 'docx/commonpaper-cloud-service-agreement.docx';
  const out = await runReview({ ...input(rel, 'redline', { counterparty: 'Acme Cloud', representingPartyRole: 'customer' }), onStage: (s) => stages.push(s) });
  assert.deepEqual(stages, ['parsing', 'reviewing', 'drafting']);
  const kinds = out.documents.map((d) => d.kind).sort();
  assert.deepEqual(kinds, ['redline', 'report']);
  for (const d of out.documents) assert.equal(Buffer.from(d.bytes.subarray(0, 2)).toString(), 'PK');
  const r = out.results;
  assert.equal(r.positionPackage?.id, 'saas-customer');
  assert.equal(r.findingsCount, r.findings.length);
  assert.ok(r.findings.length > 0);
  assert.ok(['low', 'medium', 'high', 'critical'].includes(r.riskLevel!));
  assert.match(r.summary, /Acme Cloud/);
  assert.ok(r.clauses.length > 5);
  assert.ok(r.review!.redline!.applied > 0);
  await assertFindingsPointToRealText(rel, out);
  if (!hasPandoc) return t.skip('pandoc not installed: tracked-change round trip not checked');
  const redline = out.documents.find((d) => d.kind === 'redline')!.bytes;
  const original = new Uint8Array(readFileSync(corpusPath(rel)));
  assert.equal(pandoc(redline, 'reject'), pandoc(original, 'accept'), 'rejecting every change gives back the original text');
  const accepted = pandoc(redline, 'accept');
  for (const f of r.findings.filter((x) => x.suggestedText)) {
    assert.ok(accepted.replace(/\s+/g, ' ').includes(f.suggestedText!.slice(0, 60)), `${f.id}: proposed language is in the accepted text`);
  }
  const report = pandoc(out.documents.find((d) => d.kind === 'report')!.bytes, 'all');
  assert.match(report, /Summary/);
  assert.match(report, /Clauses detected/);
  assert.ok(r.findings.every((f) => report.includes(f.title)));
});

test('PDF redline: a clean DOCX with tracked changes, findings traced to the PDF text', async () => {
  const rel = 'cuad-dev/pdf/cuad-001.pdf';
  const out = await runReview(input(rel, 'redline'));
  assert.deepEqual(out.documents.map((d) => d.kind).sort(), ['redline', 'report']);
  assert.equal(out.results.document.format, 'pdf');
  await assertFindingsPointToRealText(rel, out);
});

test('context changes the review: package by agreement type, materiality, instructions', async () => {
  const rel = 'docx/commonpaper-one-way-nda.docx';
  const all = await runReview(input(rel, 'analysis', { agreementType: 'NDA', representingPartyRole: 'receiving_party' }));
  assert.equal(all.results.positionPackage?.id, 'nda-receiving-party');
  assert.equal(all.results.review?.representing, 'receiving_party');
  const discl = await runReview(input(rel, 'analysis', { agreementType: 'NDA', representingPartyRole: 'disclosing_party' }));
  assert.equal(discl.results.positionPackage?.id, 'nda-disclosing-party');
  const critical = await runReview(input(rel, 'analysis', { agreementType: 'NDA', representingPartyRole: 'disclosing_party', materiality: 'critical' }));
  assert.ok(critical.results.findings.every((f) => f.severity === 'critical'));
  assert.ok(critical.results.findingsCount <= discl.results.findingsCount);
  const instructed = await runReview(input(rel, 'analysis', { agreementType: 'NDA', representingPartyRole: 'disclosing_party', instructions: 'Look hard at data protection and personal data.' }));
  const before = discl.results.findings.find((f) => f.clauseId === 'data_protection');
  const after = instructed.results.findings.find((f) => f.clauseId === 'data_protection');
  if (before && after) {
    assert.notEqual(after.severity, before.severity);
    assert.match(after.explanation, /instructions mention/);
  }
  assert.ok(instructed.results.review!.instructionMatches.includes('data-protection-present'));
});

test('addendum, draft and research missions produce their documents', async () => {
  const rel = 'docx/commonpaper-mutual-nda.docx';
  const add = await runReview(input(rel, 'addendum'));
  assert.deepEqual(add.documents.map((d) => d.kind).sort(), ['addendum', 'report']);
  const draft = await runReview(input(rel, 'draft', { agreementType: 'Mutual NDA', counterparty: 'Widget Ltd', representingParty: 'Acme Inc', instructions: 'Keep confidentiality to three years.' }));
  assert.deepEqual(draft.documents.map((d) => d.kind).sort(), ['draft', 'report']);
  assert.match(draft.results.summary, /template-based/);
  const research = await runReview(input(rel, 'research', { instructions: 'What does the contract say about governing law?' }));
  assert.deepEqual(research.documents.map((d) => d.kind), ['report']);
  assert.match(research.documents[0].filename, /research-memo\.docx$/);
  if (hasPandoc) {
    const memo = pandoc(research.documents[0].bytes, 'all');
    assert.match(memo, /Short answer/);
    assert.match(memo, /governing law/i);
    const drafted = pandoc(draft.documents.find((d) => d.kind === 'draft')!.bytes, 'all');
    assert.match(drafted, /Widget Ltd/);
    assert.match(drafted, /Confidentiality Obligations/);
  }
});

test('a package passed by the API is used as given, and a broken one is refused', async () => {
  const { builtInPackage } = await import('../../../src/review/playbook/load.js');
  const pkg = JSON.parse(JSON.stringify(builtInPackage('saas-vendor')));
  const out = await runReview({ ...input('docx/commonpaper-mutual-nda.docx', 'analysis'), positionPackage: pkg });
  assert.equal(out.results.positionPackage?.id, 'saas-vendor');
  await assert.rejects(runReview({ ...input('docx/commonpaper-mutual-nda.docx', 'analysis'), positionPackage: { id: 'x' } }), /not a valid position package/);
});
