// Hostile DOCX input: zip bombs, entity expansion, encrypted or malformed packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';
import { corpusPath } from '../../support/corpus.js';
import { readDocx } from '../../../src/review/document/docx.js';
import { parseDocument } from '../../../src/review/document/index.js';
import { DEFAULT_PARSE_LIMITS } from '../../../src/review/document/model.js';
import { DocumentError } from '../../../src/review/errors.js';
import { parseXml } from '../../../src/review/docx/xml.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CT = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** A package whose word/document.xml inflates to `mb` MB of zeros, streamed so the test stays small too. */
function zeroBomb(mb: number): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const ct = new ZipDeflate('[Content_Types].xml', { level: 6 });
  zip.add(ct);
  ct.push(strToU8(CT), true);
  const doc = new ZipDeflate('word/document.xml', { level: 9 });
  zip.add(doc);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) doc.push(zeros, i === mb - 1);
  zip.end();
  return Buffer.concat(out);
}

function expectRefusal(e: unknown, code: string, re: RegExp): true {
  assert.ok(e instanceof DocumentError, String(e));
  assert.equal(e.code, code);
  assert.match(e.message, re);
  return true;
}

test('a zip bomb is refused fast with bounded memory', async (t) => {
  for (const mb of [200, 300]) {
    const bomb = zeroBomb(mb); // 200 MB declares less than the per-entry cap: the inflated stream is what stops it
    assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    await assert.rejects(parseDocument(bomb), (e) => expectRefusal(e, 'hostile', /far more data than a real contract/));
    const ms = performance.now() - t0;
    const after = process.memoryUsage();
    const grew = (after.rss - before.rss) / 1048576;
    t.diagnostic(`${mb} MB bomb (${bomb.length} bytes) refused in ${ms.toFixed(0)} ms, rss +${grew.toFixed(0)} MB`);
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.ok(grew < 100, `rss grew ${grew} MB`);
  }
});

test('per-entry, total and entry-count caps hold on real files', async () => {
  const bytes = readFileSync(corpusPath('docx/nvca-model-spa.docx'));
  await assert.rejects(readDocx(bytes, { ...DEFAULT_PARSE_LIMITS, maxEntryBytes: 100_000 }), (e) => expectRefusal(e, 'hostile', /far more data/));
  await assert.rejects(readDocx(bytes, { ...DEFAULT_PARSE_LIMITS, maxInflatedBytes: 300_000 }), (e) => expectRefusal(e, 'hostile', /far more data/));
  const many: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(CT) };
  for (let i = 0; i < 300; i++) many[`word/media/x${i}.bin`] = new Uint8Array(1);
  many['word/document.xml'] = strToU8(`<w:document ${W}><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>`);
  await assert.rejects(readDocx(zipSync(many), { ...DEFAULT_PARSE_LIMITS, maxEntries: 100 }), (e) => expectRefusal(e, 'hostile', /more than 100 parts/));
});

test('XML with a DOCTYPE or entities ("billion laughs") is refused, never expanded', async () => {
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
    `]><w:document ${W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;
  const pkg = zipSync({ '[Content_Types].xml': strToU8(CT), 'word/document.xml': strToU8(laughs) });
  const t0 = performance.now();
  await assert.rejects(parseDocument(pkg), (e) => expectRefusal(e, 'hostile', /DOCTYPE or entity declaration in the document body/));
  assert.ok(performance.now() - t0 < 500);
  // External entities (XXE) too, in any part.
  assert.throws(() => parseXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', 'the styles'), /refused as unsafe/);
});

test('malformed XML and encrypted entries fail with a sentence', async () => {
  const broken = zipSync({ '[Content_Types].xml': strToU8(CT), 'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p>`) });
  await assert.rejects(parseDocument(broken), (e) => expectRefusal(e, 'unreadable', /the document body is not well-formed XML/));

  const plain = zipSync({ '[Content_Types].xml': strToU8(CT), 'word/document.xml': strToU8(`<w:document ${W}><w:body/></w:document>`) });
  const enc = Buffer.from(plain);
  // Set the "encrypted" general-purpose flag in every local and central header.
  for (let i = 0; i < enc.length - 4; i++) {
    const sig = enc.readUInt32LE(i);
    if (sig === 0x04034b50) enc[i + 6] |= 1;
    if (sig === 0x02014b50) enc[i + 8] |= 1;
  }
  await assert.rejects(readDocx(enc, DEFAULT_PARSE_LIMITS), (e) => expectRefusal(e, 'encrypted', /encrypted; remove the password/));
});

test('a package with no text is reported as empty', async () => {
  const empty = zipSync({ '[Content_Types].xml': strToU8(CT), 'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p/></w:body></w:document>`) });
  await assert.rejects(parseDocument(empty), (e) => expectRefusal(e, 'empty', /no text to review/));
});
