// What POST /missions checks of a document before accepting it: real bytes, not names.
import yauzl from 'yauzl';
import { BadRequest, Unprocessable } from '../errors.js';
import { MIME_DOCX, MIME_PDF, sniffFormat } from '../review/document/sniff.js';

/** 60 MB of base64 text, as the spec says. */
export const MAX_BASE64_CHARS = 60 * 1024 * 1024;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const TOO_LARGE = 'document too large: the base64 text is over 60 MB (about 45 MB of file).';
const EMPTY = "document.base64 is empty; put the file's bytes there, base64-encoded.";
const INVALID = "document.base64 is not valid base64; encode the file's bytes with standard base64 (A-Z, a-z, 0-9, +, /, = padding).";

/** 1 for the base64 alphabet, 2 for white space (tolerated, as MIME line breaks), 0 otherwise. */
const CLASS = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\r\n') CLASS[c.charCodeAt(0)] = 2;

/** Decodes the document from its base64 text, or from the raw ASCII bytes of that text (large bodies). */
export function decodeBase64(b64: string | Uint8Array): Buffer {
  if (b64.length > MAX_BASE64_CHARS) throw new BadRequest(TOO_LARGE);
  if (typeof b64 !== 'string') return decodeBase64Bytes(b64);
  const compact = /\s/.test(b64) ? b64.replace(/\s+/g, '') : b64;
  if (compact.length === 0) throw new BadRequest(EMPTY);
  if (compact.length % 4 !== 0 || !BASE64_RE.test(compact)) throw new BadRequest(INVALID);
  return Buffer.from(compact, 'base64');
}

/** Validates and decodes in slices, so no string the size of the document is ever made. */
function decodeBase64Bytes(src: Uint8Array): Buffer {
  let n = src.length;
  let spaces = 0;
  while (n > 0 && CLASS[src[n - 1]] === 2) n--;
  let pad = 0;
  while (pad < 2 && n > 0 && src[n - 1] === 0x3d) {
    n--;
    pad++;
  }
  for (let i = 0; i < n; i++) {
    const c = CLASS[src[i]];
    if (c === 0) throw new BadRequest(INVALID);
    if (c === 2) spaces++;
  }
  let body = src.subarray(0, n);
  if (spaces > 0) {
    const compact = Buffer.allocUnsafe(n - spaces);
    let j = 0;
    for (let i = 0; i < n; i++) if (CLASS[src[i]] === 1) compact[j++] = src[i];
    body = compact;
  }
  if (body.length + pad === 0) throw new BadRequest(EMPTY);
  if ((body.length + pad) % 4 !== 0 || (pad > 0 && body.length % 4 === 0)) throw new BadRequest(INVALID);
  const out = Buffer.allocUnsafe(Math.floor((body.length * 3) / 4));
  const SLICE = 4 * 1024 * 1024; // a multiple of 4
  let written = 0;
  for (let i = 0; i < body.length; i += SLICE) {
    const part = Buffer.from(body.buffer, body.byteOffset + i, Math.min(SLICE, body.length - i)).toString('latin1');
    written += out.write(part, written, 'base64');
  }
  return out.subarray(0, written);
}

function describe(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'a PNG image';
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'a GIF image';
  if (b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'a legacy Word (.doc) or other OLE file; save it as .docx';
  if (b.subarray(0, 5).toString('latin1') === '{\\rtf') return 'an RTF file; save it as .docx';
  return 'neither a DOCX nor a PDF file';
}

function zipEntries(bytes: Buffer): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const names = new Set<string>();
      zip.on('entry', (e: yauzl.Entry) => {
        names.add(e.fileName);
        if (names.size > 20_000) {
          zip.close();
          resolve(names);
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The document's real format, or a 422 saying what is wrong with it. */
export async function checkDocument(bytes: Buffer, declaredMime: string | undefined): Promise<{ format: 'docx' | 'pdf'; mimeType: string }> {
  const sniffed = sniffFormat(bytes);
  let format: 'docx' | 'pdf';
  if (sniffed === 'pdf') format = 'pdf';
  else if (sniffed === 'docx' || sniffed === 'zip') {
    let names: Set<string>;
    try {
      names = await zipEntries(bytes);
    } catch {
      throw new Unprocessable('The document is a damaged or truncated ZIP/DOCX file; save it again from Word and resubmit.');
    }
    if (!names.has('word/document.xml')) {
      throw new Unprocessable('The document is a ZIP file without a Word document inside (no word/document.xml); submit a .docx or a PDF.');
    }
    format = 'docx';
  } else {
    throw new Unprocessable(`The document's bytes are ${describe(bytes)}; submit a DOCX or PDF contract.`);
  }
  const mimeType = format === 'pdf' ? MIME_PDF : MIME_DOCX;
  if (declaredMime !== undefined && declaredMime.split(';')[0].trim().toLowerCase() !== mimeType) {
    throw new Unprocessable(`document.mimeType is "${declaredMime}" but the bytes are a ${format.toUpperCase()} file; send mimeType "${mimeType}" or the right file.`);
  }
  return { format, mimeType };
}
