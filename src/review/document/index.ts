// Reads a DOCX or PDF into the normalized model. Dispatch by the real bytes, never the name.
import type { DocumentModel, ParseLimits } from './model.js';
import { DEFAULT_PARSE_LIMITS } from './model.js';
import { DocumentError } from '../errors.js';
import { sniffFormat } from './sniff.js';

export async function parseDocument(bytes: Uint8Array, limits: Partial<ParseLimits> = {}): Promise<DocumentModel> {
  const l = { ...DEFAULT_PARSE_LIMITS, ...limits };
  if (bytes.byteLength > l.maxInputBytes) {
    throw new DocumentError(`The document is larger than the ${Math.round(l.maxInputBytes / 1048576)} MB this server accepts.`, 'too_large');
  }
  const format = sniffFormat(bytes);
  if (format === 'docx') return (await import('./docx.js')).readDocx(bytes, l);
  if (format === 'pdf') return (await import('./pdf.js')).readPdf(bytes, l);
  throw new DocumentError('The document is neither a DOCX nor a PDF file; submit a Word (.docx) or PDF contract.', 'unsupported');
}
