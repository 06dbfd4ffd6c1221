// Decide the format from the bytes alone. Cheap: used on the request path before a mission is accepted.
export type SniffedFormat = 'docx' | 'pdf' | 'zip' | 'unknown';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

/** PDF allows up to 1024 bytes of junk before the header. */
function findPdfHeader(bytes: Uint8Array): number {
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF_MAGIC, i)) return i;
  return -1;
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (findPdfHeader(bytes) >= 0) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) {
    // A DOCX names its main part in the zip; a local file header name appears in plain bytes.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)).toString('latin1');
    const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.byteLength - 256 * 1024)).toString('latin1');
    if (head.includes('word/') || tail.includes('word/document.xml')) return 'docx';
    return 'zip';
  }
  return 'unknown';
}

export const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MIME_PDF = 'application/pdf';
