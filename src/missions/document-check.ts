// What POST /missions checks of a document before accepting it: real bytes, not names.
import yauzl from 'yauzl';
import { BadRequest, Unprocessable } from '../errors.js';
import { MIME_DOCX, MIME_PDF, sniffFormat } from '../review/document/sniff.js';

/** 60 MB of base64 text, as the spec says. */
export const MAX_BASE64_CHARS = 60 * 1024 * 1024;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(b64: string): Buffer {
  if (b64.length > MAX_BASE64_CHARS) throw new BadRequest('document too large: the base64 text is over 60 MB (about 45 MB of file).');
  const compact = /\s/.test(b64) ? b64.replace(/\s+/g, '') : b64;
  if (compact.length === 0) throw new BadRequest('document.base64 is empty; put the file\'s bytes there, base64-encoded.');
  if (compact.length % 4 !== 0 || !BASE64_RE.test(compact)) {
    throw new BadRequest('document.base64 is not valid base64; encode the file\'s bytes with standard base64 (A-Z, a-z, 0-9, +, /, = padding).');
  }
  return Buffer.from(compact, 'base64');
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
