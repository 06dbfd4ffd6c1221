// Every DOCX the engine writes opens in LibreOffice, and pandoc reads back what was meant.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/corpus.js';
import { PANDOC_MISSING, SOFFICE_MISSING, pandocText, scratch, sofficeConvert, normalize } from '../../support/readers.js';
import { runReview } from '../../../src/review/index.js';
import type { MissionType } from '../../../src/review/types.js';

const cases: [string, MissionType][] = [
  ['docx/commonpaper-cloud-service-agreement.docx', 'redline'],
  ['cuad-dev/pdf/cuad-003.pdf', 'redline'],
  ['docx/commonpaper-mutual-nda.docx', 'addendum'],
  ['docx/commonpaper-software-license-agreement.docx', 'draft'],
  ['docx/msr-license-agreement-gait-balance.docx', 'research'],
];

describe('engine output in independent readers', () => {
  for (const [rel, type] of cases) {
    it(`${type} of ${rel}: LibreOffice converts every produced DOCX`, { skip: SOFFICE_MISSING }, async () => {
      const out = await runReview({ bytes: new Uint8Array(readFileSync(corpusPath(rel))), filename: rel.split('/').pop()!, mimeType: '', missionType: type });
      assert.ok(out.documents.length > 0);
      const tmp = scratch();
      try {
        for (const d of out.documents) {
          const path = tmp.file(d.filename, d.bytes);
          const r = sofficeConvert(path, tmp.dir);
          assert.equal(r.status, 0, `${d.filename}: ${r.stderr}`);
          assert.ok(r.output, `${d.filename} was converted`);
          const text = normalize(readFileSync(r.output!, 'utf8'));
          assert.ok(text.length > 200, `${d.filename} has text`);
          if (d.kind === 'report') assert.match(text, /risk/i);
        }
      } finally {
        tmp.done();
      }
    });
  }

  it('the report reads in pandoc with the findings quoted', { skip: PANDOC_MISSING }, async () => {
    const rel = 'docx/commonpaper-cloud-service-agreement.docx';
    const out = await runReview({ bytes: new Uint8Array(readFileSync(corpusPath(rel))), filename: 'csa.docx', mimeType: '', missionType: 'analysis' });
    const report = out.documents.find((d) => d.kind === 'report')!;
    const tmp = scratch();
    try {
      const text = pandocText(tmp.file('report.docx', report.bytes), 'accept');
      assert.ok(out.results.findings.length > 0);
      for (const f of out.results.findings) assert.ok(text.includes(normalize(f.title)), `report names "${f.title}"`);
    } finally {
      tmp.done();
    }
  });
});
